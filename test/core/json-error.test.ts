// A settings file that is not JSON is named by line and column, with what was expected there,
// and never quoted. jsonErrorIn agrees with JSON.parse on what is JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorIn, jsonProblem } from '../../src/core/json-error.js';

describe('jsonErrorIn', () => {
  it('names the line, the column and what was expected', () => {
    const cases: [string, [number, number, string]][] = [
      ['{\n  "a": 1,\n}\n', [3, 1, 'another property after the comma']],
      ['{\n  hooks: {}\n}', [2, 3, 'a property name in double quotes']],
      ['{"a" 1}', [1, 6, 'a colon after the property name']],
      ['{"a": "x', [1, 9, 'a closing " of the string']],
      ['{"a": "x\ny"}', [1, 9, 'a character allowed in a string (a line break must be written \\n)']],
      ['{"a": "\\q"}', [1, 9, 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u']],
      ['[1, 2] 3', [1, 8, 'the end of the text']],
      ['\ufeff{}', [1, 1, 'a value (an object, array, string, number, true, false or null)']],
      ['{"a": tru }', [1, 7, 'a value (an object, array, string, number, true, false or null)']],
      ['[1 2]', [1, 4, 'a comma or ]']],
      ['', [1, 1, 'a value (an object, array, string, number, true, false or null)']],
    ];
    for (const [text, [line, column, expected]] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonErrorIn(text), text).toEqual({ line, column, expected });
    }
    expect(jsonProblem('.claude/settings.json', '{\n  "a": 1,\n}\n')).toBe(
      '.claude/settings.json:3:1: not valid JSON: expected another property after the comma',
    );
  });

  it('agrees with JSON.parse: JSON has no error, and a text JSON.parse refuses has one', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 }), (value, at, cut) => {
        const text = JSON.stringify(value, null, at % 3);
        expect(jsonErrorIn(text)).toBeUndefined();
        const broken = text.slice(0, at % (text.length + 1)) + cut + text.slice(at % (text.length + 1));
        let ok = true;
        try {
          JSON.parse(broken);
        } catch {
          ok = false;
        }
        expect(jsonErrorIn(broken) === undefined, broken).toBe(ok);
      }),
      { numRuns: 3000 },
    );
  });
});
