// Section and field helpers over the flat block list of a parsed document.
import type { Block, HeadingBlock, MdDoc } from './markdown.js';

export interface Section {
  heading: HeadingBlock;
  /** blocks up to the next heading of the same or a higher level */
  blocks: Block[];
}

/** Every heading of `level` with the blocks under it. */
export function sections(doc: MdDoc | Block[], level: number): Section[] {
  const blocks = Array.isArray(doc) ? doc : doc.blocks;
  const out: Section[] = [];
  let current: Section | null = null;
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level <= level) {
      current = b.level === level ? { heading: b, blocks: [] } : null;
      if (current) out.push(current);
      continue;
    }
    current?.blocks.push(b);
  }
  return out;
}

/**
 * Anything plain() would change: emphasis, ticks, underscores, whitespace other than a space,
 * runs of spaces, a space at either end. The class spells out [*`_] and [^\S ] (\s less the
 * space: tab to carriage return and the Unicode spaces): V8 tests it about a third faster, and
 * plain() is asked some 145 times per lock.
 */
const PLAIN_WORK = /[*`_\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|^ | $/;
/** `_emphasis_` and `__strong__` markers at word edges; `snake_case` keeps its underscore. */
const EMPHASIS_UNDERSCORES = /(^|[\s(])_{1,2}(?=\S)|(?<=\S)_{1,2}(?=$|[\s).,:;!?])/g;

/** Strip markdown emphasis and code ticks (underscores inside words stay) and squeeze spaces. */
export function plain(text: string): string {
  if (!PLAIN_WORK.test(text)) return text; // the common case, asked thousands of times
  const unmarked = text.replace(/[*`]/g, '');
  // the underscore pattern (a lookbehind) is the costly one, and most texts have no underscore
  const bare = unmarked.includes('_') ? unmarked.replace(EMPHASIS_UNDERSCORES, '$1') : unmarked;
  return bare.replace(/\s+/g, ' ').trim();
}

/** A labelled field such as `**Branch:** main`, found in paragraphs or list items. */
export interface Field {
  label: string;
  value: string;
  line: number;
}

const FIELD = /^\s*(?:[-*]\s+)?\*\*([^*]+?):?\*\*:?\s*(.*)$/;

/**
 * Read `**Label:** value` fields. A field with nothing after its label takes the text of
 * the following non-field blocks (up to the next field or heading) as its value.
 */
export function fields(blocks: Block[]): Field[] {
  const out: Field[] = [];
  let open = null as Field | null;
  for (const b of blocks) {
    if (b.kind === 'heading') break;
    if (b.kind !== 'paragraph' && b.kind !== 'item') {
      if (open && b.kind === 'code') open.value = joinValue(open.value, b.content.trim());
      continue;
    }
    const lines = b.text.includes('\n') ? b.text.split('\n') : [b.text];
    for (let n = 0; n < lines.length; n++) {
      const text = lines[n]!;
      const m = FIELD.exec(text);
      if (m) {
        open = { label: plain(m[1] ?? ''), value: (m[2] ?? '').trim(), line: b.line + n };
        out.push(open);
      } else if (open && !(b.kind === 'paragraph' && b.quoted)) {
        open.value = joinValue(open.value, b.kind === 'item' ? `- ${text}` : text);
      }
    }
  }
  return out;
}

function joinValue(a: string, b: string): string {
  return a ? `${a}\n${b}` : b;
}

/** The first field whose label starts with one of `labels`, ignoring case. */
export function findField(list: Field[], ...labels: string[]): Field | undefined {
  const wanted = labels.map((l) => l.toLowerCase());
  for (const f of list) {
    // each label lower-cased once, not once per wanted prefix
    const label = f.label.toLowerCase();
    for (const w of wanted) if (label.startsWith(w)) return f;
  }
  return undefined;
}

/** Values that mean "not filled in". */
export function isBlankValue(value: string): boolean {
  const v = plain(value).replace(/^>\s*/, '').trim();
  if (v === '') return true;
  if (/^(tbd|todo|\?+|tba|xxx|fixme|-|—|…|\.\.\.)$/i.test(v)) return true;
  return isPlaceholder(v);
}

/** A whole value that is a template placeholder: `[your answer]`, `[YYYY-MM-DD]`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return /^\[[^\]]+\]$/.test(v) && !/^\[(x| )\]$/i.test(v);
}

/** An `[UPPER CASE]` or `[CamelCase]` placeholder inside a text, as in `[AppName]`. */
export const PLACEHOLDER =
  /\[(?:[A-Z][A-Z0-9]*(?:[ _/.-]+[A-Z0-9]+)*|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)\](?![([])/g;
