// Register writes that never lose a person's work: the file is re-read inside a lock
// (proper-lockfile), the change is a list of precise splices computed from that text, and the
// result replaces the file atomically (write-file-atomic). Bytes outside the splices are kept
// as they were; an edit function that refuses throws before anything is written.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { KilldateError } from '../core/errors.js';
import { applyEdits, type TextEdit } from '../core/registers/edit.js';

export interface RegisterEditResult<T> {
  file: string;
  before: string | undefined;
  after: string;
  value: T;
}

/**
 * Lock `rel` (relative to `root`), read it (undefined when missing), ask `plan` for the
 * splices, apply them, let `check` refuse the result, and write the file atomically. `plan` returns the edits and a value
 * handed back to the caller (e.g. the new id); it throws KilldateError to refuse.
 */
export async function editRegister<T>(
  root: string,
  rel: string,
  plan: (text: string | undefined) => { edits: TextEdit[]; value: T },
  check?: (before: string | undefined, after: string, value: T) => void,
): Promise<RegisterEditResult<T>> {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  const release = await takeLock(abs, rel);
  try {
    const before = readIfExists(abs);
    const { edits, value } = plan(before);
    const after = applyEdits(before ?? '', edits);
    check?.(before, after, value);
    if (after !== before) await writeFileAtomic(abs, after, { fsync: true });
    return { file: rel, before, after, value };
  } finally {
    await release().catch(() => undefined);
  }
}

async function takeLock(abs: string, rel: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(abs, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 400, minTimeout: 5, maxTimeout: 60, randomize: true, factor: 1.3 },
    });
  } catch (e) {
    throw new KilldateError(
      'REFUSED',
      `${rel} is locked by another writer (${(e as Error).message})`,
      `retry; a lock older than 10 s (${rel}.lock) is taken over`,
    );
  }
}

function readIfExists(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KilldateError('UNREADABLE', `cannot read ${abs}: ${(e as Error).message}`);
  }
}
