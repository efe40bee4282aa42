// Small helpers the register parsers share: inline text line by line, bold-led entry heads,
// and the template sections (entry format, examples) that are not entries.
import type { Block, ParagraphBlock } from '../markdown.js';
import { plain } from '../sections.js';

export interface TextLine {
  text: string;
  line: number;
}

/** Every line of inline text outside code blocks, with its 1-based line number. */
export function textLines(blocks: Block[]): TextLine[] {
  const out: TextLine[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push({ text: b.text, line: b.line });
    else if (b.kind === 'paragraph' || b.kind === 'item') {
      const lines = b.text.split('\n');
      for (let n = 0; n < lines.length; n++) out.push({ text: lines[n]!, line: b.line + n });
    } else if (b.kind === 'table') {
      out.push({ text: b.header.join(' | '), line: b.line });
      for (const row of b.rows) out.push({ text: row.cells.join(' | '), line: row.line });
    }
  }
  return out;
}

/** `**Head** rest` -> { head, rest }; undefined when the text does not open with bold. */
export function boldLead(text: string): { head: string; rest: string } | undefined {
  const m = /^\*\*(.+?)\*\*(.*)$/s.exec(text.trim());
  if (!m) return undefined;
  return { head: (m[1] ?? '').trim(), rest: (m[2] ?? '').trim() };
}

/** Headings of template sections whose content is an example, not an entry. */
export function isTemplateSection(title: string): boolean {
  return /entry format|^format$|template|example|what belongs|^how to|prefixes|governing/i.test(plain(title));
}

/**
 * Whether the blocks from `b` on sit in a template section: a heading of level 1 or 2 opens
 * or closes one, and a thematic break closes one (the kit separates its sections with `---`
 * and puts the first real entry after the `## Entry format` section with no heading of its own).
 */
export function inTemplateAfter(b: Block, inTemplate: boolean): boolean {
  if (b.kind === 'hr') return false;
  if (b.kind === 'heading' && b.level <= 2) return isTemplateSection(b.text);
  return inTemplate;
}

/** Strip separators (dashes, colons) and emphasis from the ends of a title. */
export function cleanTitle(text: string): string {
  return plain(text)
    .replace(/^[\s:—–-]+/, '')
    .replace(/[\s:—–-]+$/, '')
    .trim();
}

/** The blocks from `start` (exclusive) up to the first index where `stop` holds. */
export function blocksUntil(blocks: Block[], start: number, stop: (b: Block) => boolean): Block[] {
  const out: Block[] = [];
  for (let i = start + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (stop(b)) break;
    out.push(b);
  }
  return out;
}

/**
 * A bold-led paragraph whose first line is an entry head and whose further lines may be
 * fields (`**Severity:** high` on the next line of the same paragraph): the head line, and
 * the rest as a block of its own.
 */
export function splitHead(b: ParagraphBlock): { head: string; rest?: ParagraphBlock } {
  const nl = b.text.indexOf('\n');
  if (nl === -1) return { head: b.text };
  return { head: b.text.slice(0, nl), rest: { ...b, text: b.text.slice(nl + 1), line: b.line + 1 } };
}

/** The value of a field as a date: its leading date-shaped token, '' when none. */
export function dateValue(value: string): string {
  const m = /^\[?(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\]?/.exec(plain(value));
  return m ? (m[1] ?? '') : '';
}
