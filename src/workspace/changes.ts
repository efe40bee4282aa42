// Every path changed since a base commit: committed since, staged, unstaged and untracked
// (not ignored), renames with both sides, deletions, and where each symlink points.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KilldateError } from '../core/errors.js';
import type { Change, ChangeStatus } from '../core/scope.js';
import { type GitResult, git, gitAsync } from './git.js';
import { insideRepo } from './paths.js';

const STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
  U: 'modified',
  X: 'modified',
};

const HEAD = ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'];
const BRANCH = ['symbolic-ref', '--quiet', '--short', 'HEAD'];
const OTHERS = ['ls-files', '--others', '--exclude-standard', '-z'];

/** The commit HEAD points at, or a clear error for a repo with no commits. */
export function headCommit(root: string): string {
  return headOf(git(root, HEAD));
}

export async function headCommitAsync(root: string): Promise<string> {
  return headOf(await gitAsync(root, HEAD));
}

function headOf(r: GitResult): string {
  if (!r.ok)
    throw new KilldateError(
      'GIT',
      'the repo has no commits yet: a task needs a base commit',
      'commit once, then start the task',
    );
  return r.stdout.trim();
}

/** The current branch, or undefined on a detached HEAD. */
export function currentBranch(root: string): string | undefined {
  const r = git(root, BRANCH);
  return r.ok ? r.stdout.trim() : undefined;
}

export async function currentBranchAsync(root: string): Promise<string | undefined> {
  const r = await gitAsync(root, BRANCH);
  return r.ok ? r.stdout.trim() : undefined;
}

export function assertCommitExists(root: string, base: string): void {
  const r = git(root, ['cat-file', '-e', `${base}^{commit}`]);
  if (!r.ok)
    throw new KilldateError(
      'GIT',
      `the task's base commit ${base.slice(0, 12)} no longer exists in this repo (history rewritten?)`,
      'stop the task (killdate task stop) and start it again from the current commit',
    );
}

/** `git diff --raw` against the base commit (`^{commit}`: a base that is no commit fails the diff). */
const diffArgs = (base: string, stagedOnly?: boolean): string[] => [
  'diff',
  '--raw',
  '-M',
  '-z',
  '--no-ext-diff',
  '--no-abbrev',
  // a submodule's `ignore` setting (an agent can set it) never hides its changes
  '--ignore-submodules=none',
  ...(stagedOnly ? ['--cached'] : []),
  `${base}^{commit}`,
  '--',
];

/** Changes since `base` (or only the staged ones when `stagedOnly`). */
export function changesSince(root: string, base: string, opts: { stagedOnly?: boolean } = {}): Change[] {
  const diff = git(root, diffArgs(base, opts.stagedOnly));
  if (!diff.ok) diffFailed(root, base, diff);
  return assemble(root, diff, opts.stagedOnly ? undefined : git(root, OTHERS));
}

/** changesSince() without blocking, the diff and the untracked files asked at once. */
export async function changesSinceAsync(
  root: string,
  base: string,
  opts: { stagedOnly?: boolean } = {},
): Promise<Change[]> {
  const [diff, others] = await Promise.all([
    gitAsync(root, diffArgs(base, opts.stagedOnly)),
    opts.stagedOnly ? undefined : gitAsync(root, OTHERS),
  ]);
  if (!diff.ok) diffFailed(root, base, diff);
  return assemble(root, diff, others);
}

/** A failed diff: the clear message when the base is gone, else git's own. */
function diffFailed(root: string, base: string, diff: GitResult): never {
  assertCommitExists(root, base);
  throw new KilldateError('GIT', `git diff failed: ${diff.stderr.trim()}`);
}

function assemble(root: string, diff: GitResult, others?: GitResult): Change[] {
  const { changes, links, gitlinks } = parseRaw(diff.stdout);
  if (others) for (const g of gitlinks) changes.push(...insideSubmodule(root, g));
  if (others) {
    if (!others.ok) throw new KilldateError('GIT', `git ls-files failed: ${others.stderr.trim()}`);
    for (const path of others.stdout.split('\0'))
      if (path) {
        const c: Change = { path, status: 'untracked' };
        changes.push(c);
        if (lstatSync(join(root, path), { throwIfNoEntry: false })?.isSymbolicLink()) links.push(c);
      }
  }
  return withLinkTargets(root, changes, links);
}

/**
 * The changes inside a changed submodule, as paths of the outer repo: what it committed since
 * the commit the base records, its edits and its untracked files. None when it is not checked out.
 */
function insideSubmodule(root: string, g: { path: string; base: string }): Change[] {
  const dir = join(root, g.path);
  if (!lstatSync(join(dir, '.git'), { throwIfNoEntry: false }) || /^0+$/.test(g.base)) return [];
  try {
    return changesSince(dir, g.base).map((c) => ({
      ...c,
      path: `${g.path}/${c.path}`,
      ...(c.from !== undefined ? { from: `${g.path}/${c.from}` } : {}),
    }));
  } catch {
    return [{ path: `${g.path}/`, status: 'modified' }];
  }
}

/** `git diff --raw -z`: `:mode mode sha sha STATUS` NUL path [NUL path]; mode 120000 is a symlink, 160000 a submodule. */
export function parseRaw(out: string): {
  changes: Change[];
  links: Change[];
  gitlinks: { path: string; base: string }[];
} {
  const parts = out.split('\0');
  const changes: Change[] = [];
  const links: Change[] = [];
  const gitlinks: { path: string; base: string }[] = [];
  for (let i = 0; i < parts.length; ) {
    const meta = parts[i++];
    if (!meta?.startsWith(':')) continue;
    const [oldMode, newMode, oldSha = '', , code = 'M'] = meta.slice(1).split(' ');
    const status = STATUS[code[0]!] ?? 'modified';
    const c: Change =
      status === 'renamed' || status === 'copied'
        ? { from: parts[i++]!, path: parts[i++]!, status }
        : { path: parts[i++]!, status };
    changes.push(c);
    if (newMode === '120000' && status !== 'deleted') links.push(c);
    if (oldMode === '160000' && newMode === '160000') gitlinks.push({ path: c.path, base: oldSha });
  }
  return { changes, links, gitlinks };
}

/** `git diff --name-status -z` output: status NUL path [NUL path] ... */
export function parseNameStatus(out: string): Change[] {
  const parts = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++];
    if (!code) continue;
    const status = STATUS[code[0]!] ?? 'modified';
    if (status === 'renamed' || status === 'copied') {
      const from = parts[i++]!;
      changes.push({ path: parts[i++]!, status, from });
    } else changes.push({ path: parts[i++]!, status });
  }
  return changes;
}

/** Marks each symlink among the changes with its repo-relative target (null: outside). */
function withLinkTargets(root: string, changes: Change[], links: Change[]): Change[] {
  if (links.length === 0) return changes;
  const realRoot = realpathSync(root);
  for (const c of links) {
    const abs = join(root, c.path);
    if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink())
      c.linkTarget = insideRepo(realRoot, linkDestination(abs));
  }
  return changes;
}

function linkDestination(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return resolve(dirname(abs), readlinkSync(abs));
  }
}
