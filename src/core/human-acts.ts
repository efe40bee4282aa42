// The human acts: what only the human may do. Each refuses inside an agent session or inside a
// killdate run, and its message names no way round (an agent follows such hints). Every front
// (CLI, MCP server, dashboard) reaches these acts through the api, which calls this first.
import { agentMarkerIn } from './agent-env.js';
import { KilldateError } from './errors.js';

export const HUMAN_ACTS = [
  'signoff',
  'approve',
  'accept',
  'reject',
  'revert',
  'canary expand',
  'canary rollback',
  'feature complete',
  // the deploy and its attestations ("I walked staging") are the person's
  'ship',
] as const;
export type HumanAct = (typeof HUMAN_ACTS)[number];

/**
 * Ending an active task's guard is the person's too: `task stop` (and `resume --review` after a
 * run's killdate died) refuses inside an agent or a run while a task is active, however the
 * command was spelled past the before-shell guard.
 */
export function refuseGuardEndInsideAgent(
  task: string,
  env: Record<string, string | undefined>,
  command = 'task stop',
): void {
  const marker = agentMarkerIn(env);
  if (!marker) return;
  throw new KilldateError(
    'REFUSED',
    `${command} would end the guard of task ${task}: refused inside ${marker.agent}`,
  );
}

/** Throws REFUSED (exit 1) when env shows an agent or a killdate run. */
export function refuseInsideAgent(act: HumanAct, env: Record<string, string | undefined>): void {
  const marker = agentMarkerIn(env);
  if (!marker) return;
  throw new KilldateError('REFUSED', `${act} is a human act: refused inside ${marker.agent}`);
}
