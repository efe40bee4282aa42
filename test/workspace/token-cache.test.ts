// The token cache: counts come back exact from a cold and a warm cache, the file stays within
// its bound, and an unwritable or broken cache only means counting again.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/core/tokens.js';
import {
  MAX_ENTRIES,
  readTokenCache,
  TOKEN_CACHE_FILE,
  writeTokenCache,
} from '../../src/workspace/token-cache.js';
import { tokenCounter } from '../../src/workspace/token-count.js';
import { TODAY } from '../helpers/dates.js';

const REPORT = `killdate start ${TODAY}: on main, clean\n\nRESUME HERE\n  1. run the tests\n\n\nissues: 3 (1 high)\n`;
const tmp = () => mkdtempSync(join(tmpdir(), 'kd-tokcache-'));

describe('token cache', () => {
  it('counts exactly with a cold cache, then from the cache alone', async () => {
    const root = tmp();
    expect(await tokenCounter(root).count(REPORT)).toBe(countTokens(REPORT));
    const cached = readTokenCache(root);
    expect(cached.size).toBeGreaterThan(2);
    // the warm count uses only stored pieces: poison one and the sum moves with it
    expect(await tokenCounter(root).count(REPORT)).toBe(countTokens(REPORT));
    const [first] = cached.keys();
    cached.set(first!, 1000);
    writeTokenCache(root, cached, []);
    expect(await tokenCounter(root).count(REPORT)).toBe(countTokens(REPORT) - countTokens(first!) + 1000);
  });

  it('counts a changed line and stores it, the latest pieces first', async () => {
    const root = tmp();
    await tokenCounter(root).count(REPORT);
    const changed = REPORT.replace('run the tests', 'ship it');
    expect(await tokenCounter(root).count(changed)).toBe(countTokens(changed));
    const f = JSON.parse(readFileSync(join(root, TOKEN_CACHE_FILE), 'utf8'));
    expect(f.counts[0][0]).toBe(`killdate start ${TODAY}: on main, clean\n\n`);
    expect(f.counts.map((e: [string, number]) => e[0])).toContain('  1. ship it\n\n\n');
    expect(readFileSync(join(root, '.killdate/cache/.gitignore'), 'utf8')).toBe('*\n');
  });

  it(`keeps at most ${MAX_ENTRIES} pieces`, () => {
    const root = tmp();
    const big = new Map(Array.from({ length: MAX_ENTRIES + 50 }, (_, i) => [`line ${i}\n`, 3] as const));
    writeTokenCache(root, big, ['line 5010\n']);
    const back = readTokenCache(root);
    expect(back.size).toBe(MAX_ENTRIES);
    expect(back.has('line 5010\n')).toBe(true);
  });

  it('treats a broken file as empty and an unwritable folder as no cache', async () => {
    const root = tmp();
    mkdirSync(join(root, '.killdate/cache'), { recursive: true });
    writeFileSync(
      join(root, TOKEN_CACHE_FILE),
      '{"format":1,"encoding":"cl100k_base","counts":[["a",-1],"x"]',
    );
    expect(readTokenCache(root).size).toBe(0);
    writeFileSync(
      join(root, TOKEN_CACHE_FILE),
      '{"format":1,"encoding":"cl100k_base","counts":[["a",-1],["b\\n",1]]}',
    );
    expect([...readTokenCache(root)]).toEqual([['b\n', 1]]);

    const ro = tmp();
    mkdirSync(join(ro, '.killdate'));
    chmodSync(join(ro, '.killdate'), 0o500);
    const writable = (() => {
      try {
        writeFileSync(join(ro, '.killdate/probe'), '');
        return true;
      } catch {
        return false;
      }
    })();
    expect(await tokenCounter(ro).count(REPORT)).toBe(countTokens(REPORT));
    if (!writable) expect(existsSync(join(ro, TOKEN_CACHE_FILE))).toBe(false);
    expect(writeTokenCache(ro, new Map([['a\n', 1]]), [])).toBe(writable);
  });
});
