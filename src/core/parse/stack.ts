// STACK.md: permanent decisions, each `**Name** — summary` (or a heading) followed by
// Decided (date), Rationale and Alternatives considered.
import { isValidDate } from '../dates.js';
import type { Block, MdDoc } from '../markdown.js';
import { type Field, fields, findField } from '../sections.js';
import { blocksUntil, boldLead, cleanTitle, dateValue, inTemplateAfter, splitHead } from './blocks.js';

export interface StackDecision {
  name: string;
  summary: string;
  line: number;
  decided?: Field;
  /** the Decided field holds a real YYYY-MM-DD date */
  decidedValid: boolean;
  rationale?: Field;
  alternatives?: Field;
  fields: Field[];
}

export interface StackModel {
  decisions: StackDecision[];
}

const DECISION_FIELD = /^(decided|rationale|alternatives)/i;

export function parseStack(doc: MdDoc): StackModel {
  const decisions: StackDecision[] = [];
  const blocks = doc.blocks;
  let inTemplate = false;
  blocks.forEach((b, i) => {
    inTemplate = inTemplateAfter(b, inTemplate);
    if (b.kind === 'heading') {
      if (inTemplate || b.level < 2) return;
      const body = blocksUntil(blocks, i, (x) => x.kind === 'heading');
      if (hasDecisionFields(body)) decisions.push(decisionOf(b.text, '', b.line, body));
      return;
    }
    if (inTemplate || b.kind !== 'paragraph' || b.quoted) return;
    const { head, rest } = splitHead(b);
    const lead = boldLead(head);
    if (!lead || /:$/.test(lead.head) || lead.rest.startsWith(':')) return;
    const after = blocksUntil(blocks, i, (x) => x.kind === 'heading' || isDecisionHead(x));
    decisions.push(decisionOf(lead.head, lead.rest, b.line, rest ? [rest, ...after] : after));
  });
  return { decisions };
}

function isDecisionHead(b: Block): boolean {
  if (b.kind !== 'paragraph') return false;
  const lead = boldLead(splitHead(b).head);
  return !!lead && !/:$/.test(lead.head) && !lead.rest.startsWith(':');
}

function hasDecisionFields(body: Block[]): boolean {
  return fields(body).some((f) => DECISION_FIELD.test(f.label));
}

function decisionOf(name: string, summary: string, line: number, body: Block[]): StackDecision {
  const list = fields(body);
  const decided = findField(list, 'decided', 'date');
  return {
    name: cleanTitle(name),
    summary: cleanTitle(summary),
    line,
    decided,
    decidedValid: !!decided && isValidDate(dateValue(decided.value)),
    rationale: findField(list, 'rationale', 'why'),
    alternatives: findField(list, 'alternatives', 'rejected'),
    fields: list,
  };
}
