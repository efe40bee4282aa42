// The blocks of a plain document read line by line, without markdown-it (four to five times
// faster): most method documents use only headings, paragraphs, one-level lists with wrapped
// lines, pipe tables, fenced code and simple quotes. Anything else (a nested list, an indented
// block, a tab, a reference definition, a table inside a paragraph, a quote's lazy line...)
// gives undefined and the caller parses with markdown-it. Where this answers, it answers
// exactly markdown-it's blocks (test/core/plain-blocks.property.test.ts compares the two).
import type { Block, HeadingBlock, ItemBlock, ParagraphBlock, TableBlock } from './markdown.js';

const HEADING = /^(#{1,6})(?: +(.*))?$/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const BULLET = /^([-*+]) (.*)$/;
const ORDERED = /^(\d{1,9})([.)]) (.*)$/;
const RULE = /^([-*_])(?: *\1){2,} *$/;
const BLANK = /^ *$/;
/** a setext underline: the paragraph above is a heading */
const SETEXT = /^(?:-+|=+) *$/;
/** what an indented line must not start with: it could open a block inside a list item */
const INDENTED_BLOCK = /^(?:[-*+>](?: |$)|#{1,6}(?: |$)|\d{1,9}[.)](?: |$)|```|~~~|\[)/;
/** an item with nothing in it */
const EMPTY_ITEM = /^(?:[-*+]|\d{1,9}[.)]) *$/;
/** what a list item's first words must not look like: a block inside the item */
const NESTED = /^(?:[-*+>#]( |$)|\d{1,9}[.)]( |$)|```|~~~| )/;
/** a table's delimiter row: only pipes, dashes, colons and spaces, with a dash */
const DELIMITER = /^[|:\- ]*-[|:\- ]*$/;
/** one cell of a table's delimiter row */
const ALIGNMENT = /^:?-+:?$/;
/** markdown-it gives up completing short table rows after this many cells */
const MAX_COMPLETED_CELLS = 65_536;

type Open =
  | typeof NONE
  | { kind: 'paragraph'; block: ParagraphBlock; lines: string[] }
  /** `indent`: where the item's text starts, the columns a continuation line may be indented */
  | { kind: 'item'; block: ItemBlock; lines: string[]; marker: string; indent: number };

/** Nothing open: one object for every close. */
const NONE = { kind: 'none' } as const;

/**
 * The blocks of `text` (normalised: no BOM, no CR; `lines` is it split at line breaks), or
 * undefined when it is not plain.
 */
export function plainBlocks(text: string, lines = text.split('\n')): Block[] | undefined {
  if (text.includes('\0')) return undefined;
  /** a line opening with `[` may start a reference definition, which is no block */
  const references = text.includes(']:');
  // a line is searched for a tab or a pipe only when the text holds one
  const tabs = text.includes('\t');
  const pipes = text.includes('|');
  /** `.` in the item regexes matches no line terminator: a text holding one takes the regex */
  const terminators = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029');
  const blocks: Block[] = [];
  let open: Open = NONE;

  const close = (): void => {
    if (open.kind === 'paragraph') open.block.text = open.lines.join('\n').trim();
    if (open.kind === 'item') {
      const lines = open.lines;
      const { checked, rest } = splitCheckbox((lines.length === 1 ? lines[0]! : lines.join('\n')).trim());
      open.block.text = rest;
      open.block.checked = checked;
    }
    open = NONE;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const c = line.charCodeAt(0);
    if (line === '' || (c === 32 && BLANK.test(line))) {
      close();
      continue;
    }
    if ((tabs && line.includes('\t')) || (c === 91 /* [ */ && references)) return undefined;

    if (pipes && line.includes('|') && DELIMITER.test(lines[i + 1] ?? '')) {
      if (open.kind !== 'none' || c === 32) return undefined;
      // after an item, a header that looks like an item may be the list's next item
      if (blocks.at(-1)?.kind === 'item' && (bulletOf(line, terminators) || ORDERED.test(line)))
        return undefined;
      const end = readTable(lines, i, blocks);
      if (end === undefined) return undefined;
      i = end - 1;
      continue;
    }

    if (c === 32) {
      // an indented line continues the open paragraph; anything that could open a block
      // inside a list item is left to markdown-it
      const from = line.length - line.trimStart().length;
      const rest = line.slice(from);
      if (open.kind === 'none' || INDENTED_BLOCK.test(rest) || RULE.test(rest) || SETEXT.test(rest))
        return undefined;
      open.lines.push(open.kind === 'item' ? line.slice(Math.min(from, open.indent)) : line);
      continue;
    }

    if (open.kind === 'paragraph' && (c === 45 || c === 61) && SETEXT.test(line)) {
      const { block } = open;
      close();
      const heading: HeadingBlock = {
        kind: 'heading',
        level: c === 61 ? 1 : 2,
        text: block.text,
        line: block.line,
      };
      blocks[blocks.lastIndexOf(block)] = heading;
      continue;
    }
    if (c === 61 /* = */) return undefined;

    if (c === 62 /* > */) {
      let j = i;
      while (j < lines.length && lines[j]!.charCodeAt(0) === 62) j++;
      // a line after the quote that is not blank could be the quote's lazy continuation
      if (j < lines.length && !BLANK.test(lines[j]!)) return undefined;
      const inner = lines.slice(i, j).map((l) => l.slice(l.charCodeAt(1) === 32 ? 2 : 1));
      const quoted = plainBlocks(inner.join('\n'), inner);
      if (!quoted || quoted.some((b) => b.kind === 'code')) return undefined;
      close();
      for (const b of quoted) {
        b.line += i;
        if (b.kind === 'paragraph' || b.kind === 'item') b.quoted = true;
        if (b.kind === 'table') for (const r of b.rows) r.line += i;
        blocks.push(b);
      }
      i = j - 1;
      continue;
    }

    const marks = c === 45 || c === 42 || c === 43 || c === 95; // - * + _
    const digit = c >= 48 && c <= 57;
    if ((marks || digit) && isEmptyItem(line)) return undefined;

    const fence = c === 96 || c === 126 ? FENCE.exec(line) : null; // ` ~
    if (fence) {
      const marker = fence[1]!;
      const info = fence[2]!;
      if (info.includes('\\') || info.includes('&') || (marker[0] === '`' && info.includes('`')))
        return undefined;
      close();
      let j = i + 1;
      const body: string[] = [];
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (closesFence(l, marker)) break;
        body.push(l);
      }
      // an unclosed fence runs to the end of the text, whose last line has no line break
      // (markdown-it drops that line when it holds only spaces)
      const last = body.at(-1);
      const ended = j < lines.length || (last !== undefined && last !== '' && BLANK.test(last));
      if (j >= lines.length && ended) body.pop();
      const content = ended ? body.map((l) => `${l}\n`).join('') : body.join('\n');
      blocks.push({ kind: 'code', lang: info.trim(), content, line: i + 1 });
      i = j;
      continue;
    }

    if (marks && isRule(line)) {
      if (open.kind !== 'none') return undefined;
      blocks.push({ kind: 'hr', line: i + 1 });
      continue;
    }

    const heading = c === 35 ? HEADING.exec(line) : null; // #
    if (heading) {
      const text = (heading[2] ?? '').trim();
      if (text.endsWith('#')) return undefined;
      close();
      blocks.push({ kind: 'heading', level: heading[1]!.length, text, line: i + 1 });
      continue;
    }

    const item = marks ? bulletOf(line, terminators) : digit ? ORDERED.exec(line) : null;
    if (item) {
      const ordered = item.length === 4;
      const marker = ordered ? item[2]! : item[1]!;
      const first = ordered ? item[3]! : item[2]!;
      if (opensBlock(first)) return undefined;
      if (open.kind === 'paragraph' && ordered && item[1] !== '1') return undefined;
      if (open.kind === 'item' && open.marker !== marker) return undefined;
      close();
      const block: ItemBlock = {
        kind: 'item',
        text: '',
        line: i + 1,
        checked: null,
        ordered,
        depth: 1,
        quoted: false,
      };
      blocks.push(block);
      const indent = ordered ? item[1]!.length + 2 : 2;
      open = { kind: 'item', block, lines: [first], marker, indent };
      continue;
    }

    // a paragraph's line, or a lazy one that continues a list item's paragraph
    if (open.kind === 'none') {
      const block: ParagraphBlock = { kind: 'paragraph', text: '', line: i + 1, quoted: false };
      blocks.push(block);
      open = { kind: 'paragraph', block, lines: [line] };
    } else open.lines.push(line);
  }
  close();
  return blocks;
}

/**
 * BULLET.exec(line) without the regex for the common `- text` line (a hundred thousand FILES
 * entries are that): `.` matches no line terminator, so when the text holds one
 * (`terminators`) the line goes to the regex.
 */
function bulletOf(line: string, terminators: boolean): string[] | null {
  const c = line.charCodeAt(0);
  if ((c !== 45 && c !== 42 && c !== 43) || line.charCodeAt(1) !== 32) return null;
  if (terminators) return BULLET.exec(line);
  return [line, line[0]!, line.slice(2)];
}

/**
 * EMPTY_ITEM.test(line), asked only of a line that ends as an empty item does: in a space or
 * its marker (`-*+` or the `.`/`)` after a number). Most items end in a word.
 */
function isEmptyItem(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  const endsAsEmpty = last === 32 || last === 45 || last === 42 || last === 43 || last === 46 || last === 41;
  return endsAsEmpty && EMPTY_ITEM.test(line);
}

/**
 * RULE.test(text), asked only when the first character comes again after the spaces that
 * follow it, as in `- - -`: an item's `- text` never does.
 */
function isRule(text: string): boolean {
  let k = 1;
  while (text.charCodeAt(k) === 32) k++;
  return text.charCodeAt(k) === text.charCodeAt(0) && RULE.test(text);
}

/** What an item's text can start with when it is blank or opens a block inside the item. */
const BLOCK_START = ' -*+>#`~_0123456789';

/** The item's text is blank or opens a block inside the item (a list, quote, heading, fence, rule). */
function opensBlock(first: string): boolean {
  if (first === '') return true;
  if (!BLOCK_START.includes(first[0]!)) return false;
  return BLANK.test(first) || NESTED.test(first) || isRule(first);
}

const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** A closing fence: the opening's character, at least as many, nothing after but spaces. */
function closesFence(line: string, marker: string): boolean {
  // a code line seldom starts, after up to three spaces, with the fence's character
  let at = 0;
  while (at < 3 && line.charCodeAt(at) === 32) at++;
  if (line.charCodeAt(at) !== marker.charCodeAt(0)) return false;
  const m = CLOSING_FENCE.exec(line);
  return !!m && m[1]![0] === marker[0] && m[1]!.length >= marker.length;
}

const CHECKBOX = /^(\[( |x|X)\]|☐|☑|☒|✅|✔)\s*/u;

/** Split a leading checkbox off an item's text. */
export function splitCheckbox(text: string): { checked: boolean | null; rest: string } {
  const c = text.charCodeAt(0);
  if (c !== 91 /* [ */ && c < 0x2610) return { checked: null, rest: text }; // no box starts so
  const m = CHECKBOX.exec(text);
  if (!m) return { checked: null, rest: text };
  const box = m[1] ?? '';
  return { checked: box !== '[ ]' && box !== '☐', rest: text.slice(m[0].length) };
}

/**
 * A pipe table from line `start` (its header) to the first blank line; the index after it,
 * or undefined when markdown-it might read it otherwise.
 */
function readTable(lines: string[], start: number, out: Block[]): number | undefined {
  const aligns = lines[start + 1]!.split('|');
  let columns = 0;
  for (let k = 0; k < aligns.length; k++) {
    const t = aligns[k]!.trim();
    if (!t) {
      if (k === 0 || k === aligns.length - 1) continue;
      return undefined;
    }
    if (!ALIGNMENT.test(t)) return undefined;
    columns++;
  }
  const delimiter = lines[start + 1]!;
  if (delimiter.length < 2 || (delimiter[0] === '-' && delimiter[1] === ' ')) return undefined;
  const header = cells(lines[start]!.trim());
  if (header.length === 0 || header.length !== columns) return undefined;
  const table: TableBlock = { kind: 'table', line: start + 1, header: header.map((h) => h.trim()), rows: [] };
  let completed = 0;
  let i = start + 2;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK.test(line)) break;
    if (line[0] !== '|' || line.includes('\t')) return undefined;
    const row = cells(line.trim());
    completed += columns - row.length;
    if (completed > MAX_COMPLETED_CELLS) return undefined;
    const out: string[] = [];
    for (let k = 0; k < columns; k++) out.push(row[k] ? row[k]!.trim() : '');
    table.rows.push({ cells: out, line: i + 1 });
  }
  out.push(table);
  return i;
}

/** A row split at its unescaped pipes (`\|` is a pipe in the cell), outer empties dropped. */
function cells(row: string): string[] {
  const out: string[] = [];
  let current = '';
  let from = 0;
  for (let p = row.indexOf('|'); p !== -1; p = row.indexOf('|', p + 1)) {
    if (row.charCodeAt(p - 1) !== 92 /* \ */) {
      out.push(current + row.slice(from, p));
      current = '';
      from = p + 1;
    } else {
      current += row.slice(from, p - 1);
      from = p;
    }
  }
  out.push(current + row.slice(from));
  if (out.length && out[0] === '') out.shift();
  if (out.length && out.at(-1) === '') out.pop();
  return out;
}
