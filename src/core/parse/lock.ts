// The pre-build lock as a typed model: title, header, the eight gates (status, fields, tables,
// lists, items) and the answers of each gate, plus the trailing CP-1 checklist and sign-off.
// Reads both the kit's format (☐/☑ boxes, instructions under bold labels) and ours.
import type { Block, HeadingBlock, MdDoc, TableRow } from '../markdown.js';
import { type Field, fields, findField, plain } from '../sections.js';
import { type GateAnswers, gateAnswers } from './lock-gates.js';
import { type GateStatus, readStatus, startsWithStatus } from './lock-status.js';

export * from './lock-gates.js';
export type { GateState, GateStatus, StatusValue } from './lock-status.js';

export interface LockItem {
  text: string;
  line: number;
  /** null when the item has no checkbox */
  checked: boolean | null;
}
/** A list under a label (`**OUT:**`, `### IN`), with the label's own inline text. */
export interface LockList {
  label: string;
  line: number;
  inline: string;
  items: LockItem[];
}
export interface LockTable {
  line: number;
  header: string[];
  rows: TableRow[];
}
export interface Paragraph {
  text: string;
  line: number;
  quoted: boolean;
}

export interface Gate {
  number: number;
  title: string;
  /** the heading's line */
  line: number;
  /** last line of the gate's section */
  endLine: number;
  level: number;
  status: GateStatus;
  fields: Field[];
  tables: LockTable[];
  lists: LockList[];
  /** every list item of the gate, status options excluded */
  items: LockItem[];
  paragraphs: Paragraph[];
}

export interface Lock extends GateAnswers {
  path: string;
  /** the `# Pre-Build Lock: <feature>` heading text, or the first top heading */
  title: string | null;
  titleLine?: number;
  feature: string | null;
  dateLocked?: Field;
  branch?: Field;
  /** every gate heading found, in document order (duplicates kept) */
  gates: Gate[];
  checklist: { line: number; items: LockItem[] } | null;
  signedOff?: Field;
}

/** The first gate numbered `n`. */
export function gateOf<G extends { number: number }>(lock: { gates: G[] }, n: number): G | undefined {
  return lock.gates.find((g) => g.number === n);
}

const GATE_HEADING = /^gate\s+(\d{1,3})\b\s*[—–:.-]*\s*(.*)$/i;
const TITLE = /^pre[- ]?build[- ]lock\b\s*[:—–-]?\s*(.*)$/i;

export function parseLock(doc: MdDoc): Lock {
  const parts = splitGates(doc);
  const firstGate = parts[0]?.heading.line ?? Number.MAX_SAFE_INTEGER;
  const title = findTitle(doc.blocks, firstGate);
  const header = fields(
    doc.blocks.filter((b) => b.line >= (title?.line ?? 0) && b.line < firstGate && b.kind !== 'heading'),
  );
  const gates = parts.map((p) => readGate(doc, p));
  const trailing = trailingBlocks(doc.blocks, parts);
  return {
    path: doc.path,
    title: title ? plain(title.text) : null,
    titleLine: title?.line,
    feature: title ? featureName(plain(title.text)) : null,
    dateLocked: findField(header, 'date locked', 'locked', 'date'),
    branch: findField(header, 'branch'),
    gates,
    checklist: findChecklist(trailing),
    signedOff: findField(
      fields(trailing.filter((b) => b.kind !== 'heading')),
      'signed off',
      'sign-off',
      'signed',
    ),
    ...gateAnswers(doc, gates, parts),
  };
}

export interface GatePart {
  heading: HeadingBlock;
  number: number;
  title: string;
  blocks: Block[];
  endLine: number;
}

function splitGates(doc: MdDoc): GatePart[] {
  const out: GatePart[] = [];
  let cur: GatePart | null = null;
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      const m = GATE_HEADING.exec(plain(b.text));
      if (m) {
        if (cur) cur.endLine = b.line - 1;
        cur = { heading: b, number: Number(m[1]), title: (m[2] ?? '').trim(), blocks: [], endLine: 0 };
        out.push(cur);
        continue;
      }
      if (cur && b.level <= cur.heading.level) {
        cur.endLine = b.line - 1;
        cur = null;
      }
    }
    cur?.blocks.push(b);
  }
  if (cur) cur.endLine = doc.lines.length;
  return out;
}

/**
 * The last `Pre-Build Lock: <feature>` heading before the first gate, else the first lock
 * heading without a feature, else the first top heading.
 */
function findTitle(blocks: Block[], before: number): HeadingBlock | undefined {
  let named: HeadingBlock | undefined;
  let firstLock: HeadingBlock | undefined;
  let firstTop: HeadingBlock | undefined;
  for (const b of blocks) {
    if (b.kind !== 'heading' || b.line >= before) continue;
    if (b.level === 1) firstTop ??= b;
    const text = plain(b.text);
    if (!TITLE.test(text)) continue;
    firstLock ??= b;
    if (featureName(text) !== null) named = b;
  }
  return named ?? firstLock ?? firstTop;
}

