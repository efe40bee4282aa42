// The ship's state: .killdate/ship/state.json, replaced atomically after every step so an
// interrupted ship (Ctrl-C, crash) resumes at its step, with its copy in git under
// refs/killdate/ship/state: a state killdate did not write is refused, never resumed from.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { z } from '../core/zod.js';
import { readWitnessed, writeWitnessed } from '../workspace/witnessed.js';
import { SHIP_STATE } from './ship-state-file.js';

const SHIP_REF = 'refs/killdate/ship/state';
const RESTART = 'start the ship again: killdate ship --restart';

export const stepStateSchema = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
    at: z.string().optional(),
    detail: z.string().optional(),
    log: z.string().optional(),
    attestedBy: z.string().optional(),
    warning: z.boolean().optional(),
  })
  .strict();

export const shipStateSchema = z
  .object({
    version: z.literal(1),
    id: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    feature: z.string().optional(),
    migrated: z.boolean(),
    /** an on-demand staging this ship spun up and has not torn down yet */
    staging: z.object({ since: z.string(), pid: z.number().int() }).strict().optional(),
    steps: z.array(stepStateSchema),
  })
  .strict();

export type ShipState = z.infer<typeof shipStateSchema>;
export type StepState = z.infer<typeof stepStateSchema>;

export function readShipState(root: string): ShipState | undefined {
  const text = readWitnessed(root, SHIP_STATE, SHIP_REF, 'none', RESTART);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  const r = shipStateSchema.safeParse(raw);
  if (!r.success) throw bad(`${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
  return r.data;
}

function bad(why: string): KilldateError {
  return new KilldateError('UNREADABLE', `${SHIP_STATE} is not a ship state killdate wrote: ${why}`, RESTART);
}

export function writeShipState(root: string, s: ShipState): void {
  mkdirSync(dirname(join(root, SHIP_STATE)), { recursive: true });
  writeWitnessed(root, SHIP_STATE, SHIP_REF, `${JSON.stringify(s, null, 2)}\n`);
}
