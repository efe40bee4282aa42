// FILES entries mean what they say. An entry is a path, matched exactly (a file, never a
// folder prefix), unless it holds an unescaped `*` or `?`: then it is a glob where `*` is any
// characters within a folder name, `?` one character, and a `**` segment any number of
// folders. Every other character is itself: `( ) [ ] { } @ + !` name Next.js and scoped
// paths, not glob syntax. `\` makes the next character literal (`\*`). A folder is written
// with a trailing `/` (`src/lib/` is `src/lib/**`). A glob also matches the path it spells
// literally, first. Matching never backtracks more than (pattern x name) steps per folder
// name and (segments x segments) across folders, whatever the glob: no regex is built.

type Seg = { kind: 'globstar' } | { kind: 'name'; tokens: Token[]; literal: string | undefined };
type Token = { t: 'char'; c: string } | { t: 'star' } | { t: 'one' };

export interface FilesGlob {
  /** the entry as written (normalised) */
  entry: string;
  /** the path the entry spells, escapes removed */
  literal: string;
  /** holds an unescaped `*` or `?` */
  glob: boolean;
  /** the leading folders with no wildcard (literal text), '' when the first segment has one */
  base: string;
  segments: Seg[];
}

/** The entry's text with escapes removed, and whether it has an unescaped wildcard. */
function lex(entry: string): { tokens: Token[]; glob: boolean } {
  const chars = [...entry];
  const tokens: Token[] = [];
  let glob = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) tokens.push({ t: 'char', c: chars[++i]! });
    else if (c === '*') {
      glob = true;
      if (tokens.at(-1)?.t !== 'star') tokens.push({ t: 'star' }); // `**` in a name is `*`
    } else if (c === '?') {
      glob = true;
      tokens.push({ t: 'one' });
    } else tokens.push({ t: 'char', c });
  }
  return { tokens, glob };
}

/** Whether an entry is a glob: an unescaped `*` or `?`. */
export function isFilesGlob(entry: string): boolean {
  // an escape can only take a wildcard away: with neither character there is none to lex
  return (entry.includes('*') || entry.includes('?')) && lex(entry).glob;
}

/** The path an entry spells, escapes removed. */
export function literalOf(entry: string): string {
  // nothing escaped and no star (`**` lexes as one): the entry spells itself
  if (!entry.includes('\\') && !entry.includes('*')) return entry;
  return lex(entry)
    .tokens.map((t) => (t.t === 'char' ? t.c : t.t === 'star' ? '*' : '?'))
    .join('');
}

export function parseFilesGlob(written: string): FilesGlob {
  // a folder: `lib/` is `lib/**`
  const entry =
    written.length > 1 && written.endsWith('/') && !written.endsWith('\\/') ? `${written}**` : written;
  const { glob } = lex(entry);
  const segments: Seg[] = [];
  // split on unescaped `/`
  const parts: string[] = [];
  let cur = '';
  const chars = [...entry];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) cur += c + chars[++i]!;
    else if (c === '/') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  for (const p of parts) {
    if (p === '**') {
      if (segments.at(-1)?.kind !== 'globstar') segments.push({ kind: 'globstar' });
      continue;
    }
    const { tokens, glob: g } = lex(p);
    segments.push({
      kind: 'name',
      tokens,
      literal: g ? undefined : tokens.map((t) => (t as { c: string }).c).join(''),
    });
  }
  const baseParts: string[] = [];
  for (const s of segments) {
    if (s.kind !== 'name' || s.literal === undefined) break;
    baseParts.push(s.literal);
  }
  if (baseParts.length === segments.length) baseParts.pop(); // a literal: its folder is the base
  return { entry, literal: literalOf(entry), glob, base: baseParts.join('/'), segments };
}

/**
 * One folder or file name against one pattern segment: `*` by greedy backtracking, O(p x n).
 * `name` is the name's characters (a string when it is ASCII: one character per index).
 */
function nameMatches(tokens: Token[], name: ArrayLike<string>): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const t = tokens[p];
    if (t && (t.t === 'one' || (t.t === 'char' && t.c === name[n]))) {
      p++;
      n++;
    } else if (t?.t === 'star') {
      starP = p++;
      starN = n;
    } else if (starP >= 0) {
      p = starP + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[p]?.t === 'star') p++;
  return p === tokens.length;
}

const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * Segments against a path's names: `**` is any number of names (one at least when it ends the
 * glob: `src/**` is what is under src/); memoised, O(segments x names x names).
 */
function segmentsMatch(segs: Seg[], path: string): boolean {
  const names = path.split('/');
  const chars: ArrayLike<string>[] = NOT_ASCII.test(path) ? names.map((s) => [...s]) : names;
  // 0 not asked yet, 1 no, 2 yes; only a second `**` can ask the same step twice
  const memo = new Uint8Array(segs.length * (names.length + 1));
  const go = (i: number, j: number): boolean => {
    if (i === segs.length) return j === names.length;
    const key = i * (names.length + 1) + j;
    const known = memo[key]!;
    if (known !== 0) return known === 2;
    const s = segs[i]!;
    let ok: boolean;
    if (s.kind === 'globstar') {
      // a trailing `**` is what is under the folder: one name at least
      if (i === segs.length - 1) ok = j < names.length;
      else {
        ok = false;
        for (let k = j; k <= names.length && !ok; k++) ok = go(i + 1, k);
      }
    } else
      ok =
        j < names.length &&
        (s.literal !== undefined ? s.literal === names[j] : nameMatches(s.tokens, chars[j]!)) &&
        go(i + 1, j + 1);
    memo[key] = ok ? 2 : 1;
    return ok;
  };
  return go(0, 0);
}

/** Whether `path` is what the entry names: the literal path first, then the glob. */
export function filesGlobMatches(g: FilesGlob, path: string): boolean {
  if (path === g.literal) return true;
  if (!g.glob || path === '') return false;
  return segmentsMatch(g.segments, path);
}

/** A matcher for one entry. */
export function filesMatcher(entry: string): (path: string) => boolean {
  const g = parseFilesGlob(entry);
  return (path) => filesGlobMatches(g, path);
}
