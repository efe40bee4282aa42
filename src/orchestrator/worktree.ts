// A feature's own git worktree for parallel runs: `<dir>/<feature>` on the lock's branch when
// it is free, else `killdate/<feature>`; reused when it exists. Git-ignored files named in
// config (such as `.env`) are copied in, never over a file already there.
import { cpSync, existsSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { git, gitOrThrow } from '../workspace/git.js';

export interface FeatureWorktree {
  path: string;
  branch: string;
  created: boolean;
  copied: string[];
}

/** Branches checked out in any worktree, and the worktree paths. */
function worktrees(root: string): { paths: Set<string>; branches: Set<string> } {
  const out = gitOrThrow(root, ['worktree', 'list', '--porcelain']);
  const paths = new Set<string>();
  const branches = new Set<string>();
  for (const line of out.split('\n')) {
    if (line.startsWith('worktree ')) paths.add(line.slice(9));
    if (line.startsWith('branch refs/heads/')) branches.add(line.slice(18));
  }
  return { paths, branches };
}

const validBranch = (root: string, name: string): boolean =>
  git(root, ['check-ref-format', '--branch', name]).ok;

export function featureWorktree(
  root: string,
  slug: string,
  o: { dir: string; copy: string[]; lockBranch?: string },
): FeatureWorktree {
  const path = join(isAbsolute(o.dir) ? o.dir : join(root, o.dir), slug);
  const list = worktrees(root);
  if (list.paths.has(path)) {
    const branch = git(path, ['symbolic-ref', '--quiet', '--short', 'HEAD']).stdout.trim();
    return { path, branch, created: false, copied: copyIgnored(root, path, o.copy) };
  }
  if (existsSync(path))
    throw new KilldateError(
      'REFUSED',
      `${path} exists and is not a worktree of this repo`,
      'move it away, or run git worktree prune',
    );
  const wanted =
    o.lockBranch && validBranch(root, o.lockBranch) && !list.branches.has(o.lockBranch)
      ? o.lockBranch
      : undefined;
  const branch = wanted ?? `killdate/${slug}`;
  if (list.branches.has(branch))
    throw new KilldateError(
      'REFUSED',
      `branch ${branch} is checked out elsewhere: the worktree of ${slug} needs it`,
      'git worktree list',
    );
  const exists = git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).ok;
  const args = exists
    ? ['worktree', 'add', '-q', path, branch]
    : ['worktree', 'add', '-q', '-b', branch, path, 'HEAD'];
  gitOrThrow(root, args);
  return { path, branch, created: true, copied: copyIgnored(root, path, o.copy) };
}

function copyIgnored(root: string, tree: string, copy: string[]): string[] {
  const copied: string[] = [];
  for (const rel of copy) {
    const n = normalize(rel);
    if (isAbsolute(n) || n.startsWith('..')) continue;
    const from = join(root, n);
    const to = join(tree, n);
    if (!existsSync(from) || existsSync(to)) continue;
    cpSync(from, to, { recursive: true });
    copied.push(n);
  }
  return copied;
}
