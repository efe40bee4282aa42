// globMatcher answers exactly as picomatch does, literal fast path included.
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/core/glob.js';

const segment = fc.constantFrom(
  'src',
  'lib',
  'a.ts',
  '.env',
  'x-y',
  'test',
  'b.test.ts',
  '*',
  '**',
  '*.ts',
  '{a,b}',
);
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const literal = path.map((p) => p.replace(/[*{},]/g, 'z'));

describe('globMatcher', () => {
  it('matches like picomatch with dot: true, for globs and literal paths', () => {
    fc.assert(
      fc.property(fc.oneof(path, literal), literal, (pattern, candidate) => {
        expect(globMatcher(pattern)(candidate)).toBe(picomatch(pattern, { dot: true })(candidate));
        expect(globMatcher(pattern)(pattern)).toBe(picomatch(pattern, { dot: true })(pattern));
      }),
      { numRuns: 500 },
    );
  });

  it('compiles a list of globs once and reuses it', () => {
    const globs = ['src/lib/**', 'lib/**'];
    expect(globMatcher(globs)).toBe(globMatcher([...globs]));
    expect(globMatcher(globs)('src/lib/a/b.ts')).toBe(true);
    expect(globMatcher(globs)('src/app.ts')).toBe(false);
  });
});
