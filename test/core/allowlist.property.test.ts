// FILES matching (compileAllowlist over files-glob.ts) against an independent reference: a
// character-level dynamic program over the glob's grammar (`*`, `?`, `**` segments, `\`
// escapes, every other character literal, the literal path first). Generated entries and
// paths, and adversarial globs on long names: every call completes and agrees with it.
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileAllowlist, manifestMatcher } from '../../src/core/allowlist.js';
import { filesMatcher } from '../../src/core/files-glob.js';

type Tok = { c: string } | { t: 'star' | 'one' | 'gs' | 'gsend' };

/** The entry's segments split on unescaped `/`, each as [text with escapes kept]. */
function splitSegments(entry: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < entry.length; i++) {
    if (entry[i] === '\\' && i + 1 < entry.length) cur += entry[i]! + entry[++i]!;
    else if (entry[i] === '/') {
      out.push(cur);
      cur = '';
    } else cur += entry[i]!;
  }
  out.push(cur);
  return out;
}

function tokensOf(entry: string): { toks: Tok[]; glob: boolean; literal: string } {
  const segs = splitSegments(entry);
  const toks: Tok[] = [];
  let glob = false;
  let literal = '';
  segs.forEach((seg, k) => {
    const last = k === segs.length - 1;
    if (seg === '**') {
      glob = true;
      literal += last ? '**' : '**/';
      toks.push({ t: last ? 'gsend' : 'gs' });
      return;
    }
    for (let i = 0; i < seg.length; i++) {
      const ch = seg[i]!;
      if (ch === '\\' && i + 1 < seg.length) {
        toks.push({ c: seg[++i]! });
        literal += seg[i]!;
      } else if (ch === '*' || ch === '?') {
        glob = true;
        literal += ch;
        toks.push({ t: ch === '*' ? 'star' : 'one' });
      } else {
        toks.push({ c: ch });
        literal += ch;
      }
    }
    if (!last) {
      toks.push({ c: '/' });
      literal += '/';
    }
  });
  return { toks, glob, literal };
}

/** Reference: memoised DP over (token, character); `gs` is `([^/]+/)*`, `gsend` `[^/]+(/[^/]+)*`. */
function reference(entry: string, path: string): boolean {
  const { toks, glob, literal } = tokensOf(entry);
  if (path === literal) return true;
  if (!glob) return false;
  const n = path.length;
  const memo = new Map<string, boolean>();
  const at = (i: number, j: number, inSeg = false): boolean => {
    const key = `${i},${j},${inSeg}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    const t = toks[i];
    if (inSeg) r = j < n && (path[j] === '/' ? at(i, j + 1) : at(i, j + 1, true));
    else if (!t) r = j === n;
    else if ('c' in t) r = j < n && path[j] === t.c && at(i + 1, j + 1);
    else if (t.t === 'one') r = j < n && path[j] !== '/' && at(i + 1, j + 1);
    else if (t.t === 'star') r = at(i + 1, j) || (j < n && path[j] !== '/' && at(i, j + 1));
    else if (t.t === 'gs') r = at(i + 1, j) || (j < n && path[j] !== '/' && at(i, j + 1, true));
    else r = j < n && path[j] !== '/';
    memo.set(key, r);
    return r;
  };
  return at(0, 0);
}

const NAMES = [
  'a',
  'b',
  'src',
  '.a',
  'x.ts',
  'a.ts',
  'a+b',
  '@s',
  '(a)',
  '[slug]',
  '[...all]',
  '{a,b}',
  '!x',
  'ü',
  'a b',
  'page.tsx',
];
const PIECES = ['*', '**', '*.ts', '?.ts', 'a*', '.*', '*a*', '\\*', '\\(a)', 'a\\?'];
const name = fc.constantFrom(...NAMES);
const segment = fc.oneof(name, fc.constantFrom(...PIECES));
const path = fc.array(name, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
const entry = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));

describe('compileAllowlist', () => {
  it('agrees with the reference on generated entries and paths', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 8 }),
        fc.array(path, { maxLength: 20 }),
        (es, ps) => {
          const fast = compileAllowlist(es);
          for (const p of ps) expect([es, p, fast(p)]).toEqual([es, p, es.some((e) => reference(e, p))]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('adversarial globs on long names complete and agree (no backtracking blow-up)', () => {
    const piece = fc.constantFrom('*', '*', 'a', 'a', '?', 'b', '**');
    const glob = fc
      .array(fc.array(piece, { minLength: 1, maxLength: 24 }), { minLength: 1, maxLength: 4 })
      .map((segs) => segs.map((s) => s.join('')).join('/'));
    const longName = fc
      .tuple(fc.nat(60), fc.constantFrom('', 'b', 'c', 'ab'))
      .map(([k, tail]) => `${'a'.repeat(k)}${tail}`)
      .filter((n) => n !== ''); // a path has no empty name
    const longPath = fc.array(longName, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, fc.array(longPath, { minLength: 1, maxLength: 8 }), (g, ps) => {
        const fast = compileAllowlist([g]);
        const one = filesMatcher(g);
        for (const p of ps) {
          const want = reference(g, p);
          expect([g, p, fast(p)]).toEqual([g, p, want]);
          expect([g, p, one(p)]).toEqual([g, p, want]);
        }
      }),
      { numRuns: 500 },
    );
    // the issue's glob on a 45-character name
    const issue = 'src/*a*a*a*a*a*a*a*a*a*a*b';
    const p = `src/${'a'.repeat(45)}`;
    expect(compileAllowlist([issue])(p)).toBe(false);
    expect(compileAllowlist([issue])(`${p}b`)).toBe(true);
  });

  it('a literal entry names that path: Next.js and scoped paths, no folder prefix, escapes', () => {
    const allow = compileAllowlist([
      'app/(marketing)/about/page.tsx',
      'app/posts/[slug]/page.tsx',
      'pages/[...all].vue',
      'src/@scope/x.js',
      'src/a+b.ts',
      'src/!important.ts',
      'src/flags.js',
      'lib/',
      'docs/\\*.md',
    ]);
    const yes = [
      'app/(marketing)/about/page.tsx',
      'app/posts/[slug]/page.tsx',
      'pages/[...all].vue',
      'src/@scope/x.js',
      'src/a+b.ts',
      'src/!important.ts',
      'src/flags.js',
      'lib/x/y.ts',
      'docs/*.md',
    ];
    const no = [
      'app/marketing/about/page.tsx', // a glob group would have matched it
      'app/posts/s/page.tsx', // a glob class would have matched it
      'pages/a.vue',
      'src/other.ts',
      'src/flags.js/inner.js', // a file is not a folder
      'lib',
      'docs/readme.md', // the star was escaped
    ];
    expect(yes.filter((p) => !allow(p))).toEqual([]);
    expect(no.filter(allow)).toEqual([]);
  });

  it('matches below the base only', () => {
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

describe('FILES globs on names beyond ASCII', () => {
  it('`?` is one character (an emoji too) and `*` any characters, as in an ASCII name', () => {
    const allowed = compileAllowlist(['docs/?.md', 'src/**/*é*.ts', 'notes/*']);
    expect(allowed('docs/😀.md')).toBe(true);
    expect(allowed('docs/ü.md')).toBe(true);
    expect(allowed('docs/üü.md')).toBe(false);
    expect(allowed('src/a/b/café-menu.ts')).toBe(true);
    expect(allowed('src/a/cafe-menu.ts')).toBe(false);
    expect(allowed('notes/日本語.txt')).toBe(true);
    expect(allowed('notes/日本/語.txt')).toBe(false);
  });
});
