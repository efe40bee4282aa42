// Kill-date entries from lock gate 7 of every feature, active and completed: the source of
// truth the markers and PR bodies are checked against. Read with the shared lock parser.
import type { KillDateEntry, KillDateItem } from './killdates.js';
import { evaluateAll } from './killdates.js';
import { parseLock } from './parse/lock.js';
import { isNone, valueGap } from './parse/lock-text.js';
import { plain } from './sections.js';
import type { Workspace } from './workspace.js';

const filled = (v: string | undefined): string | undefined => {
  if (v === undefined) return undefined;
  const text = plain(v.split('\n').find((l) => l.trim()) ?? '');
  return text && valueGap(text) === null && !isNone(text) ? text : undefined;
};

/** One entry per lock whose gate 7 names temporary code or a kill date. */
export function lockEntries(ws: Workspace): KillDateEntry[] {
  const out: KillDateEntry[] = [];
  for (const f of ws.features()) {
    if (!f.lock) continue;
    const lock = ws.parsed(f.lock, parseLock);
    const s = lock?.sunset;
    if (!lock || !s) continue;
    const what = filled(s.temporary?.value);
    const kill = s.killDate;
    const raw = kill?.date ?? kill?.invalid ?? filled(kill?.raw);
    if (!what && !raw) continue;
    const criterion = filled(s.criterion?.value);
    const gate = lock.gates.find((g) => g.number === 7);
    out.push({
      what: what ?? `temporary code of ${f.slug}`,
      file: f.lock,
      line: kill?.line ?? s.temporary?.line ?? gate?.line,
      ...(criterion ? { criterion } : {}),
      ...(raw ? { raw } : {}),
      source: 'lock',
      feature: f.slug,
      completed: f.completed,
    });
  }
  return out;
}

/** lockItems() per workspace: the four killdate/* rules each ask for the same items. */
const itemsOf = new WeakMap<Workspace, KillDateItem[]>();

/**
 * Lock items evaluated as of the workspace's today (two locks may disagree: inconsistent).
 * Computed once per workspace; the items are shared, so callers do not change them.
 */
export function lockItems(ws: Workspace): KillDateItem[] {
  let items = itemsOf.get(ws);
  if (!items) {
    items = evaluateAll(lockEntries(ws), ws.today, ws.config.killDates.dueSoonDays);
    markLockConflicts(items);
    itemsOf.set(ws, items);
  }
  return items;
}

export function markLockConflicts(items: KillDateItem[]): void {
  const byWhat = new Map<string, KillDateItem[]>();
  for (const i of items) {
    if (!i.date || i.what.startsWith('temporary code of ')) continue;
    const key = i.what
      .toLowerCase()
      .replace(/[`'"*]/g, '')
      .replace(/\s+/g, ' ');
    byWhat.set(key, [...(byWhat.get(key) ?? []), i]);
  }
  for (const group of byWhat.values()) {
    const dates = new Set(group.map((i) => i.date));
    if (dates.size < 2) continue;
    for (const i of group) {
      const other = group.find((o) => o.date !== i.date)!;
      i.status = 'inconsistent';
      i.problem = `${other.file} gives ${other.what} the kill date ${other.date}, this lock ${i.date}`;
    }
  }
}
