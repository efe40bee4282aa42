// Kill dates on a text timeline by month: a line per month from the earliest item (or today)
// to the latest, the items under their month, today marked, undated items at the end.
import type { KillDateItem } from './killdates.js';
import { byCodeUnit } from './order.js';

const LABEL: Record<KillDateItem['status'], string> = {
  overdue: 'OVERDUE ',
  'due-soon': 'due soon',
  inconsistent: 'CONFLICT',
  missing: 'MISSING ',
  ok: 'ok      ',
};

export function timeline(items: KillDateItem[], today: string): string {
  const dated = items.filter((i) => i.date).sort((a, b) => byCodeUnit(a.date!, b.date!));
  const undated = items.filter((i) => !i.date);
  const months = monthRange(dated[0]?.date ?? today, today, dated.at(-1)?.date ?? today);
  const out: string[] = [];
  for (const month of months) {
    const here = dated.filter((i) => i.date!.startsWith(month));
    const isNow = today.startsWith(month);
    if (!here.length && !isNow) {
      out.push(`${month} │`);
      continue;
    }
    out.push(`${month} ┤${isNow ? `  ◀ today ${today}` : ''}`);
    for (const i of here) out.push(`   ${i.date!.slice(8)} │ ${LABEL[i.status]}  ${i.what}  ${where(i)}`);
  }
  if (undated.length) {
    out.push('no date');
    for (const i of undated) out.push(`      │ ${LABEL[i.status]}  ${i.what || '(unnamed)'}  ${where(i)}`);
  }
  return out.join('\n');
}

const where = (i: KillDateItem) => `${i.file}${i.line ? `:${i.line}` : ''}`;

/** YYYY-MM of every month from the earliest to the latest of the given dates. */
function monthRange(...dates: string[]): string[] {
  const sorted = dates.map((d) => d.slice(0, 7)).sort();
  const [first, last] = [sorted[0]!, sorted.at(-1)!];
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
