// "Did you mean": the closest of some known names to a misspelt one, by edit distance.

/** Levenshtein distance between two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The known name nearest to `word`, when it is close enough to be a typo (or contains it). */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let score = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase());
    if (d < score) [best, score] = [k, d];
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && score <= limit ? best : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, known: readonly string[]): string {
  const c = closest(word, known);
  return c ? `; did you mean "${c}"?` : '';
}
