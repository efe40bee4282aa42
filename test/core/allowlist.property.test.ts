// compileAllowlist and manifestMatcher against the plain picomatch answer they speed up:
// the same verdict for every generated FILES glob and path.
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileAllowlist, isGlob, manifestMatcher } from '../../src/core/allowlist.js';

/** The matcher as it was before: each glob compiled whole, asked only under its scan base. */
function reference(entries: string[]): (path: string) => boolean {
  const literals = new Set(entries.filter((e) => !isGlob(e)));
  const globs = entries
    .filter(isGlob)
    .map((e) => ({ base: picomatch.scan(e).base, re: picomatch.makeRe(e, { dot: true }) }));
  return (path) => {
    if (literals.has(path)) return true;
    let dir = path;
    for (;;) {
      const slash = dir.lastIndexOf('/');
      dir = slash < 0 ? '' : dir.slice(0, slash);
      if (literals.has(dir)) return true;
      if (globs.some((g) => g.base === dir && g.re.test(path))) return true;
      if (dir === '') return false;
    }
  };
}

const NAMES = [
  'a',
  'b',
  'src',
  '.a',
  'x.ts',
  '.ts',
  'a.ts',
  'a+b',
  '@s',
  '(a)',
  'ü',
  'a b',
  '.hidden',
  'x.test.ts',
  'package.json',
  'requirements-dev.txt',
];
const GLOBS = ['*', '**', '*.ts', '?.ts', '{a,b}', '[ab]', '!(x).ts', '*(a)', '+(a|b)', '@(a)', 'a*', '.*'];
const name = fc.constantFrom(...NAMES);
const segment = fc.oneof(name, fc.constantFrom(...GLOBS, '*.{ts,js}', '**/'));
const path = fc.array(name, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
const entry = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '!'))
  .map(([s, neg]) => neg + s.join('/'));

describe('compileAllowlist', () => {
  it('gives the answer of each glob compiled whole', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 8 }),
        fc.array(path, { maxLength: 20 }),
        (es, ps) => {
          const fast = compileAllowlist(es);
          const slow = reference(es);
          for (const p of ps) expect([es, p, fast(p)]).toEqual([es, p, slow(p)]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches below the base only, one regex shared by globs with the same tail', () => {
    const allow = compileAllowlist(['src/a/**/*.ts', 'src/b/**/*.ts', 'docs/**', 'lib/x.ts']);
    const yes = ['src/a/x.ts', 'src/a/p/q/.x.ts', 'src/b/y.ts', 'docs/x/y.md', 'lib/x.ts'];
    const no = ['src/c/x.ts', 'src/a/x.js', 'src/a.ts', 'lib/y.ts', 'docs'];
    expect(yes.map(allow)).toEqual(yes.map(() => true));
    expect(no.map(allow)).toEqual(no.map(() => false));
  });
});

describe('manifestMatcher', () => {
  it("gives picomatch's array answer on base names and paths", () => {
    const patterns = fc.array(fc.oneof(entry, name), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(patterns, fc.array(path, { maxLength: 20 }), (ms, ps) => {
        const fast = manifestMatcher(ms);
        const names = ms.filter((m) => !m.includes('/'));
        const withSlash = ms.filter((m) => m.includes('/'));
        const byName = names.length ? picomatch(names, { dot: true }) : () => false;
        const byPath = withSlash.length ? picomatch(withSlash, { dot: true }) : () => false;
        for (const p of ps) {
          const slow = byName(p.slice(p.lastIndexOf('/') + 1)) || byPath(p);
          expect([ms, p, fast(p)]).toEqual([ms, p, slow]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
