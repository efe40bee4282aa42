// The runbook of one executor task: title, header fields, the five blocks (FILES, TYPES,
// SKELETON, PROHIBITED, VALIDATE) and what each holds, with lines. Never throws: what is
// missing is absent from the model and the rules say so.

import { destructive } from '../destructive.js';
import type { Block, CodeBlock, HeadingBlock, MdDoc } from '../markdown.js';
import { type Field, fields, plain } from '../sections.js';
import type { Workspace } from '../workspace.js';
import {
  ALLOW_DESTRUCTIVE,
  type FileEntry,
  fileEntries,
  NEGATED,
  runnableCommand,
  runnableStep,
  spans,
} from './runbook-content.js';

export type { FileEntry } from './runbook-content.js';
export { looksLikeCode, normalisePattern, runnableCommand, runnableStep } from './runbook-content.js';

export const BLOCK_NAMES = ['FILES', 'TYPES', 'SKELETON', 'PROHIBITED', 'VALIDATE'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

export interface RunbookBlock {
  name: BlockName;
  /** the heading's text as written, e.g. `FILES (allowlist)` */
  heading: string;
  level: number;
  line: number;
  /** last line of the block's content */
  endLine: number;
  blocks: Block[];
}

export interface TaskField extends Field {
  /** N of "N of M", when it parses */
  n?: number;
  /** M of "N of M", when it parses */
  m?: number;
}

export interface ValidateStep {
  text: string;
  line: number;
  /** null when the item has no checkbox */
  checked: boolean | null;
  /** the backticked command when the step is in the runnable form (see `runnableStep`) */
  command?: string;
  /** why the command is destructive, when it is on the list (core/destructive.ts) */
  destructive?: string;
  /** the step's label marks it "(destructive)": a destructive command may run */
  allowed?: boolean;
  /** a forbidding sentence that names a runnable-looking command: shown, never run */
  negatedCommand?: string;
  /** a runnable-looking command in a step not in the runnable form: shown, never run */
  mentionedCommand?: string;
}

export interface ProhibitedItem {
  text: string;
  line: number;
}

export interface RunbookFileName {
  /** `numbered`: runbook-<nn>-<task>.md; `kit`: runbook-<task>.md */
  style: 'numbered' | 'kit' | 'other';
  number?: number;
  slug?: string;
}

export interface Runbook {
  path: string;
  fileName: RunbookFileName;
  /** the `# Runbook: <task>` heading (or the first h1) */
  title?: { text: string; line: number };
  /** the task name from the title, without `Runbook:` */
  taskName?: string;
  header: { feature?: Field; task?: TaskField; branch?: Field; mapsTo?: Field };
  /** recognised block headings in order of appearance, duplicates included */
  blocks: RunbookBlock[];
  files: FileEntry[];
  types: { code: CodeBlock[]; na: boolean };
  skeleton: CodeBlock[];
  prohibited: ProhibitedItem[];
  validate: ValidateStep[];
  /** where the template's worked example starts, when it was left in */
  workedExample?: { line: number };
}

const BLOCK_HEADING =
  /^(?:\d+[.)]\s*)?(?:block\s*\d*\s*[:.—–-]?\s*)?(FILES|TYPES|SKELETON|PROHIBITED|VALIDATE)\b/i;
const TITLE = /^runbook\s*[:—–-]\s*(.+)$/i;
const WORKED = /\bworked example\b/i;

export function blockNameOf(headingText: string): BlockName | undefined {
  return blockNameOfPlain(plain(headingText));
}

/** blockNameOf for a heading whose plain() text is already known. */
function blockNameOfPlain(bare: string): BlockName | undefined {
  const m = BLOCK_HEADING.exec(bare);
  return m ? (m[1]!.toUpperCase() as BlockName) : undefined;
}

export function parseRunbookFileName(path: string): RunbookFileName {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const numbered = /^runbook-(\d+)-(.+)\.md$/i.exec(name);
  if (numbered) return { style: 'numbered', number: Number(numbered[1]), slug: numbered[2]! };
  const kit = /^runbook-(.+)\.md$/i.exec(name);
  return kit ? { style: 'kit', slug: kit[1]! } : { style: 'other' };
}

