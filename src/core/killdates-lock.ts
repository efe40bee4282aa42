// Kill-date entries from lock gate 7 of every feature, active and completed: the source of
// truth the markers and PR bodies are checked against. Read with the shared lock parser.
import type { KillDateEntry, KillDateItem } from './killdates.js';
import { evaluateAll } from './killdates.js';
import type { MdDoc } from './markdown.js';
import { parseLock } from './parse/lock.js';
import { isNone, valueGap } from './parse/lock-text.js';
import { plain } from './sections.js';
import { persistParser, type Workspace } from './workspace.js';

const filled = (v: string | undefined): string | undefined => {
  if (v === undefined) return undefined;
  const text = plain(v.split('\n').find((l) => l.trim()) ?? '');
  return text && valueGap(text) === null && !isNone(text) ? text : undefined;
};

/** One entry per lock whose gate 7 names temporary code or a kill date. */
export function lockEntries(ws: Workspace): KillDateEntry[] {
  const out: KillDateEntry[] = [];
  for (const f of ws.features()) {
    const sunset = f.lock ? ws.parsed(f.lock, lockSunset) : undefined;
    if (!f.lock || !sunset) continue;
    const { what, line, criterion, raw } = sunset;
    out.push({
      what: what ?? `temporary code of ${f.slug}`,
      file: f.lock,
      line,
      ...(criterion ? { criterion } : {}),
      ...(raw ? { raw } : {}),
      source: 'lock',
      feature: f.slug,
      completed: f.completed,
    });
  }
  return out;
}

interface Sunset {
  what?: string;
  line?: number;
  criterion?: string;
  raw?: string;
}

/**
 * A lock's gate 7 as a kill-date entry (null: it names neither temporary code nor a date),
 * kept in the parse cache apart from the whole lock, which listing kill dates does not need.
 */
export function lockSunset(doc: MdDoc, ws: Workspace): Sunset | null {
  const lock = ws.parsed(doc.path, parseLock);
  const s = lock?.sunset;
  if (!lock || !s) return null;
  const what = filled(s.temporary?.value);
  const kill = s.killDate;
  const raw = kill?.date ?? kill?.invalid ?? filled(kill?.raw);
  if (!what && !raw) return null;
  const criterion = filled(s.criterion?.value);
  const line = kill?.line ?? s.temporary?.line ?? lock.gates.find((g) => g.number === 7)?.line;
  return {
    ...(what ? { what } : {}),
    ...(line ? { line } : {}),
    ...(criterion ? { criterion } : {}),
    ...(raw ? { raw } : {}),
  };
}
persistParser(lockSunset, 'lock-sunset', 'lock');

/**
 * Lock items and the workspace's KILLDATE markers (when it was scanned) evaluated as of its
 * today and reconciled. Computed once per workspace; the items are shared, so callers do not
 * change them.
 */
export function killDateItems(ws: Workspace): KillDateItem[] {
  return ws.derived(killDateItems, () =>
    evaluateAll([...lockEntries(ws), ...ws.markers], ws.today, ws.config.killDates.dueSoonDays),
  );
}
