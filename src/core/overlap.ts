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

export function findOverlaps(features: { slug: string; files: string[] }[]): Overlap[] {
  const out: Overlap[] = [];
  for (let i = 0; i < features.length; i++)
    for (let j = i + 1; j < features.length; j++) {
      const a = features[i]!;
      const b = features[j]!;
      const entries: string[] = [];
      for (const x of a.files)
        for (const y of b.files) if (entriesOverlap(x, y)) entries.push(x === y ? x : `${x} ~ ${y}`);
      if (entries.length) out.push({ features: [a.slug, b.slug], entries: [...new Set(entries)] });
    }
  return out;
}
