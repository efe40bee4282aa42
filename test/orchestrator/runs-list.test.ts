// `killdate runs` lists the newest runs and says how many earlier ones it left out; --all and
// --json list every run. Records are written by killdate's own writer, one a minute. The
// board's live page finds the runs in progress from the feature locks.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { liveRun } from '../../src/api/run-view.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { record } from './run-records.js';

let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

describe('killdate runs', () => {
  it('shows the newest 20 runs and how many earlier ones; --all and --json list all 25', () => {
    repo = makeRepo({ 'README.md': '# prefs\n' });
    const first = Date.now() - 60 * 60_000;
    const ids = Array.from({ length: 25 }, (_, i) => record(repo!.dir, i, new Date(first + i * 60_000)));

    const r = runCli(repo.dir, ['runs']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('5 earlier runs not shown (killdate runs --all)');
    expect(lines.slice(2).map((l) => l.split(' ')[0])).toEqual(ids.slice(5));

    const all = runCli(repo.dir, ['runs', '--all']).stdout.trim().split('\n');
    expect(all.slice(1).map((l) => l.split(' ')[0])).toEqual(ids);

    const json = JSON.parse(runCli(repo.dir, ['runs', '--json']).stdout) as { runs: { runId: string }[] };
    expect(json.runs.map((m) => m.runId)).toEqual(ids);
  });

  it('a lock the agent plants naming a finished run does not make the live page show it running', () => {
    repo = makeRepo({ 'README.md': '# prefs\n' });
    const first = Date.now() - 60 * 60_000;
    const ids = Array.from({ length: 3 }, (_, i) => record(repo!.dir, i, new Date(first + i * 60_000)));
    // the agent's move: a feature lock held by a live process (the test's own) naming run 1
    const lock = JSON.stringify({ runId: ids[0], pid: process.pid, at: new Date().toISOString() });
    execFileSync(
      'sh',
      ['-c', `mkdir -p .killdate/locks && echo '${lock}' > .killdate/locks/settings-page.json`],
      {
        cwd: repo.dir,
      },
    );
    const live = liveRun({ cwd: repo.dir });
    expect(live.running).toBe(false);
    expect(live.run?.run.runId).toBe(ids[2]);
  });
});
