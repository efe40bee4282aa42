// Property: killdate's token count (the sorted table the build writes, binary-searched) is
// gpt-tokenizer's cl100k_base count exactly: on texts assembled from the pieces where a BPE
// count can go wrong (contractions, digit runs, line breaks and spaces, emoji, combining marks,
// lone surrogates, special-token strings), on any Unicode text, and on this project's own files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { countTokens, overTokenBudget } from '../../src/core/tokens.js';

const reference = (text: string) => encode(text, { disallowedSpecial: new Set() }).length;

const FRAGMENTS = [
  'a',
  'word',
  ' Word',
  'é',
  'ß',
  '中文',
  'ไทย',
  'العربية',
  '😀',
  '👩‍💻',
  '\u0301',
  'ﬁ',
  'ǅ',
  "'s",
  "'LL",
  "'Re",
  '1',
  '12',
  '12345',
  '٣',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\n\n  ',
  '.',
  '—',
  '**',
  '`',
  '|',
  '```ts',
  '- [ ] ',
  '<|endoftext|>',
  '<|fim_prefix|>',
  '\ud800',
  '\udfff',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'using',
  '//',
];

describe('token counts', () => {
  it('count as gpt-tokenizer does on fixed cases', () => {
    for (const text of [
      '',
      'hello world',
      '   ',
      '\n',
      '<|endoftext|>',
      '\ud83d',
      'a\ud83dz',
      '1234567',
      '\ufeff',
      '\ufeffusing',
      '\ufeff//',
    ])
      expect([text, countTokens(text)]).toEqual([text, reference(text)]);
  });

  it('count as gpt-tokenizer does on texts built from edge pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(countTokens(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('count as gpt-tokenizer does on any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(countTokens(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("count as gpt-tokenizer does on this project's documents and sources", () => {
    const root = join(import.meta.dirname, '../..');
    const files = [
      'README.md',
      ...readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
      ...readdirSync(join(root, 'src/core'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `src/core/${f}`),
    ];
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      expect([f, countTokens(text)]).toEqual([f, reference(text)]);
    }
  });

  it('a text of no more bytes than the budget is within it without counting', () => {
    expect(overTokenBudget('four', 4)).toEqual({ over: false });
    expect(overTokenBudget('one two three four five', 4)).toEqual({ over: true, tokens: 5 });
  });
});
