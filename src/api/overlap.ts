// overlap(): FILES shared between ready features, reported before either starts.
import { runRules } from '../core/check.js';
import { findOverlaps, type Overlap } from '../core/overlap.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { openWorkspace } from '../workspace/load.js';
import { featureStatus } from './status.js';

export interface OverlapResult {
  version: 1;
  /** the ready (or building) features compared */
  features: string[];
  overlaps: Overlap[];
}

export function overlap(opts: { cwd?: string; today?: string } = {}): OverlapResult {
  const { root, ws } = openWorkspace(opts);
  const findings = runRules(ws);
  const ready = ws
    .features()
    .filter((f) => !f.completed)
    .filter((f) => ['ready', 'building'].includes(featureStatus(root, ws, f, findings).state));
  const withFiles = ready.map((f) => ({
    slug: f.slug,
    files: [...new Set(f.runbooks.flatMap((rb) => filesAllowlist(ws.parsed(rb, parseRunbook)!)))],
  }));
  return { version: 1, features: ready.map((f) => f.slug), overlaps: findOverlaps(withFiles) };
}
