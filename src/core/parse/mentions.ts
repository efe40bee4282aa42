// What a method document mentions, line by line: paths inside the repo and unfilled template
// placeholders. The context document is read whole with the strict placeholder pattern
// (`[AppName]`, `[YOUR TEST COMMAND]`); other documents skip their examples (blockquotes,
// "Entry format" sections, a worked example) and also count lower-case placeholders such as
// `[current item]`. Never throws.
import type { Block, MdDoc } from '../markdown.js';
import { PLACEHOLDER, plain } from '../sections.js';
import { inTemplateAfter, type TextLine, textLines } from './blocks.js';

export interface Mention {
  text: string;
  line: number;
}

const CODE_SPAN = /(`+)([^`]+?)\1/g;
const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const EXTENSION =
  /\.(md|mdc|mdx|txt|json|ya?ml|toml|ts|tsx|js|jsx|mjs|cjs|py|rb|go|rs|sql|sh|html|css|env|lock|ini|cfg|conf|xml|csv)$/i;

/** Does a code span or link target look like a path inside the repo? */
export function looksLikeRepoPath(raw: string): boolean {
  const p = raw.trim();
  if (p === '' || /\s/.test(p)) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('//') || p.startsWith('#')) return false;
  if (/[*?{}[\]<>()|$@!'"`,;=]/.test(p)) return false;
  if (p.startsWith('/') || p.startsWith('~') || p.startsWith('-')) return false;
  const path = normalisePath(p);
  if (path === '' || /YYYY/.test(path)) return false; // a naming pattern, `YYYY-MM-DD-slug/NOTE.md`
  if (EXTENSION.test(path)) return true;
  // `N/A` and `I/O` are words, not folders
  return p.includes('/') && path.split('/').some((seg) => seg.length > 2);
}

/** `./docs/x.md#part` -> `docs/x.md`; `project-management/` -> `project-management`. */
export function normalisePath(raw: string): string {
  return raw
    .trim()
    .replace(/[#:].*$/, '')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/[.]+$/, '');
}

/** The first path a text names (a code span, else a link target), normalised. */
export function firstPath(text: string): string | undefined {
  for (const m of text.matchAll(CODE_SPAN)) if (looksLikeRepoPath(m[2] ?? '')) return normalisePath(m[2]!);
  for (const m of text.matchAll(LINK)) if (looksLikeRepoPath(m[1] ?? '')) return normalisePath(m[1]!);
  return undefined;
}

/** A path offered as an example: "e.g. `db/migrations/`", "`db/migrations/` (or equivalent)". */
const EXAMPLE_BEFORE = /\b(e\.g\.,?|for example|such as)\s*$/i;
const EXAMPLE_AFTER = /^\s*\(?(or ((an?|its|the) )?(equivalent|similar)|or wherever|e\.g\.)/i;

export function pathMentions({ text, line }: TextLine): Mention[] {
  const out: Mention[] = [];
  const add = (raw: string, at: number, end: number) => {
    if (!looksLikeRepoPath(raw) || insideQuotes(text, at)) return;
    if (EXAMPLE_BEFORE.test(text.slice(0, at)) || EXAMPLE_AFTER.test(text.slice(end))) return;
    out.push({ text: normalisePath(raw), line });
  };
  for (const m of text.matchAll(CODE_SPAN)) add(m[2] ?? '', m.index, m.index + m[0].length);
  for (const m of text.matchAll(LINK)) add(m[1] ?? '', m.index, m.index + m[0].length);
  return out;
}

/** Words that introduce a placeholder as an example of the syntax, not as a value to fill. */
const MENTIONED = /\b(marked|written as|such as|like|e\.g\.,?|for example|every|each)\s*[`'"“]?$/i;
/** Any bracketed text on one line that is not a link, a checkbox, a footnote or a number. */
const BRACKET = /\[([^[\]\n]{1,200})\](?![([:])/g;
const STRICT = new RegExp(PLACEHOLDER.source, 'g');

/**
 * The placeholders of one line. `strict`: only `[UPPER CASE]` and `[CamelCase]` ones, code
 * spans included. Otherwise any bracket (`[current item]`, `[your thesis]`) outside code
 * spans and quotation marks, and a code span that is a whole placeholder (`` `[URL]` ``).
 */
export function placeholdersOnLine({ text, line }: TextLine, strict: boolean): Mention[] {
  const found = strict ? strictOnes(text) : broadOnes(text);
  return found.filter((m) => !MENTIONED.test(text.slice(0, m.at))).map((m) => ({ text: m.text, line }));
}

interface Hit {
  text: string;
  at: number;
}

function strictOnes(text: string): Hit[] {
  const flat = text.replace(/`/g, ' '); // `[YOUR TEST COMMAND]` is still unfilled
  return [...flat.matchAll(STRICT)].filter((m) => m[0].length > 3).map((m) => ({ text: m[0], at: m.index }));
}

function broadOnes(text: string): Hit[] {
  const skip = skippedRanges(text);
  const out: Hit[] = [];
  for (const m of text.matchAll(BRACKET)) {
    const inner = m[1]!.trim();
    // a footnote, a number, a date (a dated head `**[<date>] What broke**` opens a learning)
    if (inner === '' || /^(\^.*|\d+|!.*|\d{4}-\d{2}-\d{2})$/.test(inner)) continue;
    if (insideQuotes(text, m.index) || skip.some(([a, b]) => m.index >= a && m.index < b)) continue;
    out.push({ text: m[0], at: m.index });
  }
  return out;
}

/** Code spans that are more than one placeholder. */
function skippedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(CODE_SPAN))
    if (!/^\[[^[\]]+\]$/.test(m[2]!.trim())) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Inside a quoted example sentence ("I changed `src/x.ts`..."), which may end on a later line. */
function insideQuotes(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const straight = before.split('"').length - 1;
  return straight % 2 === 1 || before.split('“').length > before.split('”').length;
}

/** Blocks of a document minus its examples: blockquotes, template sections (up to a `---`), a worked example. */
export function blocksToRead(doc: MdDoc): Block[] {
  const out: Block[] = [];
  let template = false;
  let worked = false;
  for (const b of doc.blocks) {
    if (b.kind === 'heading') worked ||= /worked example/i.test(plain(b.text));
    template = inTemplateAfter(b, template);
    if (worked || template) continue;
    if ((b.kind === 'paragraph' || b.kind === 'item') && b.quoted) continue;
    out.push(b);
  }
  return out;
}

/** Every text line of a document's own content (see blocksToRead). */
export function contentLines(doc: MdDoc): TextLine[] {
  return textLines(blocksToRead(doc));
}
