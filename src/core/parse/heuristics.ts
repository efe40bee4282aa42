// DEV-HEURISTICS.md: one H2 section per domain, an optional `Paths:` line of globs (so the
// right heuristics show when those files are touched), and entries as list items or
// paragraphs. Template placeholders and quoted examples are not entries.
import type { Block, MdDoc } from '../markdown.js';
import { isPlaceholder, plain, sections } from '../sections.js';
import { isTemplateSection } from './blocks.js';

export interface HeuristicEntry {
  text: string;
  line: number;
}

export interface HeuristicDomain {
  name: string;
  line: number;
  globs: string[];
  /** line of the Paths line, when there is one */
  globsLine?: number;
  entries: HeuristicEntry[];
}

export interface HeuristicsModel {
  domains: HeuristicDomain[];
}

const PATHS = /^\s*(?:\*\*)?(?:paths|globs|files)\s*:\s*(?:\*\*)?\s*:?\s*(.*)$/i;

export function parseHeuristics(doc: MdDoc): HeuristicsModel {
  const domains: HeuristicDomain[] = [];
  for (const s of sections(doc, 2)) {
    const name = plain(s.heading.text);
    if (name === '' || isTemplateSection(name) || isPlaceholder(name)) continue;
    const domain: HeuristicDomain = { name, line: s.heading.line, globs: [], entries: [] };
    for (const b of s.blocks) readBlock(domain, b);
    domains.push(domain);
  }
  return { domains };
}

function readBlock(domain: HeuristicDomain, b: Block): void {
  if ((b.kind !== 'paragraph' && b.kind !== 'item') || b.quoted) return;
  const m = PATHS.exec(b.text);
  if (m) {
    domain.globs.push(...splitGlobs(m[1] ?? ''));
    domain.globsLine = b.line;
    return;
  }
  if (isExampleOrPlaceholder(b.text)) return;
  domain.entries.push({ text: b.text, line: b.line });
}

/** `` `app/auth/**`, `lib/session.ts` `` -> ['app/auth/**', 'lib/session.ts'] */
export function splitGlobs(text: string): string[] {
  const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').trim());
  const raw = spans.length > 0 ? spans : text.split(/[,\s]+/);
  return raw.map((g) => g.trim()).filter((g) => g !== '');
}

function isExampleOrPlaceholder(text: string): boolean {
  const t = text.trim();
  if (isPlaceholder(t) || /^\[[^\]]*\]\.?$/.test(t)) return true;
  if (/^(\*|_)[^*_].*(\*|_)$/s.test(t) && !t.startsWith('**')) return true; // an italic aside
  return /^(example|e\.g\.)\s*:/i.test(plain(t));
}
