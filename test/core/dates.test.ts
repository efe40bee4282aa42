// Calendar dates: a YYYY-MM-DD string is a real date exactly when the JavaScript calendar
// reads it back as itself (leap years every 4, not every 100, every 400).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidDate } from '../../src/core/dates.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const roundTrips = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};

describe('isValidDate', () => {
  it('says what the calendar says, month ends and leap days included', () => {
    // leap days by 4, 100 and 400 and month ends, in years counted from today's
    const y = new Date().getUTCFullYear();
    const leap = y + 4 - (y % 4);
    const century = Math.ceil((y + 1) / 100) * 100;
    const fourCenturies = Math.ceil((y + 1) / 400) * 400;
    for (const s of [
      `${leap}-02-29`,
      `${leap + 1}-02-29`,
      `${century}-02-29`,
      `${fourCenturies}-02-29`,
      `${y}-04-31`,
      `${y}-12-31`,
    ])
      expect([s, isValidDate(s)]).toEqual([s, roundTrips(s)]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isValidDate(s)).toBe(roundTrips(s));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
