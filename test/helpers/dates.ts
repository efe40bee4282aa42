// Every date in the tests derives from the real today (CI also runs the suite with the clock a
// year ahead), never from a literal: a literal that was in the future when it was written
// passes one day and breaks the suite.
import { addDays, todayIso } from '../../src/core/dates.js';

export const TODAY = todayIso();

/** The day n days after today (n < 0: before). */
export const day = (n: number): string => addDays(TODAY, n);

/** The year of the day n days from today, e.g. for an impossible date `${year(365)}-02-30`. */
export const year = (n = 0): string => day(n).slice(0, 4);

/** A date-shaped kill date that is no calendar date: 30 February of next year. */
export const IMPOSSIBLE = `${Number(TODAY.slice(0, 4)) + 1}-02-30`;

/** Fixture text with `{{today}}`, `{{today+N}}`, `{{today-N}}` and `{{impossible}}` replaced. */
export function dated(text: string, today: string = TODAY): string {
  return text
    .replace(/\{\{today(?:([+-])(\d+))?\}\}/g, (_m, sign?: string, n?: string) =>
      addDays(today, sign ? Number(`${sign}${n}`) : 0),
    )
    .replaceAll('{{impossible}}', IMPOSSIBLE);
}
