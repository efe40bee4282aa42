// The ship's state: .killdate/ship/state.json, replaced atomically after every step so an
// interrupted ship (Ctrl-C, crash) resumes at its step.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { z } from '../core/zod.js';
import { SHIP_STATE } from './ship-state-file.js';
import { writeJsonAtomic } from './write.js';

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
  const file = join(root, SHIP_STATE);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  const r = shipStateSchema.safeParse(raw);
  if (!r.success) throw bad(`${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
  return r.data;
}

function bad(why: string): KilldateError {
  return new KilldateError(
    'UNREADABLE',
    `${SHIP_STATE} is not a ship state killdate wrote: ${why}`,
    'delete it and start the ship again with --restart',
  );
}

export function writeShipState(root: string, s: ShipState): void {
  writeJsonAtomic(join(root, SHIP_STATE), s);
}
