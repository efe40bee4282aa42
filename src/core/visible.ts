// Text from outside killdate (a file name an agent chose, a document's words, an agent's output)
// shown to a person: its control characters could hide text, move the cursor, erase lines or
// write the clipboard of the person's terminal, or break a line of a record. Each is shown as
// `\u00XX` instead. Pure.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;
/** every control character but the line break and the tab */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NOT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NOT_LINES_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** the same, and killdate's own colours (cli/output.ts), which a terminal keeps */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const TERMINAL = /\u001b\[(?:0|1|2|31|33)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const shown = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Whether `text` holds a control character, a line break or a tab among them. */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** `text` on one line: every control character shown, line breaks too (a name in a record). */
export function shownInline(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL_ALL, shown) : text;
}

/** `text` for a record (REVIEW.md): every control character shown but line breaks and tabs. */
export function inRecord(text: string): string {
  return NOT_LINES.test(text) ? text.replace(NOT_LINES_ALL, shown) : text;
}

/** `text` for a terminal: as inRecord, and killdate's own colours kept. */
export function forTerminal(text: string): string {
  return NOT_LINES.test(text) ? text.replace(TERMINAL, (m) => (m.length > 1 ? m : shown(m))) : text;
}
