// Kill dates: the items every source yields (lock gate 7, KILLDATE markers in code, the PR
// body), their status as of a day, and the cross-check between a marker and its lock.
import { daysBetween, isValidDate } from './dates.js';
import type { Finding } from './finding.js';
import { byCodeUnit } from './order.js';

export type KillDateSource = 'lock' | 'marker' | 'pr-body';
export type KillDateStatus = 'ok' | 'due-soon' | 'overdue' | 'missing' | 'inconsistent';

/** One piece of temporary code and its kill date, as a source states it. */
export interface KillDateEntry {
  what: string;
  file: string;
  line?: number;
  criterion?: string;
  /** the date as written (may be invalid or absent) */
  raw?: string;
  source: KillDateSource;
  /** the feature slug for lock items */
  feature?: string;
  completed?: boolean;
}

export interface KillDateItem extends KillDateEntry {
  /** valid ISO date, or undefined */
  date?: string;
  status: KillDateStatus;
  daysLeft?: number;
  /** why the item is missing (an overdue item may carry it too) */
  problem?: string;
  /** the other sources that give this temporary code another date */
  conflict?: string;
  /** the earliest date of the disagreeing sources, when it is not this item's own */
  governs?: string;
  /** a marker for temporary code that no lock's gate 7 names */
  undeclared?: boolean;
}

const MARKER = /\bKILLDATE\b:?[ \t]*(.*)$/;
/** A comment opener right before the marker: //, #, --, /*, *, <!--, ;, %, {-, (*, REM. */
const OPENER = /(?:\/\/+|#+|--+|\/\*+|<!--|;+|%+|\{-|\(\*|^\s*\*+|\bREM)[\s!*-]*$/i;
const CLOSER = /\s*(?:\*\/|-->|-\}|\*\)|--\}\}|#\})\s*$/;

/** The marker in one line of code, or undefined; `comment: false` accepts prose (PR bodies). */
export function parseMarkerLine(
  text: string,
  comment = true,
): Omit<KillDateEntry, 'file' | 'source'> | undefined {
  const m = MARKER.exec(text);
  if (!m) return undefined;
  if (comment && !OPENER.test(text.slice(0, m.index))) return undefined;
  const rest = m[1]!.replace(CLOSER, '').trim();
  const [raw = '', ...words] = rest.split(/\s+/);
  const body = words.join(' ');
  const colon = body.search(/:(\s|$)/);
  const what = (colon < 0 ? body : body.slice(0, colon)).trim();
  const criterion = colon < 0 ? '' : body.slice(colon + 1).trim();
  return { what, raw: raw || undefined, ...(criterion ? { criterion } : {}) };
}

/** The status of one entry as of `today`. */
export function evaluate(entry: KillDateEntry, today: string, dueSoonDays: number): KillDateItem {
  const raw = entry.raw?.trim();
  if (!raw) return { ...entry, status: 'missing', problem: 'no kill date: expected YYYY-MM-DD' };
  const date = /^\d{4}-\d{2}-\d{2}$/.test(raw) && isValidDate(raw) ? raw : undefined;
  if (!date)
    return {
      ...entry,
      status: 'missing',
      problem: `"${raw}" is not a real calendar date: expected YYYY-MM-DD`,
    };
  const daysLeft = daysBetween(today, date);
  const base = { ...entry, date, daysLeft };
  const problem = !entry.what
    ? 'no temporary code named: expected <what>: <criterion>'
    : !entry.criterion
      ? 'no sunset criterion: expected <what>: <criterion>'
      : undefined;
  // a passed date is overdue whatever else is missing: the date is hard
  if (daysLeft < 0) return { ...base, status: 'overdue', ...(problem ? { problem } : {}) };
  if (problem) return { ...base, status: 'missing', problem };
  return { ...base, status: daysLeft <= dueSoonDays ? 'due-soon' : 'ok' };
}

