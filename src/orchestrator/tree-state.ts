// The working tree around a task: what was already dirty when it started (kept as git blobs,
// so the review blames the task only for what it changed and a revert can put it back), the
// task's own changes (the revert that undoes exactly those is revert.ts).
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import type { Change } from '../core/scope.js';
import { changesSince } from '../workspace/changes.js';
import { argBatches, gitAsync } from '../workspace/git.js';
import { storeLooseFile } from '../workspace/loose-objects.js';
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
  const left: string[] = [];
  for (const p of present) {
    const id = storeLooseFile(tree, p);
    if (id) out.set(p, id);
    else left.push(p);
  }
  // names as arguments, not on stdin: --stdin-paths reads a name starting with `"` as a quoted
  // other name and splits one holding a line break
  for (const chunk of argBatches(left)) {
    const r = await gitAsync(tree, ['hash-object', '-w', '--no-filters', '--', ...chunk]);
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
  const paths = [...new Set((await changesSince(tree, base)).flatMap(sidesOf))];
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
  const all = await changesSince(tree, base);
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