/**
 * A heading with its plain() text, read once: the parser asks each heading whether it opens
 * the worked example, whether it is the title, and which block it opens.
 */
interface ReadHeading {
  block: HeadingBlock;
  bare: string;
}

export function parseRunbook(doc: MdDoc): Runbook {
  const allHeadings = readHeadings(doc.blocks);
  const worked = workedExample(allHeadings);
  const all = worked ? doc.blocks.filter((b) => b.line < worked.line) : doc.blocks;
  const headings = worked ? allHeadings.filter((h) => h.block.line < worked.line) : allHeadings;
  const title = headings.find((h) => TITLE.test(h.bare)) ?? headings.find((h) => h.block.level === 1);
  const blocks = readBlocks(doc, all, headings, worked?.line);
  const firstBlockLine = blocks[0]?.line ?? Number.MAX_SAFE_INTEGER;
  const rb: Runbook = {
    path: doc.path,
    fileName: parseRunbookFileName(doc.path),
    header: readHeader(all.filter((b) => b.line < firstBlockLine && b.kind !== 'heading')),
    blocks,
    files: [],
    types: { code: [], na: false },
    skeleton: [],
    prohibited: [],
    validate: [],
  };
  if (title) {
    rb.title = { text: title.block.text, line: title.block.line };
    rb.taskName = plain(TITLE.exec(title.bare)?.[1] ?? title.block.text);
  }
  if (worked) rb.workedExample = { line: worked.line };
  fillContents(rb, doc);
  return rb;
}

function readHeadings(blocks: Block[]): ReadHeading[] {
  const out: ReadHeading[] = [];
  for (const b of blocks) if (b.kind === 'heading') out.push({ block: b, bare: plain(b.text) });
  return out;
}

/** A "Worked example" heading, or else a second `# Runbook:` title: the rest is the example. */
function workedExample(headings: ReadHeading[]): HeadingBlock | undefined {
  let secondTitle: HeadingBlock | undefined;
  let titles = 0;
  for (const h of headings) {
    if (WORKED.test(h.bare)) return h.block;
    if (titles < 2 && TITLE.test(h.bare) && ++titles === 2) secondTitle = h.block;
  }
  return secondTitle;
}

/**
 * The recognised blocks among `all`; `headings` are the headings of `all`, in the same order,
 * with their plain text.
 */
function readBlocks(
  doc: MdDoc,
  all: Block[],
  headings: ReadHeading[],
  stop: number | undefined,
): RunbookBlock[] {
  const out: RunbookBlock[] = [];
  let current: RunbookBlock | null = null;
  let nextHeading = 0;
  const close = (nextLine: number) => {
    if (!current) return;
    current.endLine = nextLine - 1;
    out.push(current);
    current = null;
  };
  for (const b of all) {
    if (b.kind === 'heading') {
      const name = blockNameOfPlain(headings[nextHeading++]!.bare);
      if (name || (current && b.level <= current.level)) close(b.line);
      if (name)
        current = {
          name,
          heading: b.text,
          level: b.level,
          line: b.line,
          endLine: b.line,
          blocks: [],
        };
      continue;
    }
    current?.blocks.push(b);
  }
  close(stop ?? doc.lines.length + 1);
  return out;
}

/** The header's labels, each in its own group: one test a field tells which it is. */
const HEADER_LABEL = /^(?:(feature)|(task)|(branch)|(maps\s*to))$/i;
const N_OF_M = /^(\d+)\s*(?:of|\/)\s*(\d+)\b/i;

function readHeader(blocks: Block[]): Runbook['header'] {
  // the first field of each label
  let feature: Field | undefined;
  let task: Field | undefined;
  let branch: Field | undefined;
  let mapsTo: Field | undefined;
  for (const f of fields(blocks)) {
    const m = HEADER_LABEL.exec(f.label);
    if (!m) continue;
    if (m[1]) feature ??= f;
    else if (m[2]) task ??= f;
    else if (m[3]) branch ??= f;
    else mapsTo ??= f;
  }
  const header: Runbook['header'] = {};
  if (feature) header.feature = feature;
  if (branch) header.branch = branch;
  if (mapsTo) header.mapsTo = mapsTo;
  if (task) {
    const m = N_OF_M.exec(plain(task.value));
    header.task = m ? { ...task, n: Number(m[1]), m: Number(m[2]) } : { ...task };
  }
  return header;
}

