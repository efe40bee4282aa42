// The human acts from the board: sign-off and the four decisions, each recorded through the
// same api the CLI uses, so the trust model applies unchanged (the api refuses inside an agent
// or a killdate run). The board records none unless it was started by a person at a terminal.
import { type DecisionAction, decide } from '../api/decide.js';
import { planSignoff, recordSignoff } from '../api/signoff.js';
import { agentMarkerIn } from '../core/agent-env.js';
import { KilldateError } from '../core/errors.js';
import type { RouteContext } from './routes.js';

const DECISIONS: Record<string, DecisionAction> = {
  approve: 'approved',
  reject: 'rejected',
  revert: 'reverted',
  accept: 'accepted',
};

export const ACTS = ['signoff', ...Object.keys(DECISIONS)];

/** Whether a board started in this process may record human acts, and why not. */
export function humanActsHere(
  env: NodeJS.ProcessEnv,
  terminal: boolean,
): { allowed: boolean; reason?: string } {
  const marker = agentMarkerIn(env);
  if (marker) return { allowed: false, reason: `human acts are refused inside ${marker.agent}` };
  if (!terminal) return { allowed: false, reason: 'this board records no human act' };
  return { allowed: true };
}

const text = (body: Record<string, unknown>, key: string): string | undefined =>
  typeof body[key] === 'string' ? (body[key] as string) : undefined;

export async function act(name: string, body: Record<string, unknown>, c: RouteContext): Promise<unknown> {
  if (!c.acts.allowed) throw new KilldateError('REFUSED', c.acts.reason ?? 'this board records no human act');
  const feature = text(body, 'feature');
  if (!feature) throw new KilldateError('USAGE', 'missing feature');
  if (name === 'signoff') {
    const plan = planSignoff({
      cwd: c.cwd,
      feature,
      checkpoint: text(body, 'checkpoint') ?? '',
      ...(c.today ? { today: c.today } : {}),
    });
    const { root: _r, records: _s, ...shown } = plan;
    if (plan.blockers.length)
      throw new KilldateError(
        'REFUSED',
        `${plan.checkpoint} of ${plan.feature} does not hold: ${plan.blockers.length} finding(s)`,
      );
    if (plan.alreadySigned) return { ...shown, recorded: null };
    return { ...shown, recorded: recordSignoff(plan, new Date(), process.env) };
  }
  const action = DECISIONS[name];
  if (!action) throw new KilldateError('NOT_FOUND', `no act ${name}`);
  const reason = text(body, 'reason')?.trim();
  return decide(action, {
    cwd: c.cwd,
    feature,
    task: text(body, 'task') ?? '',
    ...(reason ? { reason } : {}),
    env: process.env,
  });
}
