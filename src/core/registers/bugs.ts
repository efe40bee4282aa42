// Known issues: the id for a new bug from its layer, the entry in the register's own format,
// where it goes, and the exact lines of an entry for `bug fix`. Every edit is checked against
// the parser afterwards: an edit the parser cannot see is refused, never written.
import { KilldateError } from '../errors.js';
import { parseMarkdown } from '../markdown.js';
import { BUG_PREFIXES, type IssueEntry, parseKnownIssues } from '../parse/known-issues.js';
import { appendEdit, eolOf, lineOffset, oneLine, refuseConflicts, type TextEdit } from './edit.js';

/** Layer -> id prefix, as the KNOWN-ISSUES template's prefix table has it (METHOD section 3). */
export const LAYER_PREFIX: Record<string, string> = {
  logic: 'B',
  model: 'B',
  api: 'B',
  loader: 'B',
  ui: 'UI',
  integration: 'INT',
  config: 'CFG',
  infra: 'INF',
  data: 'SCH',
  schema: 'SCH',
  performance: 'P',
  security: 'SEC',
};
export const LAYERS = Object.keys(LAYER_PREFIX);
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export interface NewBug {
  title: string;
  layer: string;
  severity?: string;
  symptoms?: string;
  cause?: string;
  workaround?: string;
}

/** The id prefix of a layer name, or of a prefix given as it is (`SCH`, `sch-`). */
export function prefixOf(layer: string): string {
  const p = LAYER_PREFIX[layer.toLowerCase()];
  if (p) return p;
  const given = layer.toUpperCase().replace(/-$/, '');
  if ((BUG_PREFIXES as readonly string[]).includes(given)) return given;
  throw new KilldateError(
    'USAGE',
    `unknown layer "${layer}": expected one of ${LAYERS.join(', ')}, or a prefix (${BUG_PREFIXES.join(' ')})`,
  );
}

/** Max existing number of that prefix + 1. */
export function nextBugId(entries: IssueEntry[], prefix: string): string {
  let max = 0;
  for (const e of entries) {
    const m = /^([A-Z]+)-(\d+)$/.exec(e.id);
    if (m && m[1] === prefix) max = Math.max(max, Number(m[2]));
  }
  return `${prefix}-${max + 1}`;
}

export function renderBug(id: string, bug: NewBug, today: string): string {
  const severity = (bug.severity ?? 'medium').toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(severity))
    throw new KilldateError(
      'USAGE',
      `unknown severity "${bug.severity}": expected low, medium, high or critical`,
    );
  return [
    `### ${id} — ${oneLine(bug.title)}`,
    '',
    `- **Severity:** ${severity}`,
    `- **Symptoms:** ${oneLine(bug.symptoms || 'not described yet')}`,
    `- **Suspected cause:** ${oneLine(bug.cause || 'unknown')}`,
    `- **Workaround:** ${oneLine(bug.workaround || 'none')}`,
    `- **Opened:** ${today}`,
  ].join('\n');
}

const HEADER =
  '# Known issues\n\nOpen bugs only. When a bug is fixed its entry is deleted; git keeps the history.';

/** The edits that add a bug, and its id. A lone "None." under "## Open issues" is replaced. */
export function addBugEdits(file: string, text: string | undefined, bug: NewBug, today: string) {
  refuseConflicts(file, text);
  if (!oneLine(bug.title)) throw new KilldateError('USAGE', 'a bug needs a title');
  const before = parseKnownIssues(parseMarkdown(file, text ?? '')).entries;
  const id = nextBugId(before, prefixOf(bug.layer));
  const entry = renderBug(id, bug, today);
  const base = text ?? '';
  const none = /(?:^|\n)## Open issues[ \t]*\r?\n(?:[ \t]*\r?\n)*None\.?[ \t]*(?:\r?\n)*$/.exec(base);
  const edits: TextEdit[] =
    text === undefined
      ? [{ start: 0, end: 0, insert: `${HEADER}\n\n${entry}\n` }]
      : none
        ? [replaceNone(base, none, entry)]
        : [appendEdit(base, entry)];
  return { edits, value: id };
}

function replaceNone(text: string, m: RegExpExecArray, entry: string): TextEdit {
  const eol = eolOf(text);
  const start = m.index + m[0].lastIndexOf('None');
  return { start, end: text.length, insert: `${entry.replace(/\n/g, eol)}${eol}` };
}

/** The line span [from, to) of an entry: up to the next entry or heading of its level. */
export function entrySpan(
  text: string,
  file: string,
  id: string,
): { from: number; to: number; entry: IssueEntry } {
  const doc = parseMarkdown(file, text);
  const entries = parseKnownIssues(doc).entries;
  const hits = entries.filter((e) => e.id.toUpperCase() === id.toUpperCase());
  if (hits.length === 0) throw new KilldateError('NOT_FOUND', `no known issue ${id} in ${file}`);
  if (hits.length > 1)
    throw new KilldateError(
      'REFUSED',
      `${id} appears ${hits.length} times in ${file} (lines ${hits.map((h) => h.line).join(', ')}): fix it by hand`,
    );
  const entry = hits[0]!;
  const headLevel = doc.blocks.find((b) => b.kind === 'heading' && b.line === entry.line);
  const level = headLevel?.kind === 'heading' ? headLevel.level : 99;
  const stops = [
    ...entries.filter((e) => e.line > entry.line).map((e) => e.line),
    ...doc.blocks
      .filter((b) => b.kind === 'heading' && b.line > entry.line && b.level <= level)
      .map((b) => b.line),
  ];
  return { from: entry.line, to: stops.length ? Math.min(...stops) : doc.lines.length + 1, entry };
}

/** The edit that removes exactly the entry's lines. */
export function fixBugEdits(file: string, text: string | undefined, id: string) {
  if (text === undefined) throw new KilldateError('NOT_FOUND', `${file} does not exist`);
  refuseConflicts(file, text);
  const { from, to, entry } = entrySpan(text, file, id);
  const edit = { start: lineOffset(text, from), end: lineOffset(text, to), insert: '' };
  return { edits: [edit], value: entry };
}
