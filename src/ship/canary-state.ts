// The canary's state on disk: .killdate/canary/<feature>.json, replaced atomically, with its
// copy in git under refs/killdate/canary/<feature>. A file that is not the state killdate wrote
// (edited by hand or by an agent, truncated, no copy in git) is a clear error.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CanaryState, canaryStateSchema } from '../core/canary.js';
import { KilldateError } from '../core/errors.js';
import { readWitnessed, writeWitnessed } from '../workspace/witnessed.js';

export function canaryFile(root: string, feature: string): string {
  if (!/^[\w.-]+$/.test(feature) || feature.startsWith('.'))
    throw new KilldateError(
      'USAGE',
      `bad feature name "${feature}": expected letters, digits, dots, dashes, underscores`,
    );
  return join(root, '.killdate', 'canary', `${feature}.json`);
}

/** The ref of a feature's canary copy: its name when git takes it as is, else its hex. */
const canaryRef = (feature: string): string =>
  `refs/killdate/canary/${/^[A-Za-z0-9_-]+$/.test(feature) ? feature : `x-${Buffer.from(feature).toString('hex')}`}`;

const AGAIN = 'delete it and run `killdate canary start` again';

export function readCanary(root: string, feature: string): CanaryState | undefined {
  canaryFile(root, feature);
  const rel = `.killdate/canary/${feature}.json`;
  const text = readWitnessed(root, rel, canaryRef(feature), 'none', AGAIN);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
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
  return new KilldateError('UNREADABLE', `${rel} is not a canary state killdate wrote: ${why}`, AGAIN);
}

export function writeCanary(root: string, state: CanaryState): void {
  const file = canaryFile(root, state.feature);
  mkdirSync(dirname(file), { recursive: true });
  const rel = `.killdate/canary/${state.feature}.json`;
  writeWitnessed(root, rel, canaryRef(state.feature), `${JSON.stringify(state, null, 2)}\n`);
}
