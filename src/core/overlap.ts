// Two features whose FILES overlap cannot run side by side: the same path (or a path both
// allowlists may match) would be edited from two worktrees.
import { filesMatcher, literalOf, parseFilesGlob } from './files-glob.js';
import { isGlob } from './scope.js';

export interface Overlap {
  features: [string, string];
  /** `a` or `a ~ b` when a glob of one covers an entry of the other */
  entries: string[];
}

/** Whether two FILES entries can name the same path. Two globs overlap when one's base holds the other's. */
export function entriesOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = isGlob(a);
  const gb = isGlob(b);
  if (!ga && !gb) return false;
  if (!ga) return filesMatcher(b)(literalOf(a));
  if (!gb) return filesMatcher(a)(literalOf(b));
  const ba = parseFilesGlob(a).base;
  const bb = parseFilesGlob(b).base;
  const within = (x: string, y: string) => x === '' || y === x || y.startsWith(`${x}/`);
  return within(ba, bb) || within(bb, ba);
}

/**
 * Every pair of features whose FILES overlap, in feature order. Indexed, not pairwise: only the
 * pairs an index says may overlap (the same entry, a path under a glob's base, nested glob
 * bases) are compared entry by entry with entriesOverlap, so the answer is the pairwise one.
 */
export function findOverlaps(features: { slug: string; files: string[] }[]): Overlap[] {
  const out: Overlap[] = [];
  for (const [i, j] of candidatePairs(features)) {
    const a = features[i]!;
    const b = features[j]!;
    const entries: string[] = [];
    for (const x of a.files)
      for (const y of b.files) if (entriesOverlap(x, y)) entries.push(x === y ? x : `${x} ~ ${y}`);
    if (entries.length) out.push({ features: [a.slug, b.slug], entries: [...new Set(entries)] });
  }
  return out;
}

/** Pairs [i, j], i < j, sorted, that may overlap: a superset of the pairs that do. */
function candidatePairs(features: { files: string[] }[]): [number, number][] {
  const literals: [string, number][] = [];
  const globs: [string, number][] = []; // [base, feature]
  const byEntry = new Map<string, Set<number>>();
  features.forEach((f, i) => {
    for (const e of f.files) {
      const owners = byEntry.get(e) ?? new Set<number>();
      byEntry.set(e, owners);
      owners.add(i);
      if (isGlob(e)) globs.push([indexBase(e), i]);
      else literals.push([literalOf(e), i]); // the path it names: escapes removed
    }
  });
  const n = features.length;
  const pairs = new Set<number>();
  const add = (i: number, j: number) => {
    if (i !== j) pairs.add(i < j ? i * n + j : j * n + i);
  };
  for (const owners of byEntry.values()) {
    if (owners.size < 2) continue;
    const list = [...owners];
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) add(list[a]!, list[b]!);
  }
  const byKey = (x: [string, number], y: [string, number]) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  literals.sort(byKey);
  const sortedGlobs = [...globs].sort(byKey);
  for (const [base, i] of globs) {
    // a literal at or under the base: the only paths the glob can match
    for (const [, j] of under(literals, base)) add(i, j);
    // another glob whose base holds this one's, or sits under it
    for (const [, j] of under(sortedGlobs, base)) add(i, j);
  }
  return [...pairs].sort((x, y) => x - y).map((p) => [Math.floor(p / n), p % n]);
}

/** A glob's literal base folder for the index (the one entriesOverlap compares). */
function indexBase(glob: string): string {
  return parseFilesGlob(glob).base;
}

/** The entries of a list sorted by key whose key is `base` or lies under it ('' holds all). */
function under(sorted: [string, number][], base: string): [string, number][] {
  if (base === '') return sorted;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]![0] < base) lo = mid + 1;
    else hi = mid;
  }
  const out: [string, number][] = [];
  for (let k = lo; k < sorted.length && sorted[k]![0].startsWith(base); k++) {
    const key = sorted[k]![0];
    if (key.length === base.length || key[base.length] === '/') out.push(sorted[k]!);
  }
  return out;
}
