// Kill dates met and missed: a kill date is met when git shows its temporary code removed on or
// before the date, missed when the code outlived it (still there and overdue, or removed late),
// pending while the date is ahead. Also the dates by month, for the chart over time.
import type { KillDateItem, KillDateStatus } from '../killdates.js';

export interface KillDateMet {
  what: string;
  date?: string;
  file: string;
  outcome: 'met' | 'missed' | 'pending';
  /** when a removal was found in git */
  removedAt?: string;
}

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  overdue: number;
  dueSoon: number;
  ok: number;
}

interface Removal {
  what: string;
  raw?: string;
  file: string;
  removedAt: string;
}

export function killDatesMet(items: KillDateItem[], removed: Removal[], today: string): KillDateMet[] {
  const byWhat = new Map<string, KillDateItem>();
  for (const i of items)
    if (i.date && (i.source === 'marker' || !i.completed)) {
      const seen = byWhat.get(i.what)?.date;
      if (!seen || i.date < seen) byWhat.set(i.what, i);
    }
  const out: KillDateMet[] = [...byWhat.values()].map((i) => ({
    what: i.what,
    date: i.date!,
    file: i.file,
    outcome: i.status === 'overdue' || i.date! < today ? 'missed' : 'pending',
  }));
  const present = new Set(items.filter((i) => i.source === 'marker').map((i) => i.what));
  const seen = new Set<string>();
  for (const r of removed) {
    if (present.has(r.what) || seen.has(r.what) || !r.raw) continue;
    seen.add(r.what);
    const day = r.removedAt.slice(0, 10);
    out.push({
      what: r.what,
      date: r.raw,
      file: r.file,
      outcome: day <= r.raw ? 'met' : 'missed',
      removedAt: r.removedAt,
    });
  }
  return out;
}

const KEY: Partial<Record<KillDateStatus, keyof Omit<MonthCount, 'month'>>> = {
  overdue: 'overdue',
  'due-soon': 'dueSoon',
  ok: 'ok',
};

/** Every dated item by the month of its kill date, oldest month first. */
export function killDateMonths(items: KillDateItem[]): MonthCount[] {
  const months = new Map<string, MonthCount>();
  for (const i of items) {
    const key = KEY[i.status];
    if (!i.date || !key) continue;
    const month = i.date.slice(0, 7);
    const m = months.get(month) ?? { month, overdue: 0, dueSoon: 0, ok: 0 };
    m[key]++;
    months.set(month, m);
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}
