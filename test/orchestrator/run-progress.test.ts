// `run` shows progress while the executor works: off a terminal one line every few seconds
// with the elapsed time and the agent's last line; on a terminal a block redrawn in place.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runWatch } from '../../src/cli/run-progress.js';
import { CLI, type Repo } from '../gates/repo.js';
import { PREFS, readyRepo, script } from './fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

describe('run progress', () => {
  it('off a terminal: a line every 5 s with the elapsed time and the last line of output', () => {
    repo = readyRepo();
    const go = join(repo.dir, '.git', 'go');
    const env = script(repo, {
      1: [
        { say: 'reading the runbook' },
        { say: 'writing src/prefs.js next' },
        { background: `sleep 7; touch ${go}` },
        { waitFor: go },
        { write: 'src/prefs.js', content: PREFS },
      ],
    });
    const r = spawnSync(process.execPath, [CLI, 'run', 'settings-page'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^ {2}\d+s executor working: writing src\/prefs\.js next$/m);
    expect(r.stderr).not.toContain('\u001b[');
  }, 60_000);

  it('on a terminal: the block is redrawn in place and cleared when the agent ends', () => {
    const out = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 40,
    }) as unknown as NodeJS.WriteStream;
    let text = '';
    (out as unknown as PassThrough).on('data', (d) => {
      text += d;
    });
    const w = runWatch(out);
    expect(w.everyMs).toBe(1000);
    w.tick({ elapsedMs: 1200, lines: ['reading the runbook'] });
    w.tick({ elapsedMs: 65_000, lines: ['reading the runbook', `→ Edit ${'x'.repeat(60)}`] });
    w.done?.();
    const frames = text.split('\u001b[');
    expect(text).toContain('1s executor working\n');
    expect(text).toContain('1m05s executor working\n');
    // the first block (2 lines) is moved over and erased before the second (3 lines) is drawn
    expect(frames).toContain('2F');
    expect(frames.some((f) => f.startsWith('3F'))).toBe(true);
    expect(text).toMatch(/→ Edit x+…\n/);
  });
});