function fillContents(rb: Runbook, doc: MdDoc): void {
  const fenced = (c: CodeBlock) =>
    /^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?(`{3,}|~{3,})/.test(doc.lines[c.line - 1] ?? '');
  for (const block of rb.blocks) {
    // one push each: spread arguments overflow the stack on a long enough FILES list
    if (block.name === 'FILES') for (const e of fileEntries(block.blocks, fenced)) rb.files.push(e);
    if (block.name === 'TYPES') {
      rb.types.code.push(...codeOf(block.blocks));
      rb.types.na ||= block.blocks.some(saysNotApplicable);
    }
    if (block.name === 'SKELETON') rb.skeleton.push(...codeOf(block.blocks));
    if (block.name === 'PROHIBITED')
      for (const b of block.blocks) if (b.kind === 'item') rb.prohibited.push({ text: b.text, line: b.line });
    if (block.name === 'VALIDATE')
      for (const b of block.blocks)
        if (b.kind === 'item') rb.validate.push(validateStep(b.text, b.line, b.checked));
  }
}

function codeOf(blocks: Block[]): CodeBlock[] {
  return blocks.filter((b): b is CodeBlock => b.kind === 'code');
}

/** A TYPES paragraph, item or code block that opens with `N/A`. */
function saysNotApplicable(b: Block): boolean {
  const text = b.kind === 'paragraph' || b.kind === 'item' ? b.text : b.kind === 'code' ? b.content : '';
  // plain() only takes characters away: a text without a slash cannot open with N/A
  return text.includes('/') && /^N\/A\b/i.test(plain(b.kind === 'code' ? text.trim() : text));
}

function validateStep(text: string, line: number, checked: boolean | null): ValidateStep {
  const step: ValidateStep = { text, line, checked };
  const command = checked === null ? undefined : runnableStep(text);
  if (command) {
    step.command = command;
    const why = destructive(command);
    if (why) {
      step.destructive = why;
      if (ALLOW_DESTRUCTIVE.test(text.slice(0, text.indexOf('`')))) step.allowed = true;
    }
  }
  const mentioned = command ? undefined : spans(text).find(runnableCommand);
  if (mentioned !== undefined) {
    if (NEGATED.test(text)) step.negatedCommand = mentioned;
    else if (checked !== null) step.mentionedCommand = mentioned;
  }
  return step;
}

/** Every runbook of a workspace (kind 'runbook'), parsed once. */
export function runbooks(ws: Workspace): Runbook[] {
  // a plain loop: some twenty rules ask this for every feature, and flatMap costs more
  const out: Runbook[] = [];
  for (const path of ws.ofKind('runbook')) {
    const rb = ws.parsed(path, parseRunbook);
    if (rb) out.push(rb);
  }
  return out;
}

/** The first block of a name, if any. */
export function runbookBlock(rb: Runbook, name: BlockName): RunbookBlock | undefined {
  return rb.blocks.find((b) => b.name === name);
}

/**
 * For the scope guard (core/scope.ts `Allowlist.files`): the FILES patterns, normalised,
 * placeholders left out, no duplicates, in order.
 */
export function filesAllowlist(rb: Pick<Runbook, 'files'>): string[] {
  return [...new Set(rb.files.filter((f) => !f.placeholder).map((f) => f.pattern))];
}

/** A step `run` executes: in the runnable form and, when destructive, marked "(destructive)". */
export function runsStep(s: ValidateStep): s is ValidateStep & { command: string } {
  return s.command !== undefined && (!s.destructive || s.allowed === true);
}

/** For the review and the CP-3 sign-off: every VALIDATE command `run` executes, in order. */
export function validateCommands(rb: Runbook): { command: string; line: number; text: string }[] {
  return rb.validate.filter(runsStep).map((s) => ({ command: s.command, line: s.line, text: s.text }));
}
