// TESTING-LEARNINGS.md: dated entries (`**[YYYY-MM-DD] What broke**`, optionally numbered
// `L-001`, or as headings) with what happened, why tests missed it, fix, rule going forward.
import { isValidDate } from '../dates.js';
import type { Block, MdDoc } from '../markdown.js';
import { type Field, fields, findField, plain } from '../sections.js';
import { blocksUntil, boldLead, cleanTitle, inTemplateAfter, splitHead } from './blocks.js';

export interface LearningEntry {
  /** `L-001` as written, '' when the entry has none */
  id: string;
  idValid: boolean;
  /** the date-shaped token of the head, '' when none */
  date: string;
  dateValid: boolean;
  title: string;
  line: number;
  whatHappened?: Field;
  whyMissed?: Field;
  fix?: Field;
  rule?: Field;
  fields: Field[];
}

export interface LearningsModel {
  entries: LearningEntry[];
}

const ID_HEAD = /^\[?(L-?\s?\d+)\]?/i;
const DATE = /\[?(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\]?/;

export function parseLearnings(doc: MdDoc): LearningsModel {
  const entries: LearningEntry[] = [];
  const blocks = doc.blocks;
  let inTemplate = false;
  blocks.forEach((b, i) => {
    inTemplate = inTemplateAfter(b, inTemplate);
    if (b.kind === 'heading') {
      const head = plain(b.text);
      if (inTemplate || b.level < 2 || !isEntryHead(head)) return;
      entries.push(
        entryOf(
          head,
          b.line,
          blocksUntil(blocks, i, (x) => x.kind === 'heading'),
        ),
      );
      return;
    }
    if (inTemplate || b.kind !== 'paragraph' || b.quoted) return;
    const { head: first, rest } = splitHead(b);
    const lead = boldLead(first);
    const head = lead ? `${lead.head} ${lead.rest}`.trim() : '';
    if (!lead || /:$/.test(lead.head) || !isEntryHead(plain(head))) return;
    const after = blocksUntil(blocks, i, (x) => x.kind === 'heading' || isEntryParagraph(x));
    entries.push(entryOf(plain(head), b.line, rest ? [rest, ...after] : after));
  });
  return { entries };
}

function isEntryHead(head: string): boolean {
  return ID_HEAD.test(head) || new RegExp(`^${DATE.source}`).test(head);
}

function isEntryParagraph(b: Block): boolean {
  if (b.kind !== 'paragraph') return false;
  const lead = boldLead(splitHead(b).head);
  return !!lead && !/:$/.test(lead.head) && isEntryHead(plain(`${lead.head} ${lead.rest}`));
}

function entryOf(head: string, line: number, body: Block[]): LearningEntry {
  const idm = ID_HEAD.exec(head);
  const id = idm ? (idm[1] ?? '').replace(/\s/g, '') : '';
  let title = idm ? head.slice(idm[0].length) : head;
  const dm = DATE.exec(title);
  const date = dm ? (dm[1] ?? '') : '';
  if (dm && cleanTitle(title.slice(0, dm.index)) === '') title = title.slice(dm.index + dm[0].length);
  const list = fields(body);
  return {
    id,
    idValid: /^L-\d{3,}$/.test(id),
    date,
    dateValid: date !== '' && isValidDate(date),
    title: cleanTitle(title),
    line,
    whatHappened: findField(list, 'what happened', 'what broke'),
    whyMissed: findField(
      list,
      "why tests didn't",
      'why tests did not',
      'why tests missed',
      'why the tests',
      'why tests',
    ),
    fix: findField(list, 'fix'),
    rule: findField(list, 'rule going forward', 'rule'),
    fields: list,
  };
}
