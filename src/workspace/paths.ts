// Path resolution that symlinks and `..` cannot fool: real paths, and repo-relative or null.
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { KilldateError } from '../core/errors.js';

/** A real absolute path as repo-relative (forward slashes), or null when outside the repo. */
export function insideRepo(realRoot: string, realAbs: string): string | null {
  const rel = relative(realRoot, realAbs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

/**
 * The real path of `abs`, following every symlink; for a path that does not exist yet, the
 * real path of its nearest existing ancestor joined with the rest.
 */
export function realTarget(abs: string): string {
  const rest: string[] = [];
  let p = abs;
  for (;;) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      const parent = dirname(p);
      if (parent === p) return abs;
      rest.push(basename(p));
      p = parent;
    }
  }
}

/**
 * Refuses a write (or removal) at `abs` that a symlink, the file itself or a folder on its way,
 * would carry out of the repo `abs` lies in: an agent confined to the repo could otherwise
 * plant a link and have killdate, run by the person, write outside it. The repo is the nearest
 * folder above `abs` holding `.git`, found by name, not through links; none: nothing to check.
 */
export function assertWritable(abs: string): void {
  const root = repoAbove(abs);
  if (root === undefined) return;
  const realRoot = realpathSync(root);
  let real: string;
  if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) {
    try {
      real = realpathSync(abs);
    } catch {
      throw outside(abs, root, 'a symlink to nothing');
    }
  } else real = realTarget(abs);
  if (real !== realRoot && insideRepo(realRoot, real) === null) throw outside(abs, root, real);
}

function repoAbove(abs: string): string | undefined {
  for (let dir = dirname(abs); ; dir = dirname(dir)) {
    if (lstatSync(join(dir, '.git'), { throwIfNoEntry: false })) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function outside(abs: string, root: string, where: string): KilldateError {
  return new KilldateError(
    'REFUSED',
    `${relative(root, abs)}: a symlink leads this write out of the repo (${where}); nothing written`,
  );
}
