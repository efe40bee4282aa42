// Register writes that never lose a person's work: the file is re-read inside a lock
// (lock.ts: a dead writer's lock is taken over at once), a file that is not UTF-8 is refused
// rather than decoded lossily, the change is a list of precise splices computed from that text, and the
// result replaces the file atomically (write-file-atomic). Bytes outside the splices are kept
// as they were; an edit function that refuses throws before anything is written.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type writeFileAtomic from 'write-file-atomic';
import { applyEdits, type TextEdit } from '../core/registers/edit.js';
import { recordWrite } from './bookkeeping.js';
import { takeLock } from './lock.js';
import { assertWritable } from './paths.js';
import { readForRewrite } from './utf8.js';

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
  assertWritable(abs);
  mkdirSync(dirname(abs), { recursive: true });
  const release = await takeLock(abs, rel);
  try {
    const before = readForRewrite(abs, rel);
    const { edits, value } = plan(before);
    const after = applyEdits(before ?? '', edits);
    check?.(before, after, value);
    if (after !== before) {
      await atomicWriter()(abs, after, { fsync: true });
      recordWrite(root, rel, before, after);
    }
    return { file: rel, before, after, value };
  } finally {
    release();
  }
}

declare const require: ((id: string) => unknown) | undefined;

/**
 * write-file-atomic, started on the first write: the many commands that only read a register
 * (status reads REVIEW.md) never pay for its start. In the bundle, esbuild turns this
 * `require` into a lazy start of the bundled module; run from source, Node's require loads it.
 */
function atomicWriter(): typeof writeFileAtomic {
  return (
    typeof require === 'function'
      ? require('write-file-atomic')
      : createRequire(import.meta.url)('write-file-atomic')
  ) as typeof writeFileAtomic;
}
