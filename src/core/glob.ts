// Compiled glob matchers, memoised: rules ask the same globs (config lists, FILES entries)
// thousands of times on a large workspace, and compiling one costs far more than testing it.
import picomatch from 'picomatch';

const compiled = new Map<string, (path: string) => boolean>();
const LIMIT = 10_000;
/** characters that make a pattern more than a literal path for picomatch */
const GLOBBY = /[*?[\]{}()!+@\\]|^\.\/|\/$/;

/**
 * picomatch(globs, { dot }) compiled once per process; a literal path is a string compare.
 * An invalid glob throws, as picomatch does.
 */
export function globMatcher(globs: string | string[], dot = true): (path: string) => boolean {
  const key = `${dot ? 1 : 0}\u0000${Array.isArray(globs) ? globs.join('\u0000') : globs}`;
  let match = compiled.get(key);
  if (!match) {
    if (compiled.size >= LIMIT) compiled.clear();
    match =
      typeof globs === 'string' && !GLOBBY.test(globs)
        ? (path: string) => path === globs
        : picomatch(globs, { dot });
    compiled.set(key, match);
  }
  return match;
}
