// ROADMAP.md: In progress / Next / Backlog / Completed sections of checkbox items.
import type { MdDoc } from '../markdown.js';
import { plain, sections } from '../sections.js';
import { persistParser } from '../workspace.js';

export type RoadmapKey = 'in-progress' | 'next' | 'backlog' | 'completed';

export const ROADMAP_SECTIONS: [RoadmapKey, string, RegExp][] = [
  ['in-progress', 'In progress', /^(in[ -]progress|now|doing|current)\b/i],
  ['next', 'Next', /^(next|up next|later)\b/i],
  ['backlog', 'Backlog', /^(backlog|someday|ideas)\b/i],
  ['completed', 'Completed', /^(completed|complete|done|shipped)\b/i],
];

export interface RoadmapItem {
  text: string;
  /** null when the item has no checkbox */
  checked: boolean | null;
  line: number;
}

export interface RoadmapSection {
  title: string;
  key?: RoadmapKey;
  line: number;
  items: RoadmapItem[];
}

export interface RoadmapModel {
  sections: RoadmapSection[];
  byKey: Partial<Record<RoadmapKey, RoadmapSection>>;
}

export function parseRoadmap(doc: MdDoc): RoadmapModel {
  const out: RoadmapModel = { sections: [], byKey: {} };
  for (const s of sections(doc, 2)) {
    const title = plain(s.heading.text);
    const key = ROADMAP_SECTIONS.find(([, , re]) => re.test(title))?.[0];
    const items = s.blocks.flatMap((b) =>
      b.kind === 'item' && !b.quoted ? [{ text: b.text, checked: b.checked, line: b.line }] : [],
    );
    const section: RoadmapSection = { title: s.heading.text, key, line: s.heading.line, items };
    out.sections.push(section);
    if (key && !out.byKey[key]) out.byKey[key] = section;
  }
  return out;
}

persistParser(parseRoadmap, 'roadmap', 'roadmap');
