// A second `end` on the same day updates today's log entry rather than writing a second
// `## <date>`: what happened and the decision are added to their lines, new RESUME HERE steps
// replace the old ones (only the newest are live). Splices only: every other byte is kept.
import type { LogEntry } from '../parse/log.js';
import { endOfContent, eolOf, lineOffset, oneLine, type TextEdit } from '../registers/edit.js';

export interface LogUpdate {
  did?: string;
  decided?: string;
  resume: string[];
}

export function resumeLines(steps: string[]): string[] {
  const clean = steps.map(oneLine).filter(Boolean);
  if (!clean.length) return [];
  return ['**RESUME HERE:**', ...clean.map((s, i) => `${i + 1}. ${s.replace(/^\d+[.)]\s*/, '')}`)];
}

/** The edits that bring `u` into `entry` (today's, the last of the log `text`). */
export function updateEntryEdits(text: string, entry: LogEntry, u: LogUpdate): TextEdit[] {
  const eol = eolOf(text);
  const lines = text.split('\n');
  const edits: TextEdit[] = [];
  const lineEnd = (line: number) =>
    lineOffset(text, line) + (lines[line - 1] ?? '').replace(/\r$/, '').length;
  const after = entry.whatHappened?.line ?? entry.branch?.line ?? entry.line;
  let tail = ''; // what goes at the end of the What happened line (or its anchor)
  const did = u.did ? oneLine(u.did) : '';
  if (did && !entry.whatHappened?.value.includes(did))
    tail += entry.whatHappened ? ` ${did}` : `${eol}**What happened:** ${did}`;
  const decided = u.decided ? oneLine(u.decided) : '';
  const was = entry.fields.find((f) => /^decided$/i.test(f.label));
  if (decided && !was?.value.includes(decided)) {
    if (was) edits.push(insertAt(lineEnd(was.line), ` ${decided}`));
    else tail += `${eol}**Decided:** ${decided}`;
  }
  if (tail) edits.push(insertAt(lineEnd(after), tail));
  const steps = resumeLines(u.resume);
  if (steps.length) edits.push(resumeEdit(text, entry, steps.join(eol), eol));
  return edits;
}

function insertAt(at: number, insert: string): TextEdit {
  return { start: at, end: at, insert };
}

/**
 * Replaces the entry's RESUME HERE block (its heading line to its last step), or appends one.
 * A note the person wrote between the old steps is no step: it is kept, after the new ones.
 */
function resumeEdit(text: string, entry: LogEntry, block: string, eol: string): TextEdit {
  const lines = text.split('\n');
  const r = entry.resume;
  if (!r) {
    const end = endOfContent(text, entry.line, lines.length + 1);
    return insertAt(end, `${end === text.length && !text.endsWith('\n') ? eol : ''}${eol}${block}${eol}`);
  }
  const ofItems = new Set<number>();
  for (const item of [...r.steps, ...r.others]) {
    ofItems.add(item.line);
    // an item's continuation lines belong to it
    for (let n = item.line; n < lines.length && /^\s+\S/.test(lines[n] ?? ''); n++) ofItems.add(n + 1);
  }
  const last = Math.max(r.line, ...ofItems);
  const notes: string[] = [];
  for (let n = r.line + 1; n <= last; n++) {
    const line = (lines[n - 1] ?? '').replace(/\r$/, '');
    if (ofItems.has(n) || (line.trim() === '' && (notes.length === 0 || notes.at(-1) === ''))) continue;
    notes.push(line);
  }
  while (notes.at(-1) === '') notes.pop();
  const start = lineOffset(text, r.line);
  const end = lineOffset(text, last) + (lines[last - 1] ?? '').replace(/\r$/, '').length;
  return { start, end, insert: notes.length ? `${block}${eol}${eol}${notes.join(eol)}` : block };
}
