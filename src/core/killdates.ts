// Kill dates: the items every source yields (lock gate 7, KILLDATE markers in code, the PR
// body), their status as of a day, and the cross-check between a marker and its lock.
import { daysBetween, isValidDate } from './dates.js';
import type { Finding } from './finding.js';

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
  /** why the item is missing or inconsistent */
  problem?: string;
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
  if (!entry.what)
    return { ...base, status: 'missing', problem: 'no temporary code named: expected <what>: <criterion>' };
  if (!entry.criterion)
    return { ...base, status: 'missing', problem: 'no sunset criterion: expected <what>: <criterion>' };
  if (daysLeft < 0) return { ...base, status: 'overdue' };
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

function sameWhat(lockWhat: string, other: string): boolean {
  const a = whatKey(lockWhat);
  const b = whatKey(other);
  if (!a || !b) return false;
  if (a === b) return true;
  const pad = (s: string) => ` ${s.replace(/[,;()]/g, ' ').replace(/\s+/g, ' ')} `;
  return b.length >= 3 && pad(a).includes(pad(b));
}

/**
 * Evaluate every entry, then mark a marker (or PR-body line) and the lock naming the same
 * temporary code as inconsistent when their dates differ. Sorted: worst first, then by date.
 */
export function evaluateAll(entries: KillDateEntry[], today: string, dueSoonDays: number): KillDateItem[] {
  const items = entries.map((e) => evaluate(e, today, dueSoonDays));
  const locks = items.filter((i) => i.source === 'lock' && i.date);
  for (const item of items) {
    if (item.source === 'lock' || !item.date) continue;
    for (const lock of locks) {
      if (!sameWhat(lock.what, item.what) || lock.date === item.date) continue;
      item.status = 'inconsistent';
      item.problem = `${item.source === 'marker' ? 'the marker' : 'the PR body'} says ${item.date}, the lock ${lock.file} says ${lock.date}`;
      if (lock.status !== 'overdue') {
        lock.status = 'inconsistent';
        lock.problem = `${item.file}${item.line ? `:${item.line}` : ''} says ${item.date}, this lock says ${lock.date}`;
      }
    }
  }
  return items.sort(compareItems);
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
    (a.date ?? '9999').localeCompare(b.date ?? '9999') ||
    a.file.localeCompare(b.file) ||
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

const RULE_OF: Record<KillDateStatus, string | undefined> = {
  overdue: 'killdate/overdue',
  missing: 'killdate/missing',
  inconsistent: 'killdate/inconsistent',
  'due-soon': 'killdate/due-soon',
  ok: undefined,
};

/** The finding for an item that needs attention (rule id, message), or undefined when ok. */
export function findingOf(item: KillDateItem): Finding | undefined {
  const rule = RULE_OF[item.status];
  if (!rule) return undefined;
  const severity = item.status === 'due-soon' ? 'warning' : 'error';
  const what = item.what || 'temporary code';
  const criterion = item.criterion ? ` (sunset criterion: ${item.criterion})` : '';
  const message =
    item.status === 'overdue'
      ? `kill date ${item.date} of ${what} passed ${-(item.daysLeft ?? 0)} day${item.daysLeft === -1 ? '' : 's'} ago: delete it now${criterion}`
      : item.status === 'due-soon'
        ? `kill date ${item.date} of ${what} is ${item.daysLeft === 0 ? 'today' : `in ${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'}`}${criterion}`
        : `${what}: ${item.problem ?? item.status}`;
  const fix =
    item.status === 'overdue'
      ? 'delete the temporary code; the date is hard, met or not'
      : item.status === 'missing'
        ? 'write `<what>: <measurable criterion>` and a real YYYY-MM-DD kill date'
        : item.status === 'inconsistent'
          ? 'the lock (gate 7) is the source of truth: make the other source say the same date'
          : undefined;
  return {
    rule,
    severity,
    message,
    file: item.file,
    ...(item.line ? { line: item.line } : {}),
    ...(fix ? { fix } : {}),
  };
}
