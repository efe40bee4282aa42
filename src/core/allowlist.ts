// Matching many FILES entries fast: literals in a set, globs bucketed by their literal base
// folder and compiled only when a path under that folder is asked about. A glob is tested on
// the part of the path below its base, so `src/a/**/*.ts` and `src/b/**/*.ts` share one regex.
// Pure, imports picomatch only (the PreToolUse hook loads this on every agent edit).
import picomatch from 'picomatch';

const GLOB_CHARS = /[*?[\]{}()!+@]/;

export function isGlob(entry: string): boolean {
  return GLOB_CHARS.test(entry);
}

const OPTS = { dot: true };

/** One regex per glob text, kept for the process: the same tail recurs under many bases. */
const regexes = new Map<string, RegExp>();

function regexOf(glob: string): RegExp {
  let re = regexes.get(glob);
  if (!re) {
    re = picomatch.makeRe(glob, OPTS);
    regexes.set(glob, re);
  }
  return re;
}

/** Tests the part of a path below `base`; the whole path when the glob does not split cleanly. */
type Test = (path: string, rest: string) => boolean;

/** A glob as a test on paths strictly below its base (the only paths it is asked about). */
function globTest(entry: string, base: string, glob: string): Test {
  const splits =
    glob !== '' &&
    !glob.startsWith('!') &&
    (base === '' ? glob === entry : !isGlob(base) && `${base}/${glob}` === entry);
  const re = regexOf(splits ? glob : entry);
  return splits ? (_path, rest) => re.test(rest) : (path) => re.test(path);
}

/** A fast matcher over many entries: literals in a set, globs bucketed by their static base. */
export function compileAllowlist(entries: string[]): (path: string) => boolean {
  const literals = new Set<string>();
  const pending = new Map<string, { entry: string; glob: string }[]>();
  for (const e of entries) {
    if (!isGlob(e)) {
      literals.add(e);
      continue;
    }
    const { base, glob } = picomatch.scan(e);
    const list = pending.get(base);
    if (list) list.push({ entry: e, glob });
    else pending.set(base, [{ entry: e, glob }]);
  }
  const compiled = new Map<string, Test[]>();
  const testsAt = (base: string): Test[] | undefined => {
    let tests = compiled.get(base);
    if (tests) return tests;
    const list = pending.get(base);
    if (!list) return undefined;
    tests = list.map((g) => globTest(g.entry, base, g.glob));
    compiled.set(base, tests);
    return tests;
  };
  return (path) => {
    if (literals.has(path)) return true;
    let dir = path;
    for (;;) {
      const slash = dir.lastIndexOf('/');
      dir = slash < 0 ? '' : dir.slice(0, slash);
      if (literals.has(dir)) return true;
      const tests = pending.has(dir) ? testsAt(dir) : undefined;
      if (tests) {
        const rest = dir === '' ? path : path.slice(dir.length + 1);
        for (const t of tests) if (t(path, rest)) return true;
      }
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

/** Manifest names match the base name (a set lookup, then any wildcard names); patterns with a slash match the path. */
export function manifestMatcher(patterns: string[]): (path: string) => boolean {
  const names = new Set(patterns.filter((p) => !p.includes('/') && !isGlob(p)));
  const byName = anyOf(patterns.filter((p) => !p.includes('/') && isGlob(p)));
  const byPath = anyOf(patterns.filter((p) => p.includes('/')));
  return (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return names.has(name) || byName(name) || byPath(path);
  };
}
