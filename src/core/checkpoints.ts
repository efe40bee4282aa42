// The checkpoint state machine: which sign-offs still hold against the documents as they are
// now, what changed since each, and the feature state that follows (METHOD section 4).
import { CHECKPOINTS, type Checkpoint, type CoveredDoc, latestSignoffs, type Signoff } from './signoffs.js';

export type FeatureState = 'draft' | 'locked' | 'mocked' | 'ready' | 'building' | 'shipped' | 'completed';

export interface DocChange {
  id: string;
  change: 'edited' | 'added' | 'removed';
}

export interface CheckpointView {
  checkpoint: Checkpoint;
  status: 'signed' | 'unsigned' | 'reopened';
  signoff?: { by: string; at: string };
  /** covered documents changed since the sign-off */
  changed: DocChange[];
  /** why a sign-off no longer holds */
  reason?: string;
}

/** Covered documents of each checkpoint, as they are now. */
export type CurrentCover = Record<Checkpoint, CoveredDoc[]>;

export function docChanges(signed: CoveredDoc[], now: CoveredDoc[]): DocChange[] {
  const before = new Map(signed.map((d) => [d.id, d.sha256]));
  const out: DocChange[] = [];
  for (const d of now) {
    const was = before.get(d.id);
    if (was === undefined) out.push({ id: d.id, change: 'added' });
    else if (was !== d.sha256) out.push({ id: d.id, change: 'edited' });
    before.delete(d.id);
  }
  for (const id of before.keys()) out.push({ id, change: 'removed' });
  return out;
}

/**
 * Each checkpoint holds when its newest sign-off matches the documents now and every earlier
 * checkpoint holds. A mock changed since CP-2 re-opens CP-1 too: the design moved.
 */
export function evaluateCheckpoints(
  records: Signoff[],
  current: CurrentCover,
  isMock: (id: string) => boolean,
): CheckpointView[] {
  const latest = latestSignoffs(records);
  const views: CheckpointView[] = CHECKPOINTS.map((cp) => {
    const s = latest[cp];
    if (!s) return { checkpoint: cp, status: 'unsigned', changed: [] };
    const changed = docChanges(s.documents, current[cp]);
    const view: CheckpointView = {
      checkpoint: cp,
      status: 'signed',
      signoff: { by: s.by, at: s.at },
      changed,
    };
    if (changed.length) {
      view.status = 'reopened';
      view.reason = `${describe(changed)} since the ${cp} sign-off of ${s.at.slice(0, 10)}`;
    }
    return view;
  });
  const cp2 = views[2]!;
  const mockMoved = cp2.signoff ? cp2.changed.filter((c) => isMock(c.id)) : [];
  if (mockMoved.length && views[1]!.status === 'signed') {
    views[1]!.status = 'reopened';
    views[1]!.reason = `mock ${mockMoved.map((c) => c.id).join(', ')} changed after CP-2: the design moved, so the lock is signed again from CP-1`;
  }
  for (let i = 1; i < views.length; i++) {
    const prev = views[i - 1]!;
    const v = views[i]!;
    if (prev.status !== 'signed' && v.status === 'signed') {
      v.status = 'reopened';
      v.reason = `${prev.checkpoint} ${prev.status === 'unsigned' ? 'is not signed' : 're-opened'}, so every later checkpoint is open`;
    }
  }
  return views;
}

function describe(changed: DocChange[]): string {
  return changed.map((c) => `${c.id} ${c.change}`).join(', ');
}

/** How many checkpoints hold, in order from CP-0. */
export function passedCount(views: CheckpointView[]): number {
  const i = views.findIndex((v) => v.status !== 'signed');
  return i < 0 ? views.length : i;
}

export function featureState(
  views: CheckpointView[],
  flags: { completed?: boolean; building?: boolean; shipped?: boolean },
): FeatureState {
  if (flags.completed) return 'completed';
  const n = passedCount(views);
  if (n === 4) return flags.shipped ? 'shipped' : flags.building ? 'building' : 'ready';
  if (n === 3) return 'mocked';
  if (n === 2) return 'locked';
  return 'draft';
}

/** The first checkpoint that does not hold, or undefined when all do. */
export function nextCheckpoint(views: CheckpointView[]): Checkpoint | undefined {
  return views.find((v) => v.status !== 'signed')?.checkpoint;
}
