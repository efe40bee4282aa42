// Run records cross-checked against git: every .killdate/runs/<id>/meta.json killdate writes is
// also a blob under refs/killdate/runs/<id>, and revert, resume and approve act only on a record
// that matches it. Played as an agent with a shell would: edit the record, plant one, delete one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const sh = (command: string) => execFileSync('sh', ['-c', command], { cwd: repo.dir, encoding: 'utf8' });
let scriptFile = '';
const kd = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: humanEnv({ KD_SCRIPT: scriptFile, NO_COLOR: '1' }),
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
};

/** A pending run of task 1 that wrote src/prefs.js; returns its id. */
function pendingRun(steps: unknown[] = [{ write: 'src/prefs.js', content: PREFS }]): string {
  repo = readyRepo();
  scriptFile = script(repo, { 1: steps }).KD_SCRIPT ?? '';
  const r = kd('run', 'settings-page', '--json');
  return JSON.parse(r.stdout).runs[0].runId;
}

/** The agent's edit of a run record: a node one-liner that changes one field. */
const editMeta = (runId: string, js: string) =>
  sh(
    `node -e "const f='.killdate/runs/${runId}/meta.json';const m=JSON.parse(require('fs').readFileSync(f,'utf8'));${js};require('fs').writeFileSync(f,JSON.stringify(m,null,2)+'\\n')"`,
  );

describe('run records cross-checked against git', () => {
  it('each run record has its copy under refs/killdate/runs/<id>', () => {
    const id = pendingRun();
    const kept = repo.git('cat-file', 'blob', `refs/killdate/runs/${id}`);
    expect(kept).toBe(readFileSync(join(repo.dir, `.killdate/runs/${id}/meta.json`), 'utf8'));
  }, 60_000);

  it("a record whose changes were edited to name the human's file: revert refuses and touches nothing", () => {
    const id = pendingRun();
    repo.write({ 'notes.txt': "the human's notes\n" });
    editMeta(id, "m.changes.push({path:'notes.txt',status:'untracked'})");
    const r = kd('revert', 'settings-page', '1');
    expect(r.status).toBe(1);
    expect(r.out).toContain(`differs from the copy killdate keeps in git (refs/killdate/runs/${id})`);
    expect(readFileSync(join(repo.dir, 'notes.txt'), 'utf8')).toBe("the human's notes\n");
    expect(existsSync(join(repo.dir, 'src/prefs.js'))).toBe(true);
    expect(readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8')).not.toContain(
      'reverted',
    );
  }, 60_000);

  it('a record edited and its git copy swapped with `git replace`: revert refuses and touches nothing', () => {
    const id = pendingRun();
    repo.write({ 'notes.txt': "the human's notes\n" });
    const original = repo.git('rev-parse', `refs/killdate/runs/${id}`).trim();
    editMeta(id, "m.changes.push({path:'notes.txt',status:'untracked'})");
    const forged = sh(`git hash-object -w .killdate/runs/${id}/meta.json`).trim();
    sh(`git replace -f ${original} ${forged}`);
    expect(repo.git('cat-file', 'blob', `refs/killdate/runs/${id}`)).toContain('notes.txt'); // git itself shows the forgery
    const r = kd('revert', 'settings-page', '1');
    expect(r.status).toBe(1);
    expect(r.out).toContain(`differs from the copy killdate keeps in git (refs/killdate/runs/${id})`);
    expect(readFileSync(join(repo.dir, 'notes.txt'), 'utf8')).toBe("the human's notes\n");
  }, 60_000);

  it('a record and its git copy both rewritten to name a file outside FILES: approve --commit commits nothing', () => {
    const id = pendingRun();
    sh("echo '// after the review' >> src/server.js");
    const blob = sh('git hash-object -w --no-filters src/server.js').trim();
    editMeta(
      id,
      `m.changes.push({path:'src/server.js',status:'modified'});m.reviewed['src/server.js']={kind:'file',blob:'${blob}',mode:420}`,
    );
    sh(`git update-ref refs/killdate/runs/${id} $(git hash-object -w .killdate/runs/${id}/meta.json)`);
    const head = repo.git('rev-parse', 'HEAD');
    const r = kd('approve', 'settings-page', '1', '--commit');
    expect(r.status).toBe(1);
    expect(r.out).toContain('src/server.js outside feature-builds/settings-page/runbook-01-prefs.md');
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
  }, 60_000);

  it('a record with its changes emptied: approve refuses', () => {
    const id = pendingRun();
    editMeta(id, 'm.changes=[]');
    const r = kd('approve', 'settings-page', '1');
    expect(r.status).toBe(1);
    expect(r.out).toContain('differs from the copy killdate keeps in git');
  }, 60_000);

  it('a failed run whose start state was edited: resume refuses', () => {
    const id = pendingRun([{ write: 'src/prefs.js', content: PREFS }, { exit: 3 }]);
    editMeta(id, "m.startState['src/server.js']={blob:null}");
    const r = kd('resume', id);
    expect(r.status).toBe(1);
    expect(r.out).toContain('differs from the copy killdate keeps in git');
  }, 60_000);

  it('a run record planted by hand (no copy in git) is no run: runs does not list it, approve acts on the real one', () => {
    const id = pendingRun();
    const fake = id.replace(/-[0-9a-f]{6}$/, '-ffffff').replace(/^(\d{8}T)\d{6}/, '$1235959');
    sh(
      `mkdir -p .killdate/runs/${fake} && sed 's/${id}/${fake}/' .killdate/runs/${id}/meta.json > .killdate/runs/${fake}/meta.json`,
    );
    const runs = JSON.parse(kd('runs', '--json').stdout).runs.map((r: { runId: string }) => r.runId);
    expect(runs).toEqual([id]);
    const r = kd('approve', 'settings-page', '1', '--json');
    expect(r.status, r.out).toBe(0);
    expect(JSON.parse(r.stdout).runId).toBe(id);
  }, 60_000);

  it('an interrupted run whose file says it was reviewed: a new run still refuses to start over its edits', () => {
    repo = readyRepo();
    scriptFile =
      script(repo, {
        1: [
          { write: 'src/prefs.js', content: PREFS },
          { background: "kill -9 $(awk '{print $4}' /proc/$PPID/stat); touch .git/kd-killed" },
          { waitFor: '.git/kd-killed' },
        ],
      }).KD_SCRIPT ?? '';
    expect(kd('run', 'settings-page').status).toBe(null);
    const id = JSON.parse(kd('runs', '--json').stdout).runs[0].runId;
    editMeta(id, "m.status='reviewed'");
    const r = kd('run', 'settings-page');
    expect(r.status).toBe(1);
    expect(r.out).toContain(`has an interrupted run (${id})`);
  }, 60_000);

  it('a deleted record is read from git: revert still undoes exactly the task', () => {
    const id = pendingRun();
    sh(`rm -rf .killdate/runs/${id}`);
    const r = kd('revert', 'settings-page', '1');
    expect(r.status, r.out).toBe(0);
    expect(existsSync(join(repo.dir, 'src/prefs.js'))).toBe(false);
  }, 60_000);
});
