// status(): every feature's state, its checkpoints, the next one and exactly what blocks it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Blocker, conditions } from '../core/checkpoint-conditions.js';
import {
  type CheckpointView,
  evaluateCheckpoints,
  type FeatureState,
  featureState,
  nextCheckpoint,
  passedCount,
} from '../core/checkpoints.js';
import { KilldateError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { CHECKPOINTS, type Checkpoint } from '../core/signoffs.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';
import { SHIP_STATE } from '../ship/ship-state-file.js';
import { type ActiveTask, readActiveTask } from '../workspace/active-task.js';
import { type Evidence, gatherEvidence, hasReviewFile } from './evidence.js';
import { findFeature } from './features.js';
import { openRuledWorkspaceLazily } from './findings.js';
import { type TrustSettings, trustSettings } from './records.js';

export interface FeatureStatus {
  slug: string;
  dir: string;
  state: FeatureState;
  next?: Checkpoint;
  checkpoints: CheckpointView[];
  /** what stops the next checkpoint from being signed, lock findings tagged with their gate */
  blockers: Blocker[];
  /** signoff/forged: records in SIGNOFFS.md that git does not back (they do not count) */
  forged: Finding[];
  activeTask?: string;
}

export interface StatusResult {
  version: 1;
  features: FeatureStatus[];
  /** an on-demand staging a ship spun up and did not tear down; `left` when that ship is gone */
  staging?: { since: string; ship: string; left: boolean; next: 'tear-down' | 'go-on' };
}

/** `whenCached`: called when the cached findings hold, so no rule will run. */
export async function status(
  opts: { cwd?: string; feature?: string; today?: string; whenCached?: () => void } = {},
): Promise<StatusResult> {
  const open = await openRuledWorkspaceLazily(opts);
  const { root, ws } = open;
  const list = opts.feature ? [findFeature(ws, opts.feature, { completed: true })] : ws.features();
  const staging = await stagingUp(root, ws);
  const active = safeActiveTask(root);
  const trust = trustSettings(root, ws.config);
  let byDir: Map<string, Finding[]> | undefined;
  /** the rule findings of one feature's folder: rules run (or the cache is read) only when one is blocked */
  const findingsOf = (f: FeatureRef) => {
    byDir ??= findingsByFolder(open.findings());
    return byDir.get(f.dir) ?? [];
  };
  return {
    version: 1,
    features: list.map((f) => {
      const one = featureStatus(root, ws, f, findingsOf, { active, trust });
      ws.releaseFolder(f.dir); // its digests stay: memory stays flat however many features
      return one;
    }),
    ...(staging ? { staging } : {}),
  };
}

/** Findings grouped by the folder of their file, so a feature's are found without a scan. */
export function findingsByFolder(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const dir = f.file.slice(0, Math.max(0, f.file.lastIndexOf('/')));
    const list = out.get(dir);
    if (list) list.push(f);
    else out.set(dir, [f]);
  }
  return out;
}

/**
 * What `ship --resume` does with it: tear it down (a crash) or go on to the step it waits for.
 * The ship's modules (its state's validator) load only when a ship left its state.
 */
async function stagingUp(root: string, ws: Workspace): Promise<StatusResult['staging']> {
  if (!existsSync(join(root, SHIP_STATE))) return undefined;
  const [{ readShipState }, { restartStaging, stagingOwnerAlive, stagingPhase }, { shipPlan }] =
    await Promise.all([
      import('../ship/ship-state.js'),
      import('../ship/staging.js'),
      import('../core/ship-plan.js'),
    ]);
  try {
    const ship = readShipState(root);
    const phase = stagingPhase(shipPlan(ws.config));
    if (!ship?.staging || !phase) return undefined;
    const next = restartStaging(phase, structuredClone(ship)).tearDown ? 'tear-down' : 'go-on';
    return { since: ship.staging.since, ship: ship.id, left: !stagingOwnerAlive(ship), next };
  } catch {
    return undefined;
  }
}

/** Read once per status, not once per feature. */
export interface StatusShared {
  active: ActiveTask | undefined;
  trust: TrustSettings;
}

export function featureStatus(
  root: string,
  ws: Workspace,
  feature: FeatureRef,
  findings: Finding[] | ((f: FeatureRef) => Finding[]),
  shared: StatusShared = { active: safeActiveTask(root), trust: trustSettings(root, ws.config) },
): FeatureStatus {
  const { evidence, views, state, mine } = featureStateOf(root, ws, feature, shared);
  const next = feature.completed ? undefined : nextCheckpoint(views);
  const own = typeof findings === 'function' ? findings : () => findings;
  const blockers = next ? conditionsFor(next, ws, feature, own(feature), evidence) : [];
  return {
    slug: feature.slug,
    dir: feature.dir,
    state,
    ...(next ? { next } : {}),
    checkpoints: views,
    blockers,
    forged: evidence.forged,
    ...(mine ? { activeTask: mine } : {}),
  };
}

/** A feature's checkpoints and state, without what blocks the next one (no rule runs). */
export function featureStateOf(
  root: string,
  ws: Workspace,
  feature: FeatureRef,
  shared: StatusShared = { active: safeActiveTask(root), trust: trustSettings(root, ws.config) },
): { evidence: Evidence; views: CheckpointView[]; state: FeatureState; mine?: string } {
  const evidence = gatherEvidence(root, ws, feature, undefined, shared.trust);
  const views = evaluateCheckpoints(evidence.signoffs, evidence.cover, evidence.isMock);
  const mine = shared.active?.feature === feature.slug ? shared.active.task : undefined;
  const building = !!mine || hasReviewFile(root, ws, feature);
  const state = featureState(views, { completed: feature.completed, building });
  return { evidence, views, state, ...(mine ? { mine } : {}) };
}

export function conditionsFor(
  cp: Checkpoint,
  ws: Workspace,
  feature: FeatureRef,
  findings: Finding[],
  evidence: Evidence,
): Blocker[] {
  return conditions(cp, { ws, feature, findings, mocks: evidence.mocks });
}

/** Refuses unless the feature has passed CP-3 (a task starts only on a ready feature). */
export function assertReady(root: string, ws: Workspace, feature: FeatureRef): void {
  const evidence = gatherEvidence(root, ws, feature);
  if (evidence.forged.length)
    throw new KilldateError(
      'REFUSED',
      `feature ${feature.slug}: ${evidence.forged.length} sign-off record(s) git does not back:\n${evidence.forged
        .map((f) => `  ${f.file}:${f.line}: ${f.message}`)
        .join('\n')}`,
    );
  const views = evaluateCheckpoints(evidence.signoffs, evidence.cover, evidence.isMock);
  const n = passedCount(views);
  if (n === CHECKPOINTS.length) return;
  const open = views[n]!;
  throw new KilldateError(
    'REFUSED',
    `feature ${feature.slug} has not passed CP-3: ${open.checkpoint} is ${open.status}${open.reason ? ` (${open.reason})` : ''}`,
    `see killdate status ${feature.slug}`,
  );
}

function safeActiveTask(root: string) {
  try {
    return readActiveTask(root);
  } catch {
    return undefined;
  }
}
