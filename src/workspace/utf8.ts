// A person's text file read for a rewrite: exactly, or refused. A file that is not UTF-8, read
// with its bad bytes replaced and written back, would lose them.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { KilldateError } from '../core/errors.js';
import { firstBadByte } from './snapshot.js';

/** The text of `abs` (`rel` names it in messages); undefined when it does not exist. */
export function readForRewrite(abs: string, rel: string): string | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KilldateError('UNREADABLE', `cannot read ${rel}: ${(e as Error).message}`);
  }
  if (isUtf8(buf)) return buf.toString('utf8');
  const at = firstBadByte(buf);
  const line = buf.subarray(0, at).filter((b) => b === 0x0a).length + 1;
  throw new KilldateError(
    'UNREADABLE',
    `${rel}:${line}: invalid UTF-8 at byte ${at + 1}: expected UTF-8 text; nothing written`,
    'save the file as UTF-8',
  );
}
