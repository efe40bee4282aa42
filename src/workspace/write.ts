// Writes that never lose a person's work: create-only (atomic, fails when the file exists)
// and append-a-marked-block (never rewrites what is already there).
import {
  appendFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { assertWritable } from './paths.js';

export type CreateOutcome = 'created' | 'exists';

/** Whether anything (file, folder, even a dangling symlink) sits at `abs`. */
export function occupied(abs: string): boolean {
  return lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Create `abs` with `content` only if nothing is there. The content is written to a temporary
 * file first and hard-linked into place, so readers never see half a file and an existing
 * file is never replaced (link fails with EEXIST). Where hard links are not supported, an
 * exclusive `wx` open is the fallback.
 */
export function createFile(abs: string, content: string): CreateOutcome {
  assertWritable(abs);
  if (occupied(abs)) return 'exists';
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  writeFileSync(tmp, content, { flag: 'wx' });
  try {
    linkSync(tmp, abs);
    return 'created';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    return createExclusive(abs, content);
  } finally {
    unlinkSync(tmp);
  }
}

function createExclusive(abs: string, content: string): CreateOutcome {
  try {
    writeFileSync(abs, content, { flag: 'wx' });
    return 'created';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw e;
  }
}

export type AppendOutcome = 'created' | 'appended' | 'present';

/**
 * Add `block` at the end of the text file `abs` unless `isPresent(text)` says it is already
 * there. The existing content is kept byte for byte; a missing file is created.
 */
export function appendBlock(abs: string, block: string, isPresent: (text: string) => boolean): AppendOutcome {
  assertWritable(abs);
  if (!existsSync(abs)) return createFile(abs, block) === 'created' ? 'created' : 'present';
  const text = readFileSync(abs, 'utf8');
  if (isPresent(text)) return 'present';
  const sep = text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  appendFileSync(abs, sep + block);
  return 'appended';
}
