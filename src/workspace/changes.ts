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

/**
 * Throws the clear message when the base commit is gone. `rev-parse --verify --quiet` exits 1
 * only for a missing object; any other failure (a config git cannot read) is left to the caller,
 * which shows git's own words.
 */
export function assertCommitExists(root: string, base: string): void {
  const r = git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  if (r.status === 1)
    throw new KilldateError(
      'GIT',
      `the task's base commit ${base.slice(0, 12)} no longer exists in this repo (history rewritten?)`,
      'stop the task (killdate task stop) and start it again from the current commit',
    );
}

/**
 * `git diff-index --raw` against the base commit (`^{commit}`: a base that is no commit fails
 * the diff). The plumbing command, not `git diff`: it lists a file whose stat changed without
 * reading it, and stat-only changes are then dropped by hashing just those files (see
 * withoutStatOnly), which is what `git diff` does but in half the time on 10,000 edits.
 */
const diffArgs = (base: string, stagedOnly?: boolean): string[] => [
  'diff-index',
  '--raw',
  '-M',
  '-z',
  '--no-abbrev',
  // a submodule's `ignore` setting (an agent can set it) never hides its changes
  '--ignore-submodules=none',
  ...(stagedOnly ? ['--cached'] : []),
  `${base}^{commit}`,
  '--',
];

const HASH = ['hash-object', '--stdin-paths'];

export interface ChangesOptions {
  /** only the staged changes */
  stagedOnly?: boolean;
  /**
   * Files whose content need not be read (asked once the diff is back): when git lists one
   * from its stat alone, it stays listed as modified even if its content is the base's.
   */
  unread?: Promise<(path: string) => boolean>;
}

/** Changes since `base`: the untracked files are asked while the diff runs. */
export async function changesSince(root: string, base: string, opts: ChangesOptions = {}): Promise<Change[]> {
  const [raw, others] = await Promise.all([
    rawDiff(root, base, opts),
    opts.stagedOnly ? undefined : gitAsync(root, OTHERS),
  ]);
  return assemble(root, raw, others);
}

async function rawDiff(root: string, base: string, opts: ChangesOptions): Promise<RawDiff> {
  const diff = await gitAsync(root, diffArgs(base, opts.stagedOnly));
  if (!diff.ok) diffFailed(root, base, diff);
  const raw = parseRaw(diff.stdout);
  const unread = await opts.unread;
  const read = unread ? raw.unhashed.filter((u) => !unread(u.change.path)) : raw.unhashed;
  return withoutStatOnly(raw, read, read.length ? await hashAsync(root, read) : undefined);
}

/** From this many files a second `git hash-object` pays for its start (1,000: 14 -> 10 ms; 4,000: 49 -> 28 ms). */
const SPLIT_HASHING = 1_000;

/**
 * `git hash-object` of each unhashed file, in two processes side by side for many files (git
 * writes one line per file, so hashing 10,000 takes as long as diffing them); one result, in order.
 */
async function hashAsync(root: string, unhashed: Unhashed[]): Promise<GitResult> {
  if (unhashed.length < SPLIT_HASHING) return gitAsync(root, HASH, hashInput(unhashed));
  const half = Math.ceil(unhashed.length / 2);
  const parts = await Promise.all(
    [unhashed.slice(0, half), unhashed.slice(half)].map((u) => gitAsync(root, HASH, hashInput(u))),
  );
  const failed = parts.find((r) => !r.ok);
  return failed ?? { ...parts[0]!, stdout: parts.map((r) => r.stdout).join('') };
}

/** A failed diff: the clear message when the base is gone, else git's own. */
function diffFailed(root: string, base: string, diff: GitResult): never {
  assertCommitExists(root, base);
  throw new KilldateError('GIT', `git diff-index failed: ${diff.stderr.trim()}`);
}

const hashInput = (unhashed: Unhashed[]): string => `${unhashed.map((u) => u.change.path).join('\n')}\n`;

/**
 * The raw diff without the files whose content is the base's (their stat alone changed: a file
 * rewritten unchanged, a fresh checkout). `hashes` is `git hash-object` of each file `read`,
 * one line each, so filters and attributes apply as in `git diff`. When hashing failed every
 * such file stays listed: more to review, never less.
 */
function withoutStatOnly(raw: RawDiff, read: Unhashed[], hashes?: GitResult): RawDiff {
  if (!hashes?.ok) return raw;
  const shas = hashes.stdout.split('\n');
  if (shas.length !== read.length + 1) return raw;
  const same = new Set(read.filter((u, i) => shas[i] === u.base).map((u) => u.change));
  if (same.size === 0) return raw;
  return { ...raw, changes: raw.changes.filter((c) => !same.has(c)) };
}

async function assemble(root: string, raw: RawDiff, others?: GitResult): Promise<Change[]> {
  const { changes, links, gitlinks } = raw;
  if (others) for (const g of gitlinks) changes.push(...(await insideSubmodule(root, g)));
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
async function insideSubmodule(root: string, g: { path: string; base: string }): Promise<Change[]> {
  const dir = join(root, g.path);
  if (!lstatSync(join(dir, '.git'), { throwIfNoEntry: false }) || /^0+$/.test(g.base)) return [];
  try {
    return (await changesSince(dir, g.base)).map((c) => ({
      ...c,
      path: `${g.path}/${c.path}`,
      ...(c.from !== undefined ? { from: `${g.path}/${c.from}` } : {}),
    }));
  } catch {
    return [{ path: `${g.path}/`, status: 'modified' }];
  }
}

/** A modified file git listed from its stat alone, with the blob the base has. */
interface Unhashed {
  change: Change;
  base: string;
}

interface RawDiff {
  changes: Change[];
  links: Change[];
  gitlinks: { path: string; base: string }[];
  unhashed: Unhashed[];
}

const NULL_SHA = /^0+$/;

/**
 * `git diff-index --raw -z`: `:mode mode sha sha STATUS` NUL path [NUL path]; mode 120000 is a
 * symlink, 160000 a submodule. A regular file modified in place with no sha on the new side is
 * unhashed (a path `git hash-object --stdin-paths` would read as another, with a line break
 * or a leading quote, is left listed).
 */
export function parseRaw(out: string): RawDiff {
  const parts = out.split('\0');
  const changes: Change[] = [];
  const links: Change[] = [];
  const gitlinks: { path: string; base: string }[] = [];
  const unhashed: Unhashed[] = [];
  for (let i = 0; i < parts.length; ) {
    const meta = parts[i++];
    if (!meta?.startsWith(':')) continue;
    const [oldMode, newMode, oldSha = '', newSha = '', code = 'M'] = meta.slice(1).split(' ');
    const status = STATUS[code[0]!] ?? 'modified';
    const c: Change =
      status === 'renamed' || status === 'copied'
        ? { from: parts[i++]!, path: parts[i++]!, status }
        : { path: parts[i++]!, status };
    changes.push(c);
    if (newMode === '120000' && status !== 'deleted') links.push(c);
    if (oldMode === '160000' && newMode === '160000') gitlinks.push({ path: c.path, base: oldSha });
    if (
      code === 'M' &&
      oldMode === newMode &&
      (newMode === '100644' || newMode === '100755') &&
      NULL_SHA.test(newSha) &&
      !/[\r\n]/.test(c.path) &&
      !c.path.startsWith('"')
    )
      unhashed.push({ change: c, base: oldSha });
  }
  return { changes, links, gitlinks, unhashed };
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
