// Testing learnings (L-001 ...) and stack decisions: entries in the registers' own format,
// appended at the end of the file.
import { KilldateError } from '../errors.js';
import { parseMarkdown } from '../markdown.js';
import { parseLearnings } from '../parse/learnings.js';
import { parseStack } from '../parse/stack.js';
import { appendEdit, eolOf, oneLine, refuseConflicts, type TextEdit } from './edit.js';

export interface NewLearning {
  title: string;
  happened: string;
  missed: string;
  fix: string;
  rule: string;
}

export function nextLearningId(text: string, file: string): string {
  let max = 0;
  for (const e of parseLearnings(parseMarkdown(file, text)).entries) {
    const m = /^L-?(\d+)$/i.exec(e.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `L-${String(max + 1).padStart(3, '0')}`;
}

function required(values: Record<string, string | undefined>): void {
  for (const [name, v] of Object.entries(values))
    if (!v || !oneLine(v)) throw new KilldateError('USAGE', `${name} is required and must not be blank`);
}

export function addLearningEdits(file: string, text: string | undefined, l: NewLearning, today: string) {
  refuseConflicts(file, text);
  required({
    title: l.title,
    '--happened': l.happened,
    '--missed': l.missed,
    '--fix': l.fix,
    '--rule': l.rule,
  });
  const base = text ?? '# Testing learnings\n\nLessons from production that changed how we test.\n';
  const id = nextLearningId(base, file);
  const entry = [
    `### ${id} — ${oneLine(l.title)}`,
    '',
    `- **Date:** ${today}`,
    `- **What happened:** ${oneLine(l.happened)}`,
    `- **Why tests missed it:** ${oneLine(l.missed)}`,
    `- **Fix:** ${oneLine(l.fix)}`,
    `- **Rule going forward:** ${oneLine(l.rule)}`,
  ].join('\n');
  return { edits: withHeader(text, base, entry), value: id };
}

export interface NewDecision {
  name: string;
  summary?: string;
  rationale: string;
  alternatives: string;
}

export function addDecisionEdits(file: string, text: string | undefined, d: NewDecision, today: string) {
  refuseConflicts(file, text);
  required({ name: d.name, '--rationale': d.rationale, '--alternatives': d.alternatives });
  const base = text ?? '# Stack decisions\n\nPermanent decisions and why they were taken.\n';
  const name = oneLine(d.name);
  const taken = parseStack(parseMarkdown(file, base)).decisions.find(
    (x) => x.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken)
    throw new KilldateError(
      'REFUSED',
      `decision "${name}" is already recorded on line ${taken.line} of ${file}`,
    );
  const entry = [
    `### ${name}`,
    '',
    ...(d.summary ? [`- **Summary:** ${oneLine(d.summary)}`] : []),
    `- **Decided:** ${today}`,
    `- **Rationale:** ${oneLine(d.rationale)}`,
    `- **Alternatives considered:** ${oneLine(d.alternatives)}`,
  ].join('\n');
  return { edits: withHeader(text, base, entry), value: name };
}

/** The template's "No decisions recorded yet." line, which the first entry takes the place of. */
const EMPTY_LINE = /^No [a-z ]+ recorded yet\.[ \t]*\r?$/m;

/** Append to the file (in place of its empty-register line), or create it with its header. */
function withHeader(text: string | undefined, base: string, entry: string): TextEdit[] {
  if (text === undefined) return [{ start: 0, end: 0, insert: `${base}\n${entry}\n` }];
  const empty = EMPTY_LINE.exec(text);
  if (empty) {
    const end = empty.index + empty[0].replace(/\r$/, '').length;
    return [{ start: empty.index, end, insert: entry.replace(/\n/g, eolOf(text)) }];
  }
  return [appendEdit(text, entry)];
}
