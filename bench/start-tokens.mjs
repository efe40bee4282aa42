// The start report's tokens against the raw sources a session would otherwise read: the git
// commands' output (branch, log -10, status, stash list, branch -r --no-merged), the last 80
// log lines, and the whole roadmap and known-issues files. Also builds the demo workspace.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_DIR = join(here, '.work', 'demo');

export function ensureDemo(node, bin) {
  if (!existsSync(join(DEMO_DIR, '.git')))
    execFileSync(node, [bin, 'demo', '--dir', DEMO_DIR, '--today', '2026-11-25'], { stdio: 'ignore' });
  return DEMO_DIR;
}

const tokens = (s) => encode(s, { disallowedSpecial: new Set() }).length;
const git = (cwd, args) => {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    return e.stdout ?? '';
  }
};
const read = (cwd, f) => (existsSync(join(cwd, f)) ? readFileSync(join(cwd, f), 'utf8') : '');

export function rawSources(cwd) {
  const main = git(cwd, ['rev-parse', '--verify', '-q', 'main']) ? 'main' : 'master';
  const log = read(cwd, 'project-management/_log.md').split('\n');
  return {
    'git branch': git(cwd, ['branch']),
    'git log -10': git(cwd, ['log', '-10']),
    'git status': git(cwd, ['status']),
    'git stash list': git(cwd, ['stash', 'list']),
    'git branch -r --no-merged': git(cwd, ['branch', '-r', '--no-merged', main]),
    'last 80 log lines': log.slice(-81).join('\n'),
    'ROADMAP.md': read(cwd, 'project-management/ROADMAP.md'),
    'KNOWN-ISSUES.md': read(cwd, 'project-management/KNOWN-ISSUES.md'),
  };
}

/** One line per workspace: report tokens, raw tokens, ratio, against the targets. */
export function tokenReport(name, node, bin, cwd, budget) {
  const r = JSON.parse(
    execFileSync(node, [bin, 'start', '--json', '--today', '2026-11-25'], { cwd, encoding: 'utf8' }),
  );
  const raw = Object.values(rawSources(cwd)).reduce((n, s) => n + tokens(s), 0);
  const ratio = r.tokens / raw;
  const verdicts = [
    `<= 1/4 of raw: ${ratio <= 0.25 ? 'yes' : 'NO'}`,
    ...(budget ? [`< ${budget} tokens: ${r.tokens < budget ? 'yes' : 'NO'}`] : []),
  ];
  return `${name}: start report ${r.tokens} tokens, raw sources ${raw} tokens, ratio ${ratio.toFixed(3)} (${verdicts.join(', ')})`;
}
