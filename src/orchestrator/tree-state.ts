// The working tree around a task: what was already dirty when it started (kept as git blobs,
// so the review blames the task only for what it changed and a revert can put it back), the
// task's own changes, and the revert that undoes exactly those and keeps everything else.
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import type { Change } from '../core/scope.js';
import { changesSinceAsync } from '../workspace/changes.js';
import { gitAsync, gitOrThrow } from '../workspace/git.js';
import type { StartState } from './run-state.js';

const sidesOf = (c: Change): string[] => (c.from !== undefined ? [c.from, c.path] : [c.path]);

/** Refuses staged changes: the index must equal the base, so a revert can restore it exactly. */
export async function assertNothingStaged(tree: string): Promise<void> {
  const r = await gitAsync(tree, ['diff', '--cached', '--name-only', '-z', 'HEAD']);
  const staged = r.stdout.split('\0').filter(Boolean);
  if (staged.length)
    throw new KilldateError(
      'REFUSED',
      `staged changes before the task: ${staged.slice(0, 5).join(', ')}${staged.length > 5 ? ', ...' : ''}`,
      'commit or unstage them (git restore --staged <path>) first, so the review sees only the task',
    );
}

/** Blob ids of the current content of `paths` (null when absent), written to the object store. */
export async function currentBlobs(tree: string, paths: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const present = paths.filter((p) => {
    const st = lstatSync(join(tree, p), { throwIfNoEntry: false });
    if (!st || st.isDirectory()) out.set(p, null);
    return !!st && !st.isDirectory();
  });
  for (let i = 0; i < present.length; i += 500) {
    const chunk = present.slice(i, i + 500);
    const r = await gitAsync(tree, ['hash-object', '-w', '--no-filters', '--stdin-paths'], chunk.join('\n'));
    if (!r.ok) throw new KilldateError('GIT', `git hash-object failed: ${r.stderr.trim()}`);
    const ids = r.stdout.trim().split('\n');
    chunk.forEach((p, n) => {
      out.set(p, ids[n] ?? null);
    });
  }
  return out;
}

/** Every path dirty at the start of a task, with its content then. */
export async function snapshotStart(tree: string, base: string): Promise<StartState> {
  const paths = [...new Set((await changesSinceAsync(tree, base)).flatMap(sidesOf))];
  const blobs = await currentBlobs(tree, paths);
  const state: StartState = {};
  for (const p of paths) {
    const st = lstatSync(join(tree, p), { throwIfNoEntry: false });
    state[p] = { blob: blobs.get(p) ?? null, ...(st ? { mode: st.mode & 0o777 } : {}) };
  }
  return state;
}

/** The changes since base that are the task's: a path dirty at the start counts only if it changed again. */
export async function taskChanges(tree: string, base: string, start: StartState): Promise<Change[]> {
  const all = await changesSinceAsync(tree, base);
  const known = all.flatMap(sidesOf).filter((p) => p in start);
  const now = known.length ? await currentBlobs(tree, known) : new Map<string, string | null>();
  const same = (p: string) => p in start && now.get(p) === start[p]!.blob;
  const mine = all.filter((c) => !sidesOf(c).every(same));
  // a path dirty at the start and now back at base shows in no diff: it changed too
  const listed = new Set(all.flatMap(sidesOf));
  for (const [p, s] of Object.entries(start))
    if (!listed.has(p)) mine.push({ path: p, status: s.blob === null ? 'added' : 'modified' });
  return mine;
}

export interface RevertResult {
  restored: string[];
  removed: string[];
}

/**
 * Undo the task's changes, path by path: the index back to the base; each file back to its
 * content at the start (or the base's version when it was clean then); files the task created
 * removed. Paths the task did not touch are never written.
 */
export function revertChanges(
  tree: string,
  base: string,
  start: StartState,
  changes: Change[],
): RevertResult {
  const paths = [...new Set(changes.flatMap(sidesOf))].filter((p) => !p.startsWith('.killdate/'));
  const result: RevertResult = { restored: [], removed: [] };
  if (!paths.length) return result;
  const inBase = new Set(
    gitOrThrow(tree, ['ls-tree', '-r', '-z', '--name-only', base, '--', ...paths])
      .split('\0')
      .filter(Boolean),
  );
  const indexed = gitOrThrow(tree, ['ls-files', '-z', '--', ...paths])
    .split('\0')
    .filter(Boolean);
  const reset = [...new Set([...indexed, ...inBase])];
  if (reset.length) gitOrThrow(tree, ['reset', '-q', base, '--', ...reset]);
  const fromBase = paths.filter((p) => !(p in start) && inBase.has(p));
  if (fromBase.length) gitOrThrow(tree, ['checkout', base, '--', ...fromBase]);
  result.restored.push(...fromBase);
  for (const p of paths) {
    if (fromBase.includes(p)) continue;
    const s = start[p];
    if (s?.blob) {
      restoreBlob(tree, p, s.blob, s.mode);
      result.restored.push(p);
    } else if (removePath(tree, p)) result.removed.push(p);
  }
  return result;
}

function restoreBlob(tree: string, path: string, blob: string, mode?: number): void {
  const abs = join(tree, path);
  let content: Buffer;
  try {
    content = execFileSync('git', ['cat-file', 'blob', blob], {
      cwd: tree,
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    throw new KilldateError('GIT', `cannot read the saved content of ${path} (${blob.slice(0, 12)})`);
  }
  rmSync(abs, { force: true, recursive: true });
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  if (mode !== undefined) chmodSync(abs, mode);
}

function removePath(tree: string, path: string): boolean {
  const abs = join(tree, path);
  if (!lstatSync(abs, { throwIfNoEntry: false })) return false;
  rmSync(abs, { force: true, recursive: true });
  // folders the removed file leaves empty go too
  for (let dir = dirname(abs); dir.startsWith(`${tree}/`); dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length) break;
      rmdirSync(dir);
    } catch {
      break;
    }
  }
  return true;
}
