// Find the workspace root: the nearest folder upwards holding .git (a folder, or a file in a
// worktree), without spawning git, since this runs inside agent hooks.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KilldateError } from '../core/errors.js';

export function findRoot(cwd: string = process.cwd()): string {
  const start = resolve(cwd);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(start);
  } catch {
    throw new KilldateError('NOT_FOUND', `folder not found: ${start}`, 'pass an existing folder with --cwd');
  }
  if (!st.isDirectory()) throw new KilldateError('USAGE', `not a folder: ${start}`);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(`${dir}/.git`)) return dir;
    if (dirname(dir) === dir) return start;
  }
}
