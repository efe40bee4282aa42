// Path resolution that symlinks and `..` cannot fool: real paths, and repo-relative or null.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

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
