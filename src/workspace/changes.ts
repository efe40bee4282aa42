// Every path changed since a base commit: committed since, staged, unstaged and untracked
// (not ignored), renames with both sides, deletions, and where each symlink points.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KilldateError } from '../core/errors.js';
import type { Change, ChangeStatus } from '../core/scope.js';
import { git } from './git.js';
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

/** The commit HEAD points at, or a clear error for a repo with no commits. */
export function headCommit(root: string): string {
  const r = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
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
  const r = git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
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

/** Changes since `base` (or only the staged ones when `stagedOnly`). */
export function changesSince(root: string, base: string, opts: { stagedOnly?: boolean } = {}): Change[] {
  assertCommitExists(root, base);
  const args = ['diff', '--name-status', '-M', '-z', '--no-ext-diff'];
  if (opts.stagedOnly) args.push('--cached');
  args.push(base, '--');
  const diff = git(root, args);
  if (!diff.ok) throw new KilldateError('GIT', `git diff failed: ${diff.stderr.trim()}`);
  const changes = parseNameStatus(diff.stdout);
  if (!opts.stagedOnly) {
    const others = git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
    if (!others.ok) throw new KilldateError('GIT', `git ls-files failed: ${others.stderr.trim()}`);
    for (const path of others.stdout.split('\0')) if (path) changes.push({ path, status: 'untracked' });
  }
  return withLinkTargets(root, changes);
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

/** Marks each changed path that is a symlink with its repo-relative target (null: outside). */
function withLinkTargets(root: string, changes: Change[]): Change[] {
  const realRoot = realpathSync(root);
  for (const c of changes) {
    if (c.status === 'deleted') continue;
    const abs = join(root, c.path);
    if (!lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
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
