// What the register commands share with those that only read or check (end --check, the
// session view): reading a register that may be absent, and refusing a secret in text bound
// for a committed file. Apart from registers.ts so that a reader does not load the config
// validator and every register's parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownSecrets, secretKinds } from '../agents/redact.js';
import { KilldateError } from '../core/errors.js';

/** Refuses text carrying an API key, token or password (the redactor's set): a register is committed to git. */
export function refuseSecrets(values: (string | undefined)[]): void {
  for (const v of values) {
    if (!v) continue;
    const kinds = secretKinds(v, knownSecrets(process.env));
    if (kinds.length)
      throw new KilldateError(
        'REFUSED',
        `the text holds what looks like a secret (${kinds.join(', ')}): registers are committed, so it is not written`,
        'describe the secret (e.g. "the staging API key") instead of pasting it',
      );
  }
}

/** The file's text, or undefined when there is no file; a file that cannot be read is an error, never "missing". */
export function readOptional(root: string, rel: string): string | undefined {
  try {
    return readFileSync(join(root, rel), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KilldateError('UNREADABLE', `cannot read ${rel}: ${(e as Error).message}`);
  }
}
