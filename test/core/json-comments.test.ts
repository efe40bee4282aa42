// Comments in JSON, blanked as Gemini CLI and Qwen Code blank them before parsing their settings.
import { describe, expect, it } from 'vitest';
import { withoutComments } from '../../src/core/json-comments.js';

describe('withoutComments', () => {
  it('blanks line and block comments outside strings, keeping line breaks and positions', () => {
    const text = '{ // one\n  "a": /* two\n three */ 1 }';
    const out = withoutComments(text);
    expect(out).toHaveLength(text.length);
    expect(out.split('\n')).toHaveLength(3);
    expect(JSON.parse(out)).toEqual({ a: 1 });
  });

  it('leaves what sits in a string, escaped quotes included', () => {
    const text = '{"url": "http://x/*y*/", "q": "say \\"//no\\"", "b": "\\\\"} // end';
    expect(JSON.parse(withoutComments(text))).toEqual({ url: 'http://x/*y*/', q: 'say "//no"', b: '\\' });
  });

  it('an unclosed block comment runs to the end; plain JSON comes back unchanged', () => {
    expect(withoutComments('{"a": 1} /* open')).toBe('{"a": 1}        ');
    const plain = '{"a": [1, "/", {"b": "*"}]}';
    expect(withoutComments(plain)).toBe(plain);
  });
});
