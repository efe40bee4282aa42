// signoffView(): a feature's four checkpoints, each with its sign-off, the documents it covers
// now and what changed in each since it was signed, and what blocks the next one. The page
// signs through planSignoff/recordSignoff, exactly as `killdate signoff` does.
import type { Blocker } from '../core/checkpoint-conditions.js';
import { type CheckpointView, evaluateCheckpoints, nextCheckpoint } from '../core/checkpoints.js';
import { CHECKPOINT_TITLES, type Checkpoint, latestSignoffs } from '../core/signoffs.js';
import { gatherEvidence, signoffsPath } from './evidence.js';
import { findFeature } from './features.js';
import { openRuledWorkspace } from './findings.js';
import { rules } from './rules.js';
import { conditionsFor } from './status.js';

export interface CoveredState {
  /** `path` or `path#part` */
  id: string;
  path: string;
  sha256: string;
  state: 'unchanged' | 'edited' | 'added' | 'removed' | 'unsigned';
}

export interface CheckpointPanel extends CheckpointView {
  title: string;
  documents: CoveredState[];
}

export interface SignoffViewResult {
  version: 1;
  feature: string;
  file: string;
  next?: Checkpoint;
  checkpoints: CheckpointPanel[];
  blockers: Blocker[];
}

export function signoffView(opts: { cwd?: string; feature: string; today?: string }): SignoffViewResult {
  const open = openRuledWorkspace({ ...opts, cache: true }, rules); // display: signing plans afresh
  const { root, ws } = open;
  const feature = findFeature(ws, opts.feature, { completed: true });
  const evidence = gatherEvidence(root, ws, feature);
  const views = evaluateCheckpoints(evidence.signoffs, evidence.cover, evidence.isMock);
  const latest = latestSignoffs(evidence.signoffs);
  const next = feature.completed ? undefined : nextCheckpoint(views);
  const checkpoints = views.map((v) => {
    const signed = latest[v.checkpoint]?.documents;
    const change = new Map(v.changed.map((c) => [c.id, c.change]));
    const now = evidence.cover[v.checkpoint].map((d) => ({
      id: d.id,
      path: d.id.split('#')[0]!,
      sha256: d.sha256,
      state: !signed ? ('unsigned' as const) : (change.get(d.id) ?? ('unchanged' as const)),
    }));
    const gone = v.changed
      .filter((c) => c.change === 'removed')
      .map((c) => ({ id: c.id, path: c.id.split('#')[0]!, sha256: '', state: 'removed' as const }));
    return { ...v, title: CHECKPOINT_TITLES[v.checkpoint], documents: [...now, ...gone] };
  });
  return {
    version: 1,
    feature: feature.slug,
    file: signoffsPath(feature),
    ...(next ? { next } : {}),
    checkpoints,
    blockers: next ? conditionsFor(next, ws, feature, open.findings(), evidence) : [],
  };
}
