// overlap(): FILES shared between ready features, reported before either starts.
import { findOverlaps, type Overlap } from '../core/overlap.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { readActiveTask } from '../workspace/active-task.js';
import { openForDisplay } from '../workspace/open.js';
import { trustSettings } from './records.js';
import { featureStateOf } from './status.js';

export interface OverlapResult {
  version: 1;
  /** the ready (or building) features compared */
  features: string[];
  overlaps: Overlap[];
}

export async function overlap(opts: { cwd?: string; today?: string } = {}): Promise<OverlapResult> {
  const { root, ws } = await openForDisplay(opts);
  // the state needs no rule: which checkpoints hold, and whether a task is under way
  const shared = { active: activeTask(root), trust: trustSettings(root, ws.config) };
  const ready = ws
    .features()
    .filter((f) => !f.completed)
    .filter((f) => ['ready', 'building'].includes(featureStateOf(root, ws, f, shared).state));
  const withFiles = ready.map((f) => ({
    slug: f.slug,
    files: [...new Set(f.runbooks.flatMap((rb) => filesAllowlist(ws.parsed(rb, parseRunbook)!)))],
  }));
  return { version: 1, features: ready.map((f) => f.slug), overlaps: findOverlaps(withFiles) };
}

function activeTask(root: string) {
  try {
    return readActiveTask(root);
  } catch {
    return undefined;
  }
}