/** Normalised name of a piece of temporary code, for matching a marker to its lock. */
export function whatKey(what: string): string {
  return what
    .toLowerCase()
    .replace(/[`'"*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A key as whole words between spaces: ` a b ` holds ` b ` only as a word. */
const padded = (key: string) => ` ${key.replace(/[,;()]/g, ' ').replace(/\s+/g, ' ')} `;

/**
 * The locks naming what `what` names: the same key, or the key's words (three characters or
 * more) inside a lock's, in the locks' order. Indexed by word, so each marker is compared
 * only with the locks that hold its rarest word.
 */
export function lockNamer(locks: KillDateItem[]): (what: string) => KillDateItem[] {
  const keyed = locks.map((lock) => {
    const key = whatKey(lock.what);
    return { lock, key, padded: key ? padded(key) : '' };
  });
  const byWord = new Map<string, typeof keyed>();
  for (const k of keyed)
    for (const word of new Set(k.padded.split(' '))) {
      if (!word) continue;
      const list = byWord.get(word);
      if (list) list.push(k);
      else byWord.set(word, [k]);
    }
  return (what) => {
    const key = whatKey(what);
    if (!key) return [];
    const p = padded(key);
    // a lock that matches holds every word of the key: its rarest word's locks are enough
    let candidates = keyed;
    for (const word of p.split(' ')) {
      if (!word) continue;
      const list = byWord.get(word);
      if (!list) return [];
      if (list.length < candidates.length) candidates = list;
    }
    return candidates
      .filter((k) => k.key && (k.key === key || (key.length >= 3 && k.padded.includes(p))))
      .map((k) => k.lock);
  };
}

/**
 * Evaluate every entry, then reconcile the sources: a marker (or PR-body line) and the lock
 * naming the same temporary code, or two locks naming it, disagree when their dates differ.
 * The earliest date governs: each item of the group is judged by it (overdue when it has
 * passed, else inconsistent) and carries the disagreement in `conflict`. A marker that no lock
 * names is `undeclared` (gate 7 is the source of truth). Sorted: worst first, then by date.
 */
export function evaluateAll(entries: KillDateEntry[], today: string, dueSoonDays: number): KillDateItem[] {
  const items = entries.map((e) => evaluate(e, today, dueSoonDays));
  const locks = items.filter((i) => i.source === 'lock');
  const others = new Map<KillDateItem, KillDateItem[]>();
  const pair = (a: KillDateItem, b: KillDateItem) => {
    others.set(a, [...(others.get(a) ?? []), b]);
    others.set(b, [...(others.get(b) ?? []), a]);
  };
  const naming = lockNamer(locks);
  for (const item of items) {
    if (item.source === 'lock') continue;
    const named = naming(item.what);
    if (item.source === 'marker' && item.what && !named.length) item.undeclared = true;
    for (const lock of named) if (item.date && lock.date && lock.date !== item.date) pair(item, lock);
  }
  const byWhat = new Map<string, KillDateItem[]>();
  for (const l of locks) {
    if (!l.date || l.what.startsWith('temporary code of ')) continue;
    const key = whatKey(l.what);
    byWhat.set(key, [...(byWhat.get(key) ?? []), l]);
  }
  for (const group of byWhat.values())
    for (const [n, a] of group.entries())
      for (const b of group.slice(n + 1)) if (a.date !== b.date) pair(a, b);
  for (const [item, other] of others) reconcile(item, other, today);
  return items.sort(compareItems);
}

/** Judge an item by the earliest date among it and the sources that disagree with it. */
function reconcile(item: KillDateItem, others: KillDateItem[], today: string): void {
  const says = (o: KillDateItem) => `${o.file}${o.line ? `:${o.line}` : ''} says ${o.date}`;
  item.conflict = `${others.map(says).join(', ')}; this says ${item.date}`;
  const earliest = [item, ...others].map((o) => o.date!).sort()[0]!;
  const daysLeft = daysBetween(today, earliest);
  if (earliest !== item.date) item.governs = earliest;
  if (daysLeft < 0) {
    item.status = 'overdue';
    item.daysLeft = daysLeft;
  } else if (item.status !== 'missing') item.status = 'inconsistent';
}

const RANK: Record<KillDateStatus, number> = {
  overdue: 0,
  inconsistent: 1,
  missing: 2,
  'due-soon': 3,
  ok: 4,
};

export function compareItems(a: KillDateItem, b: KillDateItem): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    byCodeUnit(a.date ?? '9999', b.date ?? '9999') ||
    byCodeUnit(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

/** Items that need attention now: for the start report and the CI summary. */
export function alerts(items: KillDateItem[]): KillDateItem[] {
  return items.filter((i) => i.status !== 'ok');
}

/** Items whose date falls within `days` from today (overdue ones included). */
export function within(items: KillDateItem[], days: number): KillDateItem[] {
  return items.filter((i) => i.daysLeft === undefined || i.daysLeft <= days);
}

/** Kill-date lines of a PR body: KILLDATE markers, and `Kill date:` with `Sunset criterion:`. */
export function parsePrBody(text: string, file = 'PR body'): KillDateEntry[] {
  const out: KillDateEntry[] = [];
  const fields: { label: string; value: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const marker = parseMarkerLine(line, false);
    if (marker) {
      out.push({ ...marker, file, line: i + 1, source: 'pr-body' });
      return;
    }
    const field = PR_FIELD.exec(line);
    if (field) fields.push({ label: field[1]!.toLowerCase(), value: cleanValue(field[2]!), line: i + 1 });
  });
  const fieldValue = (label: string) => fields.find((f) => f.label === label && f.value)?.value;
  const criterion = fieldValue('sunset criterion');
  const what = fieldValue('temporary code') ?? fieldValue('phases out') ?? 'temporary code in this PR';
  for (const f of fields)
    if (f.label === 'kill date')
      out.push({
        what,
        raw: f.value || undefined,
        ...(criterion ? { criterion } : {}),
        file,
        line: f.line,
        source: 'pr-body',
      });
  return out;
}

const PR_FIELD =
  /^\s*(?:[-*]\s+)?\**\s*(sunset criterion|kill date|temporary code|phases out)\s*\**\s*:\s*\**(.*)$/i;

function cleanValue(v: string): string {
  return v.replace(/\*+/g, '').replace(/`/g, '').trim();
}

/** Whether a PR body states a sunset criterion and a kill date. */
export function prBodyHasSunset(text: string): { criterion: boolean; killDate: boolean } {
  const entries = parsePrBody(text);
  return {
    criterion: entries.some((e) => !!e.criterion),
    killDate: entries.some((e) => !!e.raw),
  };
}

/** The findings for an item: its status, and a missing criterion, a disagreement or a missing lock behind it. */
export function findingsOf(item: KillDateItem): Finding[] {
  const out: Finding[] = [];
  const what = item.what || 'temporary code';
  const criterion = item.criterion ? ` (sunset criterion: ${item.criterion})` : '';
  const at = { file: item.file, ...(item.line ? { line: item.line } : {}) };
  const add = (rule: string, severity: Finding['severity'], message: string, fix?: string) =>
    out.push({ rule, severity, message, ...at, ...(fix ? { fix } : {}) });
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (item.status === 'overdue') {
    const date = item.governs ?? item.date;
    const by = item.governs ? ` (the earliest of the sources; this one says ${item.date})` : '';
    add(
      'killdate/overdue',
      'error',
      `kill date ${date} of ${what} passed ${days(-(item.daysLeft ?? 0))} ago${by}: delete it now${criterion}`,
      'delete the temporary code; the date is hard, met or not',
    );
  } else if (item.status === 'due-soon')
    add(
      'killdate/due-soon',
      'warning',
      `kill date ${item.date} of ${what} is ${item.daysLeft === 0 ? 'today' : `in ${days(item.daysLeft ?? 0)}`}${criterion}`,
    );
  if (item.problem)
    add(
      'killdate/missing',
      'error',
      `${what}: ${item.problem}`,
      'write `<what>: <measurable criterion>` and a real YYYY-MM-DD kill date',
    );
  if (item.conflict)
    add(
      'killdate/inconsistent',
      'error',
      `${what}: ${item.conflict}${item.status === 'overdue' ? '' : `; the earliest, ${item.governs ?? item.date}, governs`}`,
      'the lock (gate 7) is the source of truth: make every source say the same date',
    );
  if (item.undeclared)
    add(
      'killdate/undeclared',
      'warning',
      `${what}: temporary code that no lock declares (gate 7 names the temporary code of a feature)`,
      "name it under Temporary code in its feature lock's gate 7, with the same kill date",
    );
  return out;
}
