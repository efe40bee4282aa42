// Writes that never lose a person's work: log lines appended under a lock, generated text only
// between its markers.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { recordWrite } from '../workspace/bookkeeping.js';
import { assertWritable } from '../workspace/paths.js';
import { replaceFile } from '../workspace/replace.js';
import { readForRewrite } from '../workspace/utf8.js';

const STALE_MS = 30_000;
const WAIT_MS = 5_000;

/** A lock is a folder `<file>.lock` (mkdir is atomic); a lock older than 30 s is stale. */
function lockFile(file: string): () => void {
  const dir = `${file}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rmdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_MS) rmdirSync(dir);
      else if (Date.now() > deadline)
        throw new KilldateError(
          'REFUSED',
          `${file} is locked by another killdate process`,
          `retry in a moment, or remove ${dir} if no killdate runs`,
        );
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

export function writeTextAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  replaceFile(file, text);
}

/** Run `fn` holding the lock of `file` (created empty when absent, so it can be locked). */
export function withFileLock<T>(file: string, fn: () => T): T {
  assertWritable(file);
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) appendFileSync(file, '');
  const release = lockFile(file);
  try {
    return fn();
  } finally {
    release();
  }
}

/**
 * Append `text` as one write under the file's lock. The existing text is never rewritten; a
 * missing final newline is supplied first so the entry starts on its own line.
 */
export function appendLocked(file: string, text: string, ledger?: Ledger): void {
  withFileLock(file, () => {
    const current = readFileSync(file, 'utf8');
    const sep = current === '' || current.endsWith('\n') ? '' : '\n';
    appendFileSync(file, `${sep}${text}`);
    if (ledger) recordWrite(ledger.root, ledger.path, current, `${current}${sep}${text}`);
  });
}

/** Where a bookkeeping write is recorded (workspace/bookkeeping.ts): the root and the file's path in it. */
export interface Ledger {
  root: string;
  path: string;
}

/** Rewrite `file` (created empty when absent) from its current text, under its lock. */
export function rewriteLocked(file: string, next: (text: string) => string, ledger?: Ledger): void {
  withFileLock(file, () => {
    const current = readForRewrite(file, ledger?.path ?? file) ?? '';
    const text = next(current);
    if (text === current) return;
    replaceFile(file, text);
    if (ledger) recordWrite(ledger.root, ledger.path, current, text);
  });
}
