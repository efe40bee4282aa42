// The context document (AGENTS.md, or a kit's CLAUDE.md): its sections, which required
// sections are present, the Reference manifest, the Core before it, and every path and
// placeholder it mentions. Never throws.
import type { Block, HeadingBlock, MdDoc, TableBlock } from '../markdown.js';
import { plain } from '../sections.js';
import { textLines } from './blocks.js';
import { firstPath, type Mention, pathMentions, placeholdersOnLine } from './mentions.js';

export { looksLikeRepoPath, type Mention, normalisePath } from './mentions.js';

export interface ContextSection {
  title: string;
  level: number;
  line: number;
}

export type RequiredSection =
  | 'product truth pointers'
  | 'build discipline'
  | 'task-type table'
  | 'tool boundary and handoff loop'
  | 'feature build gate'
  | 'testing rule'
  | 'session start'
  | 'session end'
  | 'deployment'
  | 'Reference manifest';

/** Each required section and the heading words that stand for it (kit and ours). */
export const REQUIRED_SECTIONS: [RequiredSection, RegExp][] = [
  ['product truth pointers', /product[ -]truth|canonical/i],
  ['build discipline', /build[ -]discipline|build rules/i],
  ['task-type table', /task[ -]?types?|disciplines compose|which discipline/i],
  ['tool boundary and handoff loop', /tool[ -]boundar|hand-?off|\bvs\.?\b|versus|planner|executor/i],
  ['feature build gate', /\bgate\b|pre-build lock/i],
  ['testing rule', /\btest/i],
  ['session start', /session[ -]start|start of (a|each|every) session|starting a session/i],
  ['session end', /session[ -]end|end of (a|each|every) session|ending a session/i],
  ['deployment', /deploy|shipping|\bship\b|release|rollout/i],
  ['Reference manifest', /manifest|reference|read on trigger/i],
];

export interface ManifestEntry {
  /** the doc as written: a path, or a doc name */
  path: string;
  /** the "read when" text; '' when none */
  trigger: string;
  line: number;
}

export interface ContextModel {
  sections: ContextSection[];
  /** the heading each required section matched, when present */
  required: Partial<Record<RequiredSection, ContextSection>>;
  manifest?: { heading: ContextSection; entries: ManifestEntry[] };
  /** lines before the manifest heading (the whole document when there is none) */
  coreLines: number;
  coreText: string;
  paths: Mention[];
  placeholders: Mention[];
  /** a line that is exactly `@AGENTS.md` (Claude Code's import) */
  importsAgents: boolean;
}

export function parseContext(doc: MdDoc): ContextModel {
  const headings = doc.blocks.filter((b): b is HeadingBlock => b.kind === 'heading');
  const sections = headings.map((h) => ({ title: h.text, level: h.level, line: h.line }));
  const required = requiredSections(sections, doc.blocks);
  const manifestHeading = required['Reference manifest'];
  const manifest = manifestHeading
    ? { heading: manifestHeading, entries: manifestEntries(sectionBlocks(doc.blocks, manifestHeading)) }
    : undefined;
  const coreLines = manifestHeading ? manifestHeading.line - 1 : doc.lines.length;
  const lines = textLines(doc.blocks);
  return {
    sections,
    required,
    manifest,
    coreLines,
    coreText: doc.lines.slice(0, coreLines).join('\n'),
    paths: lines.flatMap(pathMentions),
    placeholders: lines.flatMap((l) => placeholdersOnLine(l, true)),
    importsAgents: doc.lines.some((l) => /^\s*@\.?\/?AGENTS\.md\s*$/.test(l)),
  };
}

function requiredSections(sections: ContextSection[], blocks: Block[]): ContextModel['required'] {
  const out: ContextModel['required'] = {};
  const candidates = sections.filter((s) => s.level >= 2 && s.level <= 3);
  for (const [name, words] of REQUIRED_SECTIONS) {
    // the manifest is the last matching section: "Reference" words also appear in prose headings
    const list = name === 'Reference manifest' ? [...candidates].reverse() : candidates;
    const hit = list.find((s) => words.test(plain(s.title)));
    if (hit) out[name] = hit;
  }
  if (!out['task-type table']) {
    const table = blocks.find(
      (b): b is TableBlock => b.kind === 'table' && b.header.some((c) => /task[ -]?type/i.test(c)),
    );
    if (table) out['task-type table'] = { title: table.header.join(' | '), level: 0, line: table.line };
  }
  return out;
}

/** Blocks under a heading, up to the next heading of the same or a higher level. */
function sectionBlocks(blocks: Block[], heading: ContextSection): Block[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.line === heading.line);
  const out: Block[] = [];
  for (const b of blocks.slice(start + 1)) {
    if (b.kind === 'heading' && b.level <= heading.level) break;
    out.push(b);
  }
  return out;
}

function manifestEntries(blocks: Block[]): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') {
      const triggerCol = b.header.findIndex((c) => /read when|when|trigger/i.test(c));
      for (const row of b.rows) {
        const docCol = row.cells.findIndex((c) => firstPath(c) !== undefined);
        const col = docCol === -1 ? 0 : docCol;
        const t = triggerCol !== -1 && triggerCol !== col ? triggerCol : col === 0 ? 1 : 0;
        const path = firstPath(row.cells[col] ?? '') ?? plain(row.cells[col] ?? '');
        if (path) out.push({ path, trigger: plain(row.cells[t] ?? ''), line: row.line });
      }
    } else if (b.kind === 'item' && !b.quoted) {
      const entry = itemEntry(b.text, b.line);
      if (entry) out.push(entry);
    }
  }
  return out;
}

/** `` `docs/x.md` — read when ... `` or `[x](docs/x.md): when ...` */
function itemEntry(text: string, line: number): ManifestEntry | undefined {
  const m = /^(`[^`]+`|\[[^\]]*\]\([^)]*\)|\*\*[^*]+\*\*|[^\s:—–]+)\s*(.*)$/s.exec(text.trim());
  if (!m) return undefined;
  const head = m[1] ?? '';
  const path = firstPath(head) ?? plain(head);
  const trigger = plain((m[2] ?? '').replace(/^[\s:—–-]+/, ''));
  return path ? { path, trigger, line } : undefined;
}
