// What a feature has done, read from its records: checkpoints that hold, tasks approved in
// REVIEW.md, whether it shipped, its kill dates recorded. `feature complete` asks for all of
// it (the kit's definition of done); `canary start` asks that something was built.
import { viewCanary } from '../core/canary.js';
import { evaluateCheckpoints } from '../core/checkpoints.js';
import { isValidDate } from '../core/dates.js';
import { lockEntries } from '../core/killdates-lock.js';
import { isApproval, latestDecision } from '../core/review-doc.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';
import { readCanary } from '../ship/canary-state.js';
import { readShipState } from '../ship/ship-state.js';
import { gatherEvidence } from './evidence.js';
import { taskSlug } from './features.js';
import { readTrustedReview } from './records.js';

/** Checkpoints that do not hold, one line each. */
export function openCheckpoints(root: string, ws: Workspace, feature: FeatureRef): string[] {
  const ev = gatherEvidence(root, ws, feature);
  return [
    ...ev.forged.map((f) => `${f.file}:${f.line}: ${f.message}`),
    ...evaluateCheckpoints(ev.signoffs, ev.cover, ev.isMock)
      .filter((v) => v.status !== 'signed')
      .map((v) => `${v.checkpoint} is ${v.status}${v.reason ? ` (${v.reason})` : ''}`),
  ];
}

/** Each runbook's task and whether its latest decision in REVIEW.md approves it. */
export function taskApprovals(
  root: string,
  ws: Workspace,
  feature: FeatureRef,
): { task: string; approved: boolean }[] {
  const { entries } = readTrustedReview(root, feature.dir, ws.config);
  return feature.runbooks.map((rb) => {
    const task = taskSlug(rb);
    return { task, approved: isApproval(latestDecision(entries, task)?.decision) };
  });
}

/** review/forged: the decisions in REVIEW.md git does not back, as `file:line: message`. */
export function forgedDecisions(root: string, ws: Workspace, feature: FeatureRef): string[] {
  return readTrustedReview(root, feature.dir, ws.config).forged.map(
    (f) => `${f.file}:${f.line}: ${f.message}`,
  );
}

/** How the feature reached production: a canary at its last stage, or a finished ship naming it. */
export function shippedBy(root: string, feature: string, now: Date): string | undefined {
  const canary = readCanary(root, feature);
  if (canary && viewCanary(canary, now).status === 'complete')
    return `canary complete at stage "${canary.stages.at(-1)?.name}"`;
  const ship = readShipState(root);
  if (ship?.finishedAt && ship.feature === feature && !canary) return `ship ${ship.id} finished`;
  return undefined;
}

/** Why the feature is not shipped yet, for the definition of done. */
export function notShipped(root: string, feature: string, now: Date): string {
  const canary = readCanary(root, feature);
  if (!canary) return `no finished ship or canary of ${feature} is recorded in .killdate/`;
  const v = viewCanary(canary, now);
  if (v.status === 'rolled-back') return `the canary of ${feature} was rolled back`;
  return `the canary of ${feature} is at stage "${v.stageName}", not complete at the last stage`;
}

/** Gate 7's kill dates that are missing, impossible, or not written in the session log. */
export function unrecordedKillDates(ws: Workspace, feature: FeatureRef): string[] {
  const log = ws.text(ws.config.paths.log) ?? '';
  const out: string[] = [];
  for (const e of lockEntries(ws).filter((x) => x.file === feature.lock)) {
    const date = e.raw && isValidDate(e.raw) ? e.raw : undefined;
    if (!date) out.push(`${e.what} has no real kill date in gate 7 of ${e.file}`);
    else if (!e.criterion) out.push(`${e.what} has no sunset criterion in gate 7 of ${e.file}`);
    else if (!log.includes(date))
      out.push(`kill date ${date} of ${e.what} is not recorded in ${ws.config.paths.log}`);
  }
  return out;
}
