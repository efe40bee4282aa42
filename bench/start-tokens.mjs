// The start report's tokens against the raw sources a session would otherwise read: the git
// commands' output (branch, log -10, status, stash list, branch -r --no-merged), the last 80
// log lines, and the whole roadmap and known-issues files. Also builds the demo workspace.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_DIR = join(here, '.work', 'demo');

export function ensureDemo(node, bin) {
  if (!existsSync(join(DEMO_DIR, '.git')))
    execFileSync(node, [bin, 'demo', '--dir', DEMO_DIR], { stdio: 'ignore' });
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
  const r = JSON.parse(execFileSync(node, [bin, 'start', '--json'], { cwd, encoding: 'utf8' }));
  const raw = Object.values(rawSources(cwd)).reduce((n, s) => n + tokens(s), 0);
  const ratio = r.tokens / raw;
  const verdicts = [
    `<= 1/4 of raw: ${ratio <= 0.25 ? 'yes' : 'NO'}`,
    ...(budget ? [`< ${budget} tokens: ${r.tokens < budget ? 'yes' : 'NO'}`] : []),
  ];
  return `${name}: start report ${r.tokens} tokens, raw sources ${raw} tokens, ratio ${ratio.toFixed(3)} (${verdicts.join(', ')})`;
}

export const MEDIUM_DIR = join(here, '.work', 'medium');
const BRANCHES = ['main', 'feature/overdue-badges', 'feature/recurring-invoices', 'fix/rounding'];
const LAYERS = ['UI', 'CFG', 'B', 'INT', 'P'];

/** The demo grown to a realistic medium project: a 200-line log, 30 open issues, 20 roadmap items. */
export function ensureMedium(node, bin) {
  if (existsSync(join(MEDIUM_DIR, '.git'))) return MEDIUM_DIR;
  execFileSync(node, [bin, 'demo', '--dir', MEDIUM_DIR], {
    stdio: 'ignore',
  });
  const pm = (f) => join(MEDIUM_DIR, 'project-management', f);
  const log = ['# Quillbill: session log', ''];
  for (let e = 0; log.length < 196; e++) {
    const day = new Date(Date.now() - (60 - e) * 86_400_000).toISOString().slice(0, 10);
    log.push(`## ${day}`, '', `**Branch:** ${BRANCHES[Math.floor(e / 3) % BRANCHES.length]}`);
    log.push(
      `**What happened:** Worked through runbook ${(e % 6) + 1}: the invoice ${['list', 'form', 'export', 'totals'][e % 4]} now ${['keeps', 'rounds', 'shows', 'sorts'][e % 4]} amounts in cents; tests pass.`,
    );
    if (e % 4 === 1)
      log.push(`**Decided:** keep ${['cents', 'the flag', 'SQLite', 'one query'][e % 4]} for now.`);
    if (e % 5 === 2)
      log.push('', '**RESUME HERE:**', '1. Review the diff against FILES.', '2. Run the canary.');
    log.push('');
  }
  writeFileSync(pm('_log.md'), log.join('\n'));
  const issues = ['# Quillbill: known issues', '', 'Open bugs only.', ''];
  for (let i = 1; i <= 30; i++) {
    const id = `${LAYERS[i % LAYERS.length]}-${i}`;
    issues.push(`### ${id} — Invoice ${i % 7 === 0 ? 'PDF' : 'list'} drops row ${i} when sorted by date`, '');
    issues.push(
      `- **Severity:** ${['low', 'medium', 'high'][i % 3]}`,
      '- **Symptoms:** one row fewer than the page.',
    );
    issues.push(
      '- **Suspected cause:** off-by-one in the pager.',
      '- **Workaround:** reload.',
      `- **Opened:** ${new Date(Date.now() - ((i % 28) + 30) * 86_400_000).toISOString().slice(0, 10)}`,
      '',
    );
  }
  writeFileSync(pm('KNOWN-ISSUES.md'), issues.join('\n'));
  const item = (i, done) =>
    `- [${done ? 'x' : ' '}] Item ${i} — ${['PDF export', 'currencies', 'reminders', 'search'][i % 4]} for invoices`;
  const roadmap = ['# Quillbill: roadmap', '', '## In progress', '', item(1), item(2), '', '## Next', ''];
  for (let i = 3; i <= 8; i++) roadmap.push(item(i));
  roadmap.push(
    '',
    '## Backlog',
    '',
    ...Array.from({ length: 7 }, (_, i) => item(i + 9)),
    '',
    '## Completed',
    '',
  );
  roadmap.push(...Array.from({ length: 5 }, (_, i) => item(i + 16, true)), '');
  writeFileSync(pm('ROADMAP.md'), roadmap.join('\n'));
  const git = (...args) => execFileSync('git', args, { cwd: MEDIUM_DIR, stdio: 'ignore' });
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'medium project');
  return MEDIUM_DIR;
}
