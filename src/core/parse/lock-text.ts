// Small text judgements the lock parser and the lock rules share: is a value filled in, is a
// table cell answered, how many sentences, is it "none", does a quote appear in a document.
import { isPlaceholder, PLACEHOLDER, plain } from '../sections.js';

const BLANK_WORD = /^(tbd|todo|tba|\?+|xxx|fixme|\.\.\.|…)$/i;
const TODO_INSIDE = /\b(TBD|TODO|FIXME)\b/;
/** Lower-case template placeholders the kit uses: `[your answer]`, `[item]`, `[YYYY-MM-DD]`. */
const TEMPLATE_HINT =
  /\[(?:your|add|e\.g\.|link|specific|any|item|surface|route|interface|how|manual|yyyy|name|feature|branch)[^\]]*\](?!\()/i;

/** PLACEHOLDER without the global flag: exec() then keeps no lastIndex between calls. */
const PLACEHOLDER_ONCE = new RegExp(PLACEHOLDER.source);
/** a blockquote or list marker to strip ahead of a value line */
const LEAD = /^\s*[>*-]/;

/** Why a field value is not filled in, or null when it is. */
export function valueGap(value: string | undefined): string | null {
  if (value === undefined) return 'missing';
  const lines: string[] = [];
  for (const raw of value.includes('\n') ? value.split('\n') : [value]) {
    const l = plain(LEAD.test(raw) ? raw.replace(/^\s*>\s?/, '').replace(/^\s*[-*]\s+/, '') : raw);
    if (l !== '') lines.push(l);
  }
  if (lines.length === 0) return 'blank';
  const whole = lines.length === 1 ? lines[0]! : lines.join(' ');
  if (BLANK_WORD.test(whole) || /^[-—–]$/.test(whole)) return `"${whole}"`;
  // every placeholder has a bracket, and most answers have none: skip those patterns for them
  const bracket = whole.includes('[');
  if (bracket) for (const l of lines) if (isPlaceholder(l)) return `placeholder "${l}"`;
  const todo = TODO_INSIDE.exec(whole);
  if (todo) return `"${todo[1]}"`;
  const hint = bracket ? (TEMPLATE_HINT.exec(whole) ?? PLACEHOLDER_ONCE.exec(whole)) : null;
  if (hint) return `placeholder "${hint[0]}"`;
  return null;
}

/** Why a table cell is not answered, or null. A dash counts as an answer ("no change"). */
export function cellGap(cell: string): string | null {
  const v = cell.trim();
  if (v === '') return 'empty';
  if (/^(☐|\[ \])/.test(v)) return 'not ticked';
  if (/^[-—–]$/.test(v)) return null;
  return valueGap(v);
}

/** "none", "N/A", "no temporary code", "nothing": the author says there is nothing. */
export function isNone(value: string): boolean {
  const v = plain(value.replace(/^\s*>\s?/gm, '')).replace(/^["“]|["”]$/g, '');
  return /^(none|n\/a|na|no\b|nothing|not applicable)/i.test(v);
}

/** Sentences in a text: each non-empty line counts at least once. */
export function sentenceCount(text: string): number {
  let count = 0;
  for (const raw of text.split('\n')) {
    const line = plain(
      raw
        .replace(/^\s*>\s?/, '')
        .replace(/`[^`]*`/g, 'code')
        .replace(/\b(e\.g|i\.e|etc|vs|cf|approx|incl)\./gi, '$1'),
    );
    if (!/[\p{L}\p{N}]/u.test(line)) continue;
    count += line.split(/[.!?]+(?:\s+|$)/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
  }
  return count;
}

/** Text prepared for a verbatim search: quotes, emphasis, blockquote and list markers gone. */
export function normaliseQuote(text: string): string {
  return text
    .replace(/^\s*(?:>\s?)+/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[‘’]/g, "'")
    .replace(/["“”*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The quoted passages of a citation ("…" or “…”), or the whole citation when none. */
export function quotedPassages(citation: string): { passages: string[]; explicit: boolean } {
  const found = [...citation.matchAll(/["“]([^"”\n]{6,})["”]/g)].map((m) => m[1]!);
  const cleaned = (s: string) => normaliseQuote(s).replace(/^(\.\.\.|…)\s*|\s*(\.\.\.|…)$/g, '');
  if (found.length > 0) return { passages: found.map(cleaned).filter((s) => s !== ''), explicit: true };
  const body = citation
    .split('\n')
    .map((l) => l.replace(/\s+[—–-]{1,2}\s+[^—–]*$/, '').replace(/\s*\([^)]*\)\s*$/, ''))
    .join('\n');
  const whole = cleaned(body);
  return { passages: whole ? [whole] : [], explicit: false };
}
