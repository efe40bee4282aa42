// Roadmap edits: add an item to a section, move an item to In progress (start) or to
// Completed, ticked (done). An item is found by a case-insensitive part of its text; zero or
// several matches refuse.
import { KilldateError } from '../errors.js';
import { parseMarkdown } from '../markdown.js';
import {
  parseRoadmap,
  ROADMAP_SECTIONS,
  type RoadmapItem,
  type RoadmapKey,
  type RoadmapModel,
} from '../parse/roadmap.js';
import { plain } from '../sections.js';
import {
  appendEdit,
  endOfContent,
  eolOf,
  lineOffset,
  oneLine,
  refuseConflicts,
  type TextEdit,
} from './edit.js';

export const SECTION_KEYS: RoadmapKey[] = ['in-progress', 'next', 'backlog', 'completed'];

function model(file: string, text: string): { m: RoadmapModel; lines: number } {
  const doc = parseMarkdown(file, text);
  return { m: parseRoadmap(doc), lines: doc.lines.length };
}

/** Where a new item of `key` goes: after the last content line of its section. */
function insertAt(text: string, file: string, key: RoadmapKey, line: string): TextEdit {
  const { m, lines } = model(file, text);
  const eol = eolOf(text);
  const s = m.byKey[key];
  if (!s) {
    const title = ROADMAP_SECTIONS.find(([k]) => k === key)?.[1] ?? key;
    return appendEdit(text, `## ${title}\n\n${line}`);
  }
  const next = m.sections.find((x) => x.line > s.line)?.line ?? lines + 1;
  const at = endOfContent(text, s.line, next);
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  // right under the heading: keep a blank line between heading and list
  const gap = s.items.length === 0 ? eol : '';
  return { start: at, end: at, insert: `${lead}${gap}${line}${eol}` };
}

export function addItemEdits(file: string, text: string | undefined, item: string, key: RoadmapKey = 'next') {
  if (text === undefined) throw new KilldateError('NOT_FOUND', `${file} does not exist: run killdate init`);
  refuseConflicts(file, text);
  const t = oneLine(item);
  if (!t) throw new KilldateError('USAGE', 'a roadmap item needs a text');
  const line = `- [${key === 'completed' ? 'x' : ' '}] ${t}`;
  return { edits: [insertAt(text, file, key, line)], value: { text: t, section: key } };
}

export function findItem(m: RoadmapModel, query: string): { item: RoadmapItem; key?: RoadmapKey } {
  const q = query.toLowerCase().trim();
  const hits = m.sections.flatMap((s) =>
    s.items.filter((i) => plain(i.text).toLowerCase().includes(q)).map((item) => ({ item, key: s.key })),
  );
  if (hits.length === 0) throw new KilldateError('NOT_FOUND', `no roadmap item matches "${query}"`);
  if (hits.length > 1)
    throw new KilldateError(
      'REFUSED',
      `"${query}" matches ${hits.length} roadmap items: ${hits.map((h) => `line ${h.item.line} "${plain(h.item.text)}"`).join('; ')}`,
      'give more of the item text',
    );
  return hits[0]!;
}

/** Move an item to `to` (start: in-progress, done: completed and ticked). */
export function moveItemEdits(
  file: string,
  text: string | undefined,
  query: string,
  to: 'in-progress' | 'completed',
) {
  if (text === undefined) throw new KilldateError('NOT_FOUND', `${file} does not exist: run killdate init`);
  refuseConflicts(file, text);
  const { m } = model(file, text);
  const { item, key } = findItem(m, query);
  if (key === to && (to !== 'completed' || item.checked))
    return { edits: [], value: { text: plain(item.text), from: key, to } };
  const lines = text.split('\n');
  let end = item.line + 1; // continuation lines are indented
  while (end <= lines.length && /^[ \t]+\S/.test(lines[end - 1] ?? '')) end++;
  const raw = lines.slice(item.line - 1, end - 1).map((l) => l.replace(/\r$/, ''));
  const head = raw[0]!.replace(/^(\s*[-*+]\s+)\[[ xX]\]/, `$1[${to === 'completed' ? 'x' : ' '}]`);
  const moved = [head, ...raw.slice(1)].join('\n');
  const remove: TextEdit = { start: lineOffset(text, item.line), end: lineOffset(text, end), insert: '' };
  const add =
    key === to
      ? { ...remove, insert: `${moved.replace(/\n/g, eolOf(text))}${eolOf(text)}` }
      : insertAt(text, file, to, moved);
  return { edits: key === to ? [add] : [remove, add], value: { text: plain(item.text), from: key, to } };
}
