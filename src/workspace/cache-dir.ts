// Files of .killdate/cache/: created with a .gitignore of `*` (as the check cache does), so a
// start in a repo that never ran check leaves nothing for git to show, and written atomically.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assertWritable } from './paths.js';
import { replaceFile } from './replace.js';

export const CACHE_DIR = '.killdate/cache';

declare const __KILLDATE_BUILD__: string | undefined;
/** The build every cache is keyed by: each build, and each run from source, has its own. */
export const BUILD =
  typeof __KILLDATE_BUILD__ === 'string' ? __KILLDATE_BUILD__ : `dev-${process.pid}-${Date.now()}`;

/** Writes `name` in the cache folder; throws when it cannot (callers treat that as no cache). */
export function writeCacheFile(root: string, name: string, content: string): void {
  const dir = join(root, CACHE_DIR);
  assertWritable(join(dir, name));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.gitignore'), '*\n');
  }
  if (name.includes('/')) mkdirSync(dirname(join(dir, name)), { recursive: true });
  replaceFile(join(dir, name), content);
}
