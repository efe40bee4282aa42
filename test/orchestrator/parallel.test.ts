// Parallel features: two ready features run at once, each in its own worktree and branch, after
// their FILES overlap is reported; run state stays in the main checkout; a git-ignored file
// named in config is copied into each worktree; decisions from the main checkout land in the
// worktree's REVIEW.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approve } from '../../src/api/decide.js';
import { runs } from '../../src/api/run.js';
import { runAll } from '../../src/api/run-all.js';
import { CLI, type Repo } from '../gates/repo.js';
import { PREFS, readyRepo, script, TODAY } from './fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

describe('run --all', () => {
  it('runs two ready features in their own worktrees, overlap reported first', async () => {
    repo = readyRepo({
      features: ['alpha', 'beta'],
      agents: { extra: 'worktree:\n  copy: [.env]\n' },
    });
    writeFileSync(join(repo.dir, '.gitignore'), '.env\n');
    writeFileSync(join(repo.dir, '.env'), 'SECRET=local\n');
    repo.commit('ignore .env');
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const seen: string[] = [];
    const r = await runAll({
      cwd: repo.dir,
      today: TODAY,
      env,
      handleSigint: false,
      concurrency: 2,
      onOverlaps: (o) => seen.push(...o.flatMap((x) => x.entries)),
    });
    expect(r.features).toEqual(['alpha', 'beta']);
    expect(r.overlaps).toEqual([{ features: ['alpha', 'beta'], entries: ['src/prefs.js', 'src/form.js'] }]);
    expect(seen).toEqual(['src/prefs.js', 'src/form.js']);
    const [a, b] = r.outcomes;
    expect(a!.worktree).toBe(join(repo.dir, '.killdate/worktrees/alpha'));
    expect(a!.branch).toBe('feature/settings-page'); // the lock's branch, free
    expect(b!.branch).toBe('killdate/beta'); // the lock's branch is taken by alpha
    for (const o of r.outcomes) {
      expect(o.result!.runs[0]).toMatchObject({ task: '01-prefs', allPassed: true, decision: 'pending' });
      expect(readFileSync(join(o.worktree!, 'src/prefs.js'), 'utf8')).toBe(PREFS);
      expect(readFileSync(join(o.worktree!, '.env'), 'utf8')).toBe('SECRET=local\n');
      expect(existsSync(join(o.worktree!, `feature-builds/${o.feature}/REVIEW.md`))).toBe(true);
    }
    expect(existsSync(join(repo.dir, 'src/prefs.js'))).toBe(false); // the main checkout is untouched
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(
      runs({ cwd: repo.dir })
        .runs.map((m) => m.feature)
        .sort(),
    ).toEqual(['alpha', 'beta']);
    const d = await approve({ cwd: repo.dir, feature: 'beta', task: '1' });
    expect(d.next).toBe('02-form');
    expect(readFileSync(join(b!.worktree!, 'feature-builds/beta/REVIEW.md'), 'utf8')).toContain(
      '**Decision:** approved',
    );
    // a second --all reuses the worktrees: beta goes on to task 2, alpha still waits for a human
    const again = await runAll({ cwd: repo.dir, today: TODAY, env, handleSigint: false });
    expect(again.outcomes.map((o) => [o.feature, o.error?.message ?? o.result?.runs[0]?.task])).toEqual([
      ['alpha', 'task 01-prefs of alpha waits for a decision on its last run'],
      ['beta', '02-form'],
    ]);
  }, 60_000);
});

describe('killdate run --all (built CLI)', () => {
  it('runs the features side by side in one killdate process and prints one JSON document', () => {
    repo = readyRepo({ features: ['alpha', 'beta'] });
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const r = spawnSync(process.execPath, [CLI, 'run', '--all', '--json', '--concurrency', '2'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.overlaps).toHaveLength(1);
    expect(
      out.outcomes.map((o: { feature: string; result: { runs: { allPassed: boolean }[] } }) => [
        o.feature,
        o.result.runs[0]!.allPassed,
      ]),
    ).toEqual([
      ['alpha', true],
      ['beta', true],
    ]);
    const listed = spawnSync(process.execPath, [CLI, 'runs', '--json'], { cwd: repo.dir, encoding: 'utf8' });
    expect(JSON.parse(listed.stdout).runs).toHaveLength(2);
  }, 60_000);
});
