// Which locks a marker names (kill-date consistency): the word index of lockNamer against the
// pairwise reading it replaced, on generated names built from a few words, punctuation and
// spacing. Same locks, same order, for every marker.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KillDateItem, lockNamer, whatKey } from '../../src/core/killdates.js';

/** The pairwise reading: the lock's key equals the marker's, or holds its words (3+ chars). */
function sameWhat(lockWhat: string, other: string): boolean {
  const a = whatKey(lockWhat);
  const b = whatKey(other);
  if (!a || !b) return false;
  if (a === b) return true;
  const pad = (s: string) => ` ${s.replace(/[,;()]/g, ' ').replace(/\s+/g, ' ')} `;
  return b.length >= 3 && pad(a).includes(pad(b));
}

const piece = fc.constantFrom(
  'csv',
  'export',
  'CSV',
  'flag',
  'shim',
  'old',
  'x',
  'ab',
  ' ',
  '  ',
  ',',
  ';',
  '(',
  ')',
  '`',
  '"',
  '*',
  '\t',
  '-',
);
const what = fc.array(piece, { maxLength: 7 }).map((p) => p.join(''));

const lock = (w: string, i: number): KillDateItem => ({
  what: w,
  file: `feature-builds/f${i}/PRE-BUILD-LOCK.md`,
  line: 1,
  source: 'lock',
  status: 'ok',
});

describe('lockNamer', () => {
  it('names the locks the pairwise reading names, in order', () => {
    fc.assert(
      fc.property(
        fc.array(what, { maxLength: 12 }),
        fc.array(what, { maxLength: 12 }),
        (lockWhats, markers) => {
          const locks = lockWhats.map(lock);
          const naming = lockNamer(locks);
          for (const m of markers) expect(naming(m)).toEqual(locks.filter((l) => sameWhat(l.what, m)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
