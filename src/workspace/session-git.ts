// The git facts of a session. Branch, main branch and stash list are read from .git's files
// (workspace/git-refs.ts); status, log, the unmerged remote branches and the ahead count run
// as one round of parallel git processes (argv arrays, no shell), each only when it can say
// something: no `branch -r` without remote branches, no ahead count on main itself.
import { spawn } from 'node:child_process';
import {
  type GitFacts,
  parseCommits,
  parseLeftRight,
  parseLines,
  parseStatus,
} from '../core/session/git-facts.js';
import { gitEnv } from './git-env.js';
import { type LocalRefs, readLocalRefs } from './git-refs.js';

function run(cwd: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...gitEnv(), GIT_OPTIONAL_LOCKS: '0' },
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
const NONE = Promise.resolve({ ok: false, out: '' });

/** The refs git-refs.ts reads, asked of git (a reftable repository, an unusual .git). */
async function askRefs(root: string): Promise<LocalRefs> {
  const [refs, stash] = await Promise.all([
    run(root, ['for-each-ref', '--format=%(refname)', ...MAIN_REFS, 'refs/remotes']),
    run(root, ['stash', 'list', '--format=%gd%x09%s']),
  ]);
  const present = parseLines(refs.out);
  const main = MAIN_REFS.find((r) => present.includes(r))?.replace(/^refs\/(heads|remotes)\//, '');
  return {
    ...(main ? { main } : {}),
    hasRemotes: present.some((r) => r.startsWith('refs/remotes/')),
    stashes: parseLines(stash.out).map((l) => l.replace('\t', ' ')),
  };
}

/** undefined when `root` is not a git repository. */
export async function sessionGit(root: string, commits = 10): Promise<GitFacts | undefined> {
  const refs = readLocalRefs(root) ?? (await askRefs(root));
  const main = refs.main;
  const [status, log, unmerged, counts] = await Promise.all([
    run(root, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-b', '--untracked-files=normal']),
    run(root, ['log', `-${commits}`, '--format=%h%x09%ad%x09%s', '--date=short']),
    main && refs.hasRemotes
      ? run(root, ['branch', '-r', '--no-merged', main, '--format=%(refname:short)'])
      : NONE,
    main && refs.head !== main ? run(root, ['rev-list', '--left-right', '--count', `${main}...HEAD`]) : NONE,
  ]);
  if (!status.ok) return undefined;
  const facts: GitFacts = {
    ...parseStatus(status.out),
    commits: parseCommits(log.out),
    stashes: refs.stashes,
    unmerged: parseLines(unmerged.out).filter((b) => b !== main && b !== 'origin'),
  };
  if (!main) return facts;
  facts.main = main;
  const lr = counts.ok ? parseLeftRight(counts.out) : undefined;
  facts.aheadOfMain = lr?.ahead ?? (facts.branch === main ? 0 : undefined);
  facts.behindMain = lr?.behind ?? (facts.branch === main ? 0 : undefined);
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
