// A feature's own git worktree for parallel runs: `<dir>/<feature>` on the lock's branch when
// it is free, else `killdate/<feature>`; reused when it exists. Git-ignored files named in
// config (such as `.env`) are copied in, never over a file already there. Git runs
// asynchronously here, so several worktrees are prepared at once.
import { cpSync, existsSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { gitAsync } from '../workspace/git.js';

export interface FeatureWorktree {
  path: string;
  branch: string;
  created: boolean;
  copied: string[];
}

/** Worktree paths and the branches checked out in them. */
export async function worktrees(root: string): Promise<{ paths: Set<string>; branches: Set<string> }> {
  const r = await gitAsync(root, ['worktree', 'list', '--porcelain']);
  if (!r.ok) throw new KilldateError('GIT', `git worktree list failed: ${r.stderr.trim()}`);
  const paths = new Set<string>();
  const branches = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('worktree ')) paths.add(line.slice(9));
    if (line.startsWith('branch refs/heads/')) branches.add(line.slice(18));
  }
  return { paths, branches };
}

export interface WorktreeRequest {
  slug: string;
  lockBranch?: string;
}

/** Plans each feature's path and branch (no two on one branch), then creates the missing ones at once. */
export async function featureWorktrees(
  root: string,
  wanted: WorktreeRequest[],
  o: { dir: string; copy: string[] },
): Promise<Map<string, FeatureWorktree | KilldateError>> {
  const list = await worktrees(root);
  const taken = new Set(list.branches);
  const base = isAbsolute(o.dir) ? o.dir : join(root, o.dir);
  const out = new Map<string, FeatureWorktree | KilldateError>();
  const jobs = wanted.map(async (w) => {
    const path = join(base, w.slug);
    if (list.paths.has(path)) {
      const head = await gitAsync(path, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
      return out.set(w.slug, {
        path,
        branch: head.stdout.trim(),
        created: false,
        copied: copyIgnored(root, path, o.copy),
      });
    }
    if (existsSync(path))
      return out.set(
        w.slug,
        new KilldateError(
          'REFUSED',
          `${path} exists and is not a worktree of this repo`,
          'move it away, or git worktree prune',
        ),
      );
    const lock = w.lockBranch && !taken.has(w.lockBranch) ? w.lockBranch : undefined;
    const branch = lock ?? `killdate/${w.slug}`;
    if (taken.has(branch))
      return out.set(
        w.slug,
        new KilldateError(
          'REFUSED',
          `branch ${branch} is checked out elsewhere: the worktree of ${w.slug} needs it`,
          'git worktree list',
        ),
      );
    taken.add(branch);
    const exists = (await gitAsync(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])).ok;
    const args = exists
      ? ['worktree', 'add', '-q', path, branch]
      : ['worktree', 'add', '-q', '-b', branch, path, 'HEAD'];
    const r = await gitAsync(root, args);
    if (!r.ok)
      return out.set(w.slug, new KilldateError('GIT', `git ${args.join(' ')} failed: ${r.stderr.trim()}`));
    return out.set(w.slug, { path, branch, created: true, copied: copyIgnored(root, path, o.copy) });
  });
  await Promise.all(jobs);
  return out;
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
