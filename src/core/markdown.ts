// The one markdown reader: markdown-it block tokens flattened into blocks that carry
// 1-based line numbers, so every finding can point at a line. A plain document is read line by
// line to the same blocks (plain-blocks.ts), and markdown-it starts only for the first
// document that is not plain.

import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { plainBlocks, splitCheckbox } from './plain-blocks.js';

declare const require: ((id: string) => unknown) | undefined;

export interface HeadingBlock {
  kind: 'heading';
  level: number;
  text: string;
  line: number;
}
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  line: number;
  quoted: boolean;
}
export interface ItemBlock {
  kind: 'item';
  text: string;
  line: number;
  /** null when the item has no checkbox */
  checked: boolean | null;
  ordered: boolean;
  depth: number;
  quoted: boolean;
}
export interface TableRow {
  cells: string[];
  line: number;
}
export interface TableBlock {
  kind: 'table';
  line: number;
  header: string[];
  rows: TableRow[];
}
export interface CodeBlock {
  kind: 'code';
  lang: string;
  content: string;
  line: number;
}
export interface RuleBlock {
  kind: 'hr';
  line: number;
}
export type Block = HeadingBlock | ParagraphBlock | ItemBlock | TableBlock | CodeBlock | RuleBlock;

export interface MdDoc {
  path: string;
  /** text with BOM removed and CRLF turned into LF */
  text: string;
  lines: string[];
  blocks: Block[];
}

let md: InstanceType<typeof MarkdownIt> | undefined;

/**
 * The parser, made on first use. In the bundle, esbuild turns this `require` into a lazy start
 * of the bundled markdown-it; run from source (tests), Node's own require loads it.
 */
function markdownIt(): InstanceType<typeof MarkdownIt> {
  if (md) return md;
  const Parser = (
    typeof require === 'function' ? require('markdown-it') : createRequire(import.meta.url)('markdown-it')
  ) as typeof MarkdownIt;
  md = new Parser('commonmark', { html: false }).enable('table');
  // Blocks keep the raw inline source (token.content); inline children are never read, and
  // tokenising them costs half of the parse time on a large workspace.
  md.core.ruler.disable(['inline', 'text_join']);
  return md;
}

/** Strip a BOM and normalise line ends; nothing else. */
export function normaliseText(raw: string): string {
  const noBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

export function parseMarkdown(path: string, raw: string): MdDoc {
  const text = normaliseText(raw);
  const lines = text.split('\n');
  const blocks = plainBlocks(text, lines) ?? flatten(markdownIt().parse(text, {}));
  return { path, text, lines, blocks };
}

/** markdown-it's blocks, never the plain reading (the reference plain-blocks is tested against). */
export function markdownItBlocks(text: string): Block[] {
  return flatten(markdownIt().parse(text, {}));
}

function flatten(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  let quoteDepth = 0;
  const lists: boolean[] = [];
  let itemPending: { line: number } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const line = (t.map?.[0] ?? 0) + 1;
    switch (t.type) {
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push(t.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        itemPending = { line };
        break;
      case 'heading_open':
        blocks.push({ kind: 'heading', level: Number(t.tag.slice(1)), text: inlineAt(tokens, i + 1), line });
        break;
      case 'paragraph_open': {
        const text = inlineAt(tokens, i + 1);
        if (itemPending) {
          const { checked, rest } = splitCheckbox(text);
          blocks.push({
            kind: 'item',
            text: rest,
            line: itemPending.line,
            checked,
            ordered: lists.at(-1) ?? false,
            depth: lists.length,
            quoted: quoteDepth > 0,
          });
          itemPending = null;
        } else {
          blocks.push({ kind: 'paragraph', text, line, quoted: quoteDepth > 0 });
        }
        break;
      }
      case 'list_item_close':
        if (itemPending) {
          blocks.push({
            kind: 'item',
            text: '',
            line: itemPending.line,
            checked: null,
            ordered: lists.at(-1) ?? false,
            depth: lists.length,
            quoted: quoteDepth > 0,
          });
          itemPending = null;
        }
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ kind: 'code', lang: (t.info ?? '').trim(), content: t.content, line });
        break;
      case 'hr':
        blocks.push({ kind: 'hr', line });
        break;
      case 'table_open':
        i = readTable(tokens, i, blocks);
        break;
    }
  }
  return blocks;
}

function inlineAt(tokens: Token[], i: number): string {
  const t = tokens[i];
  return t && t.type === 'inline' ? t.content.trim() : '';
}

function readTable(tokens: Token[], start: number, out: Block[]): number {
  const line = (tokens[start]!.map?.[0] ?? 0) + 1;
  const table: TableBlock = { kind: 'table', line, header: [], rows: [] };
  let cells: string[] = [];
  let rowLine = line;
  let inHead = false;
  let i = start + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'table_close') break;
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') {
      cells = [];
      rowLine = (t.map?.[0] ?? 0) + 1;
    } else if (t.type === 'inline') cells.push(t.content.trim());
    else if (t.type === 'tr_close') {
      if (inHead) table.header = cells;
      else table.rows.push({ cells, line: rowLine });
    }
  }
  out.push(table);
  return i;
}
