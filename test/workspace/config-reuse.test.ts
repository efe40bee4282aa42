// Config reuse for start: the stored config is returned only while the config file's bytes
// and the files kit detection looked at are unchanged; anything else validates afresh.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/workspace/config.js';
import { CONFIG_REUSE_FILE, reuseConfig } from '../../src/workspace/config-reuse.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kd-cfgreuse-'));
const stored = (root: string) => JSON.parse(readFileSync(join(root, CONFIG_REUSE_FILE), 'utf8'));

describe('reuseConfig', () => {
  it('gives what loadConfig gives, then the stored copy until the file changes', async () => {
    const root = tmp();
    writeFileSync(join(root, 'killdate.config.yaml'), 'killDates:\n  dueSoonDays: 9\n');
    expect(await reuseConfig(root)).toEqual(loadConfig(root).config);
    const s = stored(root);
    s.config.killDates.dueSoonDays = 99; // mark the stored copy: a reuse returns it
    writeFileSync(join(root, CONFIG_REUSE_FILE), JSON.stringify(s));
    expect((await reuseConfig(root)).killDates.dueSoonDays).toBe(99);
    writeFileSync(join(root, 'killdate.config.yaml'), 'killDates:\n  dueSoonDays: 10\n');
    expect((await reuseConfig(root)).killDates.dueSoonDays).toBe(10);
  });

  it('sees a kit change (CLAUDE.md as the context doc) and a removed config file', async () => {
    const root = tmp();
    writeFileSync(join(root, 'killdate.config.yaml'), 'killDates:\n  dueSoonDays: 9\n');
    const before = await reuseConfig(root);
    writeFileSync(join(root, 'CLAUDE.md'), '# Context\n');
    const after = await reuseConfig(root);
    expect(after).toEqual(loadConfig(root).config);
    expect(after.paths.context).not.toBe(before.paths.context);
    rmSync(join(root, 'killdate.config.yaml'));
    expect(await reuseConfig(root)).toEqual(loadConfig(root).config);
    expect(stored(root).text).toBeNull();
  });

  it('still rejects an invalid config, and ignores a broken store', async () => {
    const root = tmp();
    writeFileSync(join(root, 'killdate.config.yaml'), 'killDates:\n  dueSoonDays: soon\n');
    await expect(reuseConfig(root)).rejects.toThrow(/dueSoonDays/);
    writeFileSync(join(root, 'killdate.config.yaml'), 'killDates:\n  dueSoonDays: 3\n');
    mkdirSync(join(root, '.killdate/cache'), { recursive: true });
    writeFileSync(join(root, CONFIG_REUSE_FILE), '{not json');
    expect((await reuseConfig(root)).killDates.dueSoonDays).toBe(3);
  });
});
