// What changed in the working tree since a run's review: every path of the task's change set
// now, against the paths and blobs the review recorded. approve and accept refuse when any
// differs, so nothing written after the review (by a leftover process, by hand) rides along.
import type { Change } from '../core/scope.js';
import { setAsideBookkeeping } from '../workspace/bookkeeping.js';
import { type PathState, pathState } from './revert.js';
import type { TaskRunMeta } from './run-state.js';
import { taskChanges } from './tree-state.js';

const sidesOf = (c: Change): string[] => (c.from !== undefined ? [c.from, c.path] : [c.path]);

const same = (a: PathState, b: PathState): boolean =>
  a.kind === b.kind &&
  (a.kind === 'file' ? b.kind === 'file' && a.blob === b.blob && a.mode === b.mode : true) &&
  (a.kind === 'link' ? b.kind === 'link' && a.blob === b.blob : true);

/**
 * The paths whose state differs from the review's record. `skip` is killdate's own REVIEW.md;
 * `documents` are the method's documents (roadmap, session log, registers): a person edits them
 * between tasks, and neither the review nor `--commit` covers one the task did not change.
 */
export async function changedSinceReview(
  meta: TaskRunMeta,
  skip: string,
  documents: ReadonlySet<string>,
): Promise<string[]> {
  const reviewed = meta.reviewed ?? {};
  const all = await taskChanges(meta.tree, meta.base, meta.startState);
  // killdate's own writes since (a log entry, a register) are not the task's
  const { changes: now, bookkeeping } = await setAsideBookkeeping(meta.tree, meta.base, all);
  const own = new Set(bookkeeping);
  const paths = new Set([...now.flatMap(sidesOf), ...Object.keys(reviewed)]);
  const changed: string[] = [];
  for (const p of [...paths].sort()) {
    if (p === skip || p.startsWith('.killdate/') || own.has(p)) continue;
    const was = reviewed[p];
    if (!was && documents.has(p)) continue;
    if (!was || !same(pathState(meta.tree, p), was)) changed.push(p);
  }
  return changed;
}
