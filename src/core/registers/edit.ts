// Precise edits of a register's text: splices by character offset, so everything outside a
// splice is kept byte for byte. Line helpers work on 1-based lines as the parsers report them.
import { KilldateError } from '../errors.js';

export interface TextEdit {
  /** character offset where the splice starts */
  start: number;
  /** character offset where it ends (exclusive); equal to start for an insertion */
  end: number;
  insert: string;
}

/** Apply non-overlapping edits (any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  let floor = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.end > floor || e.start > e.end) throw new KilldateError('INTERNAL', 'overlapping register edits');
    out = out.slice(0, e.start) + e.insert + out.slice(e.end);
    floor = e.start;
  }
  return out;
}

/** Offset of the start of 1-based `line` (text length when past the end). */
export function lineOffset(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return text.length;
    at = nl + 1;
  }
  return at;
}

/** The line terminator the file uses (CRLF when its first line ends so). */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Insert `block` (lines joined by \n) at the end, after one blank line. */
export function appendEdit(text: string, block: string): TextEdit {
  const eol = eolOf(text);
  const body = block.replace(/\n/g, eol);
  if (text.trim() === '') return { start: text.length, end: text.length, insert: `${body}${eol}` };
  const trailing = /(\r?\n)*$/.exec(text)?.[0] ?? '';
  const breaks = trailing.split('\n').length - 1;
  const sep = breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol;
  return { start: text.length, end: text.length, insert: `${sep}${body}${eol}` };
}

/** Lines with a merge-conflict marker: a register in that state is never edited. */
export function conflictLines(text: string): number[] {
  const out: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (/^(<{7}|={7}|>{7}|\|{7})(\s|$)/.test(l)) out.push(i + 1);
  });
  return out;
}

/** Throws REFUSED when the text carries merge-conflict markers. */
export function refuseConflicts(file: string, text: string | undefined): void {
  const lines = text ? conflictLines(text) : [];
  if (lines.length)
    throw new KilldateError(
      'REFUSED',
      `${file} has merge-conflict markers (line ${lines.slice(0, 3).join(', ')}): not edited`,
      'resolve the conflict by hand, then run the command again',
    );
}

/**
 * One line of text for a field value: line breaks folded, surrounding space trimmed. A lone CR
 * and U+2028/U+2029 are line breaks too (markdown and the board read them so). Linear: one split.
 */
export function oneLine(text: string): string {
  return text
    .split(/\r\n?|[\n\u2028\u2029]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}

/** The offset just past the last non-blank line before 1-based `endLine` (exclusive). */
export function endOfContent(text: string, fromLine: number, endLine: number): number {
  const lines = text.split('\n');
  let last = fromLine;
  for (let n = fromLine; n < endLine && n <= lines.length; n++)
    if ((lines[n - 1] ?? '').trim() !== '') last = n;
  return lineOffset(text, last + 1);
}
