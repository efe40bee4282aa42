// Replace a file atomically: write a temporary file beside it, then rename over it, so a
// reader sees the old content or the new, never half of either.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { assertWritable } from './paths.js';

export function replaceFile(abs: string, content: string, mode?: number): void {
  assertWritable(abs);
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(tmp, content, mode === undefined ? {} : { mode });
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
