// Matching many FILES entries fast: literal paths in a set, globs bucketed by their literal
// base folder and asked only about paths under it. What an entry means (a path exactly, or a
// glob of `*`, `?` and `**` with every other character literal) is files-glob.ts.
// Pure; imports picomatch only for the config's manifest names (the PreToolUse hook loads this
// on every agent edit).
import picomatch from 'picomatch';
import { type FilesGlob, filesGlobMatches, isFilesGlob, parseFilesGlob } from './files-glob.js';

/** Whether a FILES entry is a glob (an unescaped `*` or `?`), not a path. */
export function isGlob(entry: string): boolean {
  return isFilesGlob(entry);
}

const OPTS = { dot: true };

/** One regex per config glob text, kept for the process. */
const regexes = new Map<string, RegExp>();

function regexOf(glob: string): RegExp {
  let re = regexes.get(glob);
  if (!re) {
    re = picomatch.makeRe(glob, OPTS);
    regexes.set(glob, re);
  }
  return re;
}

const NEEDS_PARSE = /[*?\\]|\/$/;

/** A fast matcher over many FILES entries: a literal is one path, never a folder prefix. */
export function compileAllowlist(entries: string[]): (path: string) => boolean {
  const literals = new Set<string>();
  const byBase = new Map<string, FilesGlob[]>();
  for (const e of entries) {
    // a plain path (no wildcard, escape or trailing /) is its own literal: no parse
    if (!NEEDS_PARSE.test(e)) {
      literals.add(e);
      continue;
    }
    const g = parseFilesGlob(e);
    literals.add(g.literal);
    if (!g.glob) continue;
    const list = byBase.get(g.base);
    if (list) list.push(g);
    else byBase.set(g.base, [g]);
  }
  return (path) => {
    if (literals.has(path)) return true;
    if (byBase.size === 0) return false;
    // each folder above the path, up to the root: a glob is asked only below its base
    let dir = path;
    for (;;) {
      const slash = dir.lastIndexOf('/');
      dir = slash < 0 ? '' : dir.slice(0, slash);
      const globs = byBase.get(dir);
      if (globs) for (const g of globs) if (filesGlobMatches(g, path)) return true;
      if (dir === '') return false;
    }
  };
}

/** `name === glob || regex`, as picomatch's matcher decides, without its per-call result object. */
function anyOf(patterns: string[]): (s: string) => boolean {
  if (patterns.length === 0) return () => false;
  const tests = patterns.map((p) => ({ p, re: regexOf(p) }));
  return (s) => s !== '' && tests.some((t) => s === t.p || t.re.test(s));
}

/** a config glob (picomatch syntax) rather than a plain name */
const CONFIG_GLOB = /[*?[\]{}()!+@]/;

/** Manifest names match the base name (a set lookup, then any wildcard names); patterns with a slash match the path. */
export function manifestMatcher(patterns: string[]): (path: string) => boolean {
  const names = new Set(patterns.filter((p) => !p.includes('/') && !CONFIG_GLOB.test(p)));
  const byName = anyOf(patterns.filter((p) => !p.includes('/') && CONFIG_GLOB.test(p)));
  const byPath = anyOf(patterns.filter((p) => p.includes('/')));
  return (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return names.has(name) || byName(name) || byPath(path);
  };
}
