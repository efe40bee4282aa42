// Gate 1's citation judged against the canonical documents: a quote of some length found
// word for word, or a heading whose section is filled in. One judgement for the lock rule
// and for CP-0.
import type { Block } from './markdown.js';
import { textLines } from './parse/blocks.js';
import { normaliseQuote, quotedPassages } from './parse/lock-text.js';
import { placeholdersOnLine } from './parse/mentions.js';
import type { Workspace } from './workspace.js';

/** Fewer words than this is a word, not a citation ("Shelf", "daily briefing"). */
export const MIN_QUOTE_WORDS = 3;

export interface CanonSection {
  /** normalised, lower case */
  heading: string;
  /** some text under it, and no placeholder left */
  filled: boolean;
}

export interface CanonText {
  path: string;
  /** normalised for a verbatim search */
  text: string;
  sections: CanonSection[];
}

/** The canonical documents, read once per workspace however many locks cite them. */
export function canonicalTexts(ws: Workspace): CanonText[] {
  return ws.derived(canonicalTexts, () =>
    ws.ofKind('canonical').map((path) => {
      const blocks = ws.doc(path)?.blocks ?? [];
      return { path, text: normaliseQuote(ws.text(path) ?? ''), sections: sectionsOf(blocks) };
    }),
  );
}

function sectionsOf(blocks: Block[]): CanonSection[] {
  const out: CanonSection[] = [];
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading' || b.text.trim().length < 3) return;
    const under: Block[] = [];
    for (const next of blocks.slice(i + 1)) {
      if (next.kind === 'heading' && next.level <= b.level) break;
      if ((next.kind === 'paragraph' || next.kind === 'item') && next.quoted) continue; // an example
      if (next.kind !== 'hr') under.push(next);
    }
    const lines = textLines(under.filter((x) => x.kind !== 'heading'));
    const filled =
      (lines.length > 0 || under.some((x) => x.kind === 'code')) &&
      !lines.some((l) => placeholdersOnLine(l, false).length > 0);
    out.push({ heading: normaliseQuote(b.text).toLowerCase(), filled });
  });
  return out;
}

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Why the citation does not count, or null when it does. */
export function citationMiss(citation: string, canon: CanonText[]): string | null {
  if (canon.length === 0) return 'gate 1 cites the canonical but the workspace has no canonical document';
  const found = (s: string) => canon.some((c) => c.text.includes(s));
  const sections = canon.flatMap((c) => c.sections);
  const headingIs = (s: string) => sections.find((h) => h.heading === s.toLowerCase());
  const { passages, explicit } = quotedPassages(citation);
  const whole = normaliseQuote(citation);
  // a heading cited by its exact words, quoted or not
  const named = explicit ? passages.map(headingIs) : [headingIs(whole) ?? headingIs(passages[0] ?? '')];
  const quotes = explicit ? passages.filter((_, i) => !named[i]) : named[0] ? [] : [whole, ...passages];
  const headings = named.filter((h): h is CanonSection => !!h);
  if (explicit) {
    const miss = quotes.find((p) => !found(p));
    if (miss) return `gate 1 quote "${short(miss)}" is not in any canonical document`;
  } else if (quotes.length > 0 && !quotes.some(found)) {
    const lower = whole.toLowerCase();
    const inside = sections.filter((h) => mentions(lower, h.heading));
    if (inside.length === 0)
      return `gate 1 citation "${short(whole)}" is neither a quote nor a heading of a canonical document`;
    headings.push(inside.sort((a, b) => b.heading.length - a.heading.length)[0]!);
    quotes.length = 0;
  }
  const empty = headings.find((h) => !h.filled);
  if (empty) return `gate 1 cites the heading "${short(empty.heading)}", whose section is empty or unfilled`;
  if (headings.length > 0 && quotes.length === 0) return null;
  const longest = Math.max(0, ...quotes.filter(found).map(words));
  if (longest >= MIN_QUOTE_WORDS) return null;
  const shown = short(quotes.find(found) ?? whole);
  return `gate 1 quote "${shown}" is ${longest === 1 ? 'one word' : `${longest} words`}: expected a quote of at least ${MIN_QUOTE_WORDS} words or a heading whose section is filled in`;
}

function mentions(text: string, heading: string): boolean {
  const at = text.indexOf(heading);
  if (at < 0) return false;
  const before = text[at - 1];
  const after = text[at + heading.length];
  const edge = (c: string | undefined) => c === undefined || !/[\p{L}\p{N}]/u.test(c);
  return edge(before) && edge(after);
}
