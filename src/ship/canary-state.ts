// The canary's state on disk: .killdate/canary/<feature>.json, replaced atomically. A file
// that is not the state killdate wrote (edited by hand, truncated) is a clear error.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CanaryState, canaryStateSchema } from '../core/canary.js';
import { KilldateError } from '../core/errors.js';
import { writeJsonAtomic } from './write.js';

export function canaryFile(root: string, feature: string): string {
  if (!/^[\w.-]+$/.test(feature) || feature.startsWith('.'))
    throw new KilldateError(
      'USAGE',
      `bad feature name "${feature}": expected letters, digits, dots, dashes, underscores`,
    );
  return join(root, '.killdate', 'canary', `${feature}.json`);
}

export function readCanary(root: string, feature: string): CanaryState | undefined {
  const file = canaryFile(root, feature);
  if (!existsSync(file)) return undefined;
  const rel = `.killdate/canary/${feature}.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw corrupt(rel, `not JSON (${(e as Error).message})`);
  }
  const r = canaryStateSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw corrupt(rel, `${issue.path.join('.') || 'state'}: ${issue.message}`);
  }
  if (r.data.feature !== feature)
    throw corrupt(rel, `it is the state of "${r.data.feature}", not "${feature}"`);
  return r.data;
}

function corrupt(rel: string, why: string): KilldateError {
  return new KilldateError(
    'UNREADABLE',
    `${rel} is not a canary state killdate wrote: ${why}`,
    `restore it from your notes, or delete it and run \`killdate canary start\` again`,
  );
}

export function writeCanary(root: string, state: CanaryState): void {
  writeJsonAtomic(canaryFile(root, state.feature), state);
}
