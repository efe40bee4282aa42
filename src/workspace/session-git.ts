// The git facts of a session in two rounds of parallel git processes (argv arrays, no shell):
// status, log, stash list and the main-branch refs at once; then, knowing main, the unmerged
// remote branches and the ahead/behind count.
import { spawn } from 'node:child_process';
import {
  type GitFacts,
  parseCommits,
  parseLeftRight,
  parseLines,
  parseStatus,
} from '../core/session/git-facts.js';

function run(cwd: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', () => resolve({ ok: false, out: '' }));
    child.on('close', (code) => resolve({ ok: code === 0, out }));
  });
}

const MAIN_REFS = [
  'refs/heads/main',
  'refs/heads/master',
  'refs/remotes/origin/main',
  'refs/remotes/origin/master',
];

/** undefined when `root` is not a git repository. */
export async function sessionGit(root: string, commits = 10): Promise<GitFacts | undefined> {
  const [status, log, stash, refs] = await Promise.all([
    run(root, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-b', '--untracked-files=normal']),
    run(root, ['log', `-${commits}`, '--format=%h%x09%ad%x09%s', '--date=short']),
    run(root, ['stash', 'list', '--format=%gd%x09%s']),
    run(root, ['for-each-ref', '--format=%(refname)', ...MAIN_REFS]),
  ]);
  if (!status.ok) return undefined;
  const present = new Set(parseLines(refs.out));
  const mainRef = MAIN_REFS.find((r) => present.has(r));
  const main = mainRef?.replace(/^refs\/(heads|remotes)\//, '');
  const facts: GitFacts = {
    ...parseStatus(status.out),
    commits: parseCommits(log.out),
    stashes: parseLines(stash.out).map((l) => l.replace('\t', ' ')),
    unmerged: [],
  };
  if (!main) return facts;
  facts.main = main;
  const [unmerged, counts] = await Promise.all([
    run(root, ['branch', '-r', '--no-merged', main, '--format=%(refname:short)']),
    facts.commits.length
      ? run(root, ['rev-list', '--left-right', '--count', `${main}...HEAD`])
      : Promise.resolve({ ok: false, out: '' }),
  ]);
  facts.unmerged = parseLines(unmerged.out).filter((b) => b !== main && b !== 'origin');
  const lr = counts.ok ? parseLeftRight(counts.out) : undefined;
  if (lr) {
    facts.aheadOfMain = lr.ahead;
    facts.behindMain = lr.behind;
  }
  return facts;
}

/** Files changed in commits after `since` (a commit) up to HEAD, plus uncommitted ones. */
export async function changedSince(root: string, since: string | undefined): Promise<string[]> {
  const range = since ? [`${since}..HEAD`] : ['-20'];
  const r = await run(root, ['-c', 'core.quotePath=false', 'log', '--format=', '--name-only', ...range]);
  return parseLines(r.out);
}

/** The newest commit that touched `path`, or undefined. */
export async function lastCommitTouching(root: string, path: string): Promise<string | undefined> {
  const r = await run(root, ['log', '-1', '--format=%H', '--', path]);
  return r.out.trim() || undefined;
}
