// The per-line token cache rests on one claim: a text's cl100k count is the sum of the counts
// of its tokenSegments(). Random multi-line texts with blank lines, indents, trailing spaces,
// carriage returns, tabs, punctuation runs, digits and non-ASCII letters test it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenSegments } from '../../src/core/token-segments.js';
import { countTokens } from '../../src/core/tokens.js';

const ATOMS = [
  '',
  ' ',
  '  ',
  '\t',
  '\r',
  '\u00a0',
  '\u2028',
  'a',
  'Z',
  'word',
  "'s",
  "'ll",
  '.',
  '...',
  ':',
  '**',
  '-',
  '- [ ]',
  '#',
  '|',
  '`',
  '1',
  '12',
  '1234',
  'é',
  'ß',
  '日本',
  '🙂',
  '\u0301',
  'x.',
  '<|endoftext|>',
];
const line = fc
  .array(fc.oneof(fc.constantFrom(...ATOMS), fc.string({ maxLength: 4 })), { maxLength: 8 })
  .map((a) => a.join(''));
const text = fc.array(line, { maxLength: 12 }).map((ls) => ls.join('\n'));

const sum = (t: string) => tokenSegments(t).reduce((n, s) => n + countTokens(s), 0);

describe('tokenSegments', () => {
  it('joins back to the text', () => {
    fc.assert(
      fc.property(text, (t) => tokenSegments(t).join('') === t),
      { numRuns: 2000 },
    );
  });

  it('gives the same cl100k count as the whole text', () => {
    fc.assert(
      fc.property(text, (t) => sum(t) === countTokens(t)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (t) => sum(t) === countTokens(t)),
      { numRuns: 2000 },
    );
  });

  it('cuts a report at the lines it can', () => {
    expect(tokenSegments('# Start\n\n- a\n  b\n\n\nend\n')).toEqual([
      '# Start\n\n',
      '- a\n',
      '  b\n\n\n',
      'end\n',
    ]);
  });

  it('keeps lines together where a cut would change the count', () => {
    // a blank line: "\n\n" is one chunk (and one token); a '\r' indent joins the newline's chunk
    expect(countTokens('a\n\nb')).toBeLessThan(countTokens('a\n') + countTokens('\n') + countTokens('b'));
    expect(tokenSegments('a\n\nb')).toEqual(['a\n\n', 'b']);
    expect(tokenSegments('a.\n\rb')).toEqual(['a.\n\rb']);
  });
});