function featureName(title: string): string | null {
  const m = TITLE.exec(title);
  const name = (m ? (m[1] ?? '') : title).trim();
  return name === '' ? null : name;
}

function readGate(doc: MdDoc, p: GatePart): Gate {
  const body: Block[] = [];
  const items: LockItem[] = [];
  const tables: LockTable[] = [];
  const paragraphs: Paragraph[] = [];
  // one pass over the gate's blocks (this runs for every gate of every lock)
  for (const b of p.blocks) {
    if (b.kind !== 'heading') body.push(b);
    if (b.kind === 'item' && !startsWithStatus(b.text))
      items.push({ text: b.text, line: b.line, checked: b.checked });
    else if (b.kind === 'table') tables.push({ line: b.line, header: b.header, rows: b.rows });
    else if (b.kind === 'paragraph') paragraphs.push({ text: b.text, line: b.line, quoted: b.quoted });
  }
  return {
    number: p.number,
    title: p.title,
    line: p.heading.line,
    endLine: p.endLine,
    level: p.heading.level,
    status: readStatus(p.blocks),
    fields: withoutInstructions(doc, fields(body)),
    tables,
    lists: readLists(p.blocks),
    items,
    paragraphs,
  };
}

/**
 * The kit writes `**Scope statement** — one sentence: what is new...` and puts the answer in
 * the next paragraph: the text after the dash is an instruction, not the value.
 */
function withoutInstructions(doc: MdDoc, list: Field[]): Field[] {
  for (let i = 0; i < list.length; i++) list[i] = dropInstruction(doc, list[i]!);
  return list;
}

const LABEL_DASH = /\*\*[^*:]+\*\*\s*[—–]\s/;

function dropInstruction(doc: MdDoc, f: Field): Field {
  // a one-line value has no answer below the instruction to keep: it stays as it is
  if (!f.value.includes('\n')) return f;
  const source = doc.lines[f.line - 1] ?? '';
  if (!LABEL_DASH.test(source)) return f;
  return { ...f, value: f.value.slice(f.value.indexOf('\n') + 1) };
}

const LABEL_LINE = /^\s*\*\*([^*]+?)\*\*(.*)$/;
const COLON_LABEL = /^\s*\*\*[^*]+:\*\*|^\s*\*\*[^*]+\*\*\s*:/;

/** Items belong to the label (bold field or heading) above them. */
function readLists(blocks: Block[]): LockList[] {
  // items go to the last label read
  const lists: LockList[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') lists.push(labelList(b.text, b.line, ''));
    else if (b.kind === 'paragraph' && !b.quoted) {
      const lines = b.text.split('\n');
      for (let n = 0; n < lines.length; n++) {
        // a label is bold: a line without ** is none
        const m = lines[n]!.includes('**') ? LABEL_LINE.exec(lines[n]!) : null;
        if (m) lists.push(labelList(m[1] ?? '', b.line + n, labelInline(m[2])));
      }
    } else if (b.kind === 'item' && !startsWithStatus(b.text)) {
      const m = COLON_LABEL.test(b.text) ? LABEL_LINE.exec(b.text) : null;
      if (m) lists.push(labelList(m[1] ?? '', b.line, labelInline(m[2])));
      else lists.at(-1)?.items.push({ text: b.text, line: b.line, checked: b.checked });
    }
  }
  return lists;
}

function labelList(label: string, line: number, inline: string): LockList {
  // `**OUT** — explicit, not implied.` : the text after the dash is the kit's instruction
  const own = /^\s*[—–]\s/.test(inline) ? '' : inline.trim();
  return { label: plain(label).replace(/[:?]$/, '').trim(), line, inline: own, items: [] };
}

/** What follows a label, its colon dropped when the colon stands outside the bold. */
function labelInline(rest: string | undefined): string {
  return (rest ?? '').replace(/^\s*:/, '');
}

function trailingBlocks(blocks: Block[], parts: GatePart[]): Block[] {
  if (parts.length === 0) return [];
  const inGate = (line: number) => parts.some((p) => line >= p.heading.line && line <= p.endLine);
  return blocks.filter((b) => b.line > parts[0]!.heading.line && !inGate(b.line));
}

function findChecklist(trailing: Block[]): Lock['checklist'] {
  const head = trailing.find(
    (b): b is HeadingBlock => b.kind === 'heading' && /checklist|cp-1/i.test(plain(b.text)),
  );
  if (!head) return null;
  const items: LockItem[] = [];
  for (const b of trailing) {
    if (b.line <= head.line) continue;
    if (b.kind === 'heading' && b.level <= head.level) break;
    if (b.kind === 'item') items.push({ text: b.text, line: b.line, checked: b.checked });
  }
  return { line: head.line, items };
}
