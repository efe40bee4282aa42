// The demo's temporary folder: a demo that fails leaves nothing behind; a later demo removes
// the folders earlier demos made (they carry its mark) once a day old, and nothing else.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demo, removeStaleDemos } from '../src/api/demo.js';

const saved = process.env.TMPDIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

describe('demo temporary folders', () => {
  it('a demo that fails removes the folder it made', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kd-demo-tmp-'));
    process.env.TMPDIR = base;
    await expect(demo({ today: 'not-a-date' })).rejects.toThrow();
    expect(readdirSync(base)).toEqual([]);
  });

  it('removes marked demo folders a day old; keeps fresh ones and folders without the mark', () => {
    const base = mkdtempSync(join(tmpdir(), 'kd-demo-stale-'));
    const make = (name: string, mark: boolean, ageMs: number) => {
      const dir = join(base, name);
      mkdirSync(join(dir, 'quillbill'), { recursive: true });
      if (mark) {
        writeFileSync(join(dir, '.killdate-demo'), 'x\n');
        const t = new Date(Date.now() - ageMs);
        utimesSync(join(dir, '.killdate-demo'), t, t);
      }
      return dir;
    };
    const day = 24 * 60 * 60 * 1000;
    const old = make('killdate-demo-old', true, 2 * day);
    const fresh = make('killdate-demo-fresh', true, 60_000);
    const foreign = make('killdate-demo-foreign', false, 3 * day);
    const other = make('other-old', true, 3 * day);
    expect(removeStaleDemos(Date.now(), base)).toEqual([old]);
    expect([old, fresh, foreign, other].map((d) => existsSync(d))).toEqual([false, true, true, true]);
  });
});
