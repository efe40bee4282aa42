// KNOWN-ISSUES.md: open bugs, each `**B-12 Title**` (or `**[B-12] Title**`, or a heading
// `### B-12 — Title`) followed by its fields. The entry-format example and the prefix list
// are template sections, not entries.
import { isValidDate } from '../dates.js';
import type { Block, MdDoc } from '../markdown.js';
import { type Field, fields, findField, plain } from '../sections.js';
import { persistParser } from '../workspace.js';
import { boldLead, cleanTitle, dateValue, inTemplateAfter, splitHead } from './blocks.js';

export const BUG_PREFIXES = ['B', 'UI', 'INT', 'CFG', 'INF', 'SCH', 'P', 'SEC'] as const;

export interface IssueEntry {
  /** the id as written (`B-12`), '' when the entry has none */
  id: string;
  /** well formed: upper-case letters, a hyphen, a number */
  idValid: boolean;
  prefix: string;
  title: string;
  line: number;
  severity?: Field;
  symptoms?: Field;
  suspectedCause?: Field;
  workaround?: Field;
  opened?: Field;
  /** the opened field holds a real YYYY-MM-DD date */
  openedValid: boolean;
  fields: Field[];
}

export interface KnownIssuesModel {
  entries: IssueEntry[];
}

/** A leading id-shaped token, strict or not: `B-12`, `[B-12]`, `b12`, `Bug-3`. */
const ID_HEAD = /^\[?([A-Za-z]{1,8}-?\s?\d+[A-Za-z]?)\]?(?=[\s:—–.-]|$)/;
const ID = /^([A-Z]{1,8})-(\d+)$/;
const ISSUE_FIELD = /^(severity|symptoms?|suspected cause|workaround|opened)/i;

export function parseKnownIssues(doc: MdDoc): KnownIssuesModel {
  const entries: IssueEntry[] = [];
  const blocks = doc.blocks;
  let inTemplate = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    inTemplate = inTemplateAfter(b, inTemplate);
    if (b.kind === 'heading') {
      if (inTemplate || b.level < 2) continue;
      const body = bodyAfter(blocks, i, (x) => x.kind === 'heading' && x.level <= b.level);
      if (ID_HEAD.test(plain(b.text)) || hasIssueFields(body))
        entries.push(entryOf(plain(b.text), b.line, body));
      continue;
    }
    if (inTemplate || b.kind !== 'paragraph' || b.quoted) continue;
    const { head: first, rest } = splitHead(b);
    const lead = boldLead(first);
    if (!lead || isFieldParagraph(first)) continue;
    const after = bodyAfter(
      blocks,
      i,
      (x) => x.kind === 'heading' || (x.kind === 'paragraph' && !!boldLead(x.text)),
    );
    const body = rest ? [rest, ...after] : after;
    const head = `${lead.head} ${lead.rest}`.trim();
    if (ID_HEAD.test(head) || hasIssueFields(body)) entries.push(entryOf(head, b.line, body));
  }
  return { entries };
}

function bodyAfter(blocks: Block[], start: number, stop: (b: Block) => boolean): Block[] {
  const out: Block[] = [];
  for (let i = start + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (stop(b) && !(b.kind === 'paragraph' && isFieldParagraph(b.text))) break;
    out.push(b);
  }
  return out;
}

function isFieldParagraph(text: string): boolean {
  const lead = boldLead(text);
  return !!lead && (/:$/.test(lead.head) || lead.rest.startsWith(':'));
}

function hasIssueFields(body: Block[]): boolean {
  return fields(body).some((f) => ISSUE_FIELD.test(f.label));
}

function entryOf(head: string, line: number, body: Block[]): IssueEntry {
  const m = ID_HEAD.exec(head);
  const id = m ? (m[1] ?? '').replace(/\s/g, '') : '';
  const strict = ID.exec(id);
  const list = fields(body);
  const opened = findField(list, 'opened', 'date opened', 'reported');
  return {
    id,
    idValid: !!strict,
    prefix: strict ? (strict[1] ?? '') : (/^[A-Za-z]+/.exec(id)?.[0] ?? ''),
    title: cleanTitle(m ? head.slice(m[0].length) : head),
    line,
    severity: findField(list, 'severity'),
    symptoms: findField(list, 'symptom'),
    suspectedCause: findField(list, 'suspected cause', 'cause'),
    workaround: findField(list, 'workaround'),
    opened,
    openedValid: !!opened && isValidDate(dateValue(opened.value)),
    fields: list,
  };
}

persistParser(parseKnownIssues, 'known-issues', 'known-issues');
