// Staging on demand (METHOD section 9: spun up, tested, torn down, no standing cost): with
// commands.stagingDown, the ship tears staging down after its checks whether they passed or
// not, records that as a step, and a staging a crash left up is torn down on ship --resume.
import type { PlannedStep } from '../core/ship-plan.js';
import type { ShipState, StepState } from './ship-state.js';

export interface StagingPhase {
  up: PlannedStep;
  inside: PlannedStep[];
  down: PlannedStep & { kind: 'run' };
}

export function stagingPhase(plan: PlannedStep[]): StagingPhase | undefined {
  const up = plan.find((s) => s.staging === 'up');
  const down = plan.find((s) => s.staging === 'down');
  if (!up || !down || down.kind !== 'run') return undefined;
  return { up, inside: plan.filter((s) => s.staging === 'in'), down };
}

/** True while the ship process that spun staging up is alive. */
export function stagingOwnerAlive(state: ShipState): boolean {
  if (!state.staging) return false;
  try {
    process.kill(state.staging.pid, 0);
    return state.staging.pid !== process.pid;
  } catch {
    return false;
  }
}

/**
 * Before the checklist runs (a resume too): a staging left up while the ship was not waiting on
 * a walkthrough (a crash, a kill) must be torn down, and a phase left unfinished starts again
 * from its spin-up. Resets the phase's steps in `state`; returns whether to tear down first.
 */
export function restartStaging(phase: StagingPhase, state: ShipState): { tearDown: boolean } {
  const step = (id: string) => state.steps.find((s) => s.id === id) as StepState;
  const ids = [phase.up, ...phase.inside, phase.down].map((s) => s.id);
  const next = ids.map(step).find((s) => s.status !== 'done');
  if (!next) return { tearDown: !!state.staging };
  const attest = phase.inside.some((p) => p.id === next.id && p.kind === 'attest');
  if (state.staging && attest && next.status === 'pending') return { tearDown: false };
  if (step(phase.up.id).status === 'done' || step(phase.down.id).status === 'done')
    for (const id of ids) step(id).status = 'pending';
  return { tearDown: !!state.staging };
}
