// Replace a file atomically: write a temporary file beside it, then rename over it, so a
// reader sees the old content or the new, never half of either.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { assertWritable } from './paths.js';

export function replaceFile(abs: string, content: string | Buffer, mode?: number): void {
  assertWritable(abs);
  // a link inside the repo (CLAUDE.md -> AGENTS.md) stays a link: its target is replaced
  const target = lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() ? realpathSync(abs) : abs;
  const was = statSync(target, { throwIfNoEntry: false });
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    // the file keeps its permissions (a settings file at 0600 stays 0600)
    writeFileSync(tmp, content, { mode: mode ?? (was ? was.mode & 0o7777 : 0o666) });
    if (mode === undefined && was) chmodSync(tmp, was.mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
