// Colour follows FORCE_COLOR and NO_COLOR as Node reads them: FORCE_COLOR wins (0 or false
// turns it off), then a non-empty NO_COLOR; off a terminal there is none unless forced.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../src/cli/output.js';
import { day, TODAY } from './helpers/dates.js';
import { CLI, gate7, makeRepo } from './ship/repo.js';

describe('colour', () => {
  it('colorEnabled', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
  });

  it('the built CLI colours a piped check only when FORCE_COLOR asks', () => {
    const repo = makeRepo({
      'feature-builds/export/PRE-BUILD-LOCK.md': gate7('flag `x`', '0 errors for 14 days', day(-3)),
    });
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [CLI, 'check', '--today', TODAY, '--no-cache'], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined, ...env },
      }).stdout;
    const esc = '\u001b[';
    expect(run({})).not.toContain(esc);
    expect(run({ FORCE_COLOR: '1' })).toContain(`${esc}31m`);
    expect(run({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain(esc);
    expect(run({ FORCE_COLOR: '0' })).not.toContain(esc);
  });
});
