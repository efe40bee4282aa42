// The session log (_log.md): one `## YYYY-MM-DD` entry per session, newest last, each with
// a branch, what happened, and an optional RESUME HERE block of numbered next steps.
// The preamble (everything before the first dated heading) and fenced examples are ignored.
import { isValidDate, LEADING_DATE } from '../dates.js';
import type { Block, HeadingBlock, MdDoc } from '../markdown.js';
import { type Field, fields, findField, plain } from '../sections.js';
import { cleanTitle } from './blocks.js';

export interface ResumeStep {
  text: string;
  line: number;
}

export interface ResumeBlock {
  line: number;
  /** numbered steps; bulleted ones are in `others` */
  steps: ResumeStep[];
  others: ResumeStep[];
}

export interface LogEntry {
  heading: string;
  line: number;
  /** the date-shaped start of the heading, '' when it has none */
  date: string;
  dateValid: boolean;
  /** text after the date, e.g. a topic */
  suffix: string;
  branch?: Field;
  whatHappened?: Field;
  resume?: ResumeBlock;
  fields: Field[];
}

export interface LogModel {
  entries: LogEntry[];
  /** the newest entry's RESUME HERE, when it has one */
  liveResume?: ResumeBlock;
}

export function parseLog(doc: MdDoc): LogModel {
  const entries: LogEntry[] = [];
  let current: { heading: HeadingBlock; blocks: Block[] } | undefined;
  const close = () => {
    if (current) entries.push(entryOf(current.heading, current.blocks));
  };
  for (const b of doc.blocks) {
    if (b.kind === 'heading' && b.level <= 2) {
      close();
      const dated = b.level === 2 && LEADING_DATE.test(b.text);
      // after the first dated entry, every H2 is an entry (an undated one is a bad heading)
      current = b.level === 2 && (dated || entries.length > 0) ? { heading: b, blocks: [] } : undefined;
      continue;
    }
    current?.blocks.push(b);
  }
  close();
  return { entries, liveResume: entries.at(-1)?.resume };
}

function entryOf(heading: HeadingBlock, blocks: Block[]): LogEntry {
  const m = LEADING_DATE.exec(heading.text);
  const date = m ? (m[1] ?? '') : '';
  const list = fields(blocks);
  return {
    heading: heading.text,
    line: heading.line,
    date,
    dateValid: date !== '' && isValidDate(date),
    suffix: cleanTitle(heading.text.slice(date.length)),
    branch: findField(list, 'branch'),
    whatHappened: findField(list, 'what happened', 'what changed', 'summary'),
    resume: resumeOf(blocks),
    fields: list,
  };
}

const RESUME = /^(#+\s*)?RESUME HERE\b/i;

function resumeOf(blocks: Block[]): ResumeBlock | undefined {
  const start = blocks.findIndex(
    (b) =>
      (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'item') && RESUME.test(plain(b.text)),
  );
  if (start === -1) return undefined;
  const resume: ResumeBlock = { line: blocks[start]!.line, steps: [], others: [] };
  for (const b of blocks.slice(start + 1)) {
    if (b.kind === 'heading' || b.kind === 'hr') break;
    if (b.kind === 'paragraph' && /^\*\*[^*]+:\*\*|^\*\*[^*]+\*\*:/.test(b.text)) break;
    if (b.kind !== 'item') continue;
    (b.ordered ? resume.steps : resume.others).push({ text: b.text, line: b.line });
  }
  return resume;
}
