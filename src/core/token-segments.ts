// Where a text can be cut so that the token counts of the pieces add up to the count of the
// whole: the base of the start report's token cache. Kept apart from tokens.ts, whose import
// brings the tokenizer's ranks with it.

/** A line that starts a new pre-tokenizer chunk: a non-space character, no carriage return before it. */
const STARTS_CHUNK = /^[^\S\r]*\S/u;

/**
 * `text` cut into pieces whose cl100k counts add up to the count of the whole. cl100k's
 * pre-tokenizer (gpt-tokenizer's split pattern) keeps a chunk that holds a newline from running
 * past the last newline of its whitespace run, so a cut after '\n' is exact when the next line
 * has a non-space character and no '\r' in its indent; other lines (blank, spaces only, '\r'
 * first) stay with the piece before them. Checked by test/core/token-segments.property.test.ts.
 */
export function tokenSegments(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let piece = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (STARTS_CHUNK.test(line)) {
      out.push(`${piece}\n`);
      piece = line;
    } else piece += `\n${line}`;
  }
  if (piece) out.push(piece);
  return out;
}
