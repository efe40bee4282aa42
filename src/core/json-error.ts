// Where a text stops being JSON, by line and column, and what was expected there. JSON.parse
// names a character position, or none, and its message can quote the text itself (a settings
// file can hold a key). Only asked once JSON.parse has failed: speed does not matter. Pure.

export interface JsonError {
  line: number;
  column: number;
  expected: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {}
}

/** The first place `text` is not JSON, or undefined when it is JSON. */
export function jsonErrorIn(text: string): JsonError | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const take = (c: string, expected: string) => {
    space();
    if (text[i] !== c) fail(expected);
    i++;
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail('a closing " of the string');
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail('a character allowed in a string (a line break must be written \\n)');
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u');
      } else i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      members('}', () => {
        space();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        take(':', 'a colon after the property name');
        value();
      });
      return;
    }
    if (c === '[') {
      members(']', value);
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && /[-\d]/.test(c ?? '')) {
      i += number[0].length;
      return;
    }
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word === undefined) {
      fail('a value (an object, array, string, number, true, false or null)');
      return;
    }
    i += word.length;
  };
  const members = (close: string, member: () => void) => {
    i++; // the opening bracket
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail(`a comma or ${close}`);
      i++;
      space();
      if (text[i] === close) fail(`another ${close === '}' ? 'property' : 'element'} after the comma`);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('the end of the text');
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split('\n').length;
    return { line, column: e.at - before.lastIndexOf('\n'), expected: e.expected };
  }
}

/** `.claude/settings.json:3:1: not valid JSON: expected a comma or }` (no text of the file). */
export function jsonProblem(file: string, text: string): string {
  const e = jsonErrorIn(text);
  return e
    ? `${file}:${e.line}:${e.column}: not valid JSON: expected ${e.expected}`
    : `${file}: not valid JSON`;
}
