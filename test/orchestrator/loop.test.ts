// The handoff loop on a real git repo with a scripted `command` executor: a passing task waits
// for a human, decisions are recorded in REVIEW.md, drift is caught, diagnosed and reverted
// exactly, refusals hold, and only the auto policy chains (and only when every check passes).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { featureComplete } from '../../src/api/complete.js';
import { accept, approve, reject, revert } from '../../src/api/decide.js';
import { run, runs } from '../../src/api/run.js';
import { parseReview } from '../../src/core/review-doc.js';
import type { Repo } from '../gates/repo.js';
import { day } from '../helpers/dates.js';
import { FORM, PREFS, readyRepo, script, TODAY } from './fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const REVIEW = 'feature-builds/settings-page/REVIEW.md';
const review = () => readFileSync(join(repo.dir, REVIEW), 'utf8');
const go = (env: NodeJS.ProcessEnv, task?: string) =>
  run({
    cwd: repo.dir,
    feature: 'settings-page',
    today: TODAY,
    env,
    handleSigint: false,
    ...(task ? { task } : {}),
  });
const good = { 1: [{ write: 'src/prefs.js', content: PREFS }], 2: [{ write: 'src/form.js', content: FORM }] };

describe('the handoff loop', () => {
  it('runs task 1, passes every check, waits for a human; approve moves to task 2', async () => {
    repo = readyRepo();
    const env = script(repo, good);
    const r = await go(env);
    const t = r.runs[0]!;
    expect(r.stopped).toBe('waiting-for-human');
    expect(t).toMatchObject({ task: '01-prefs', status: 'reviewed', allPassed: true, decision: 'pending' });
    expect(t.checks!.map((c) => [c.name, c.ok])).toEqual([
      ['executor', true],
      ['changes', true],
      ['FILES scope', true],
      ['new files', true],
      ['dependency manifests', true],
      ['secrets', true],
      ['PROHIBITED: Do not change any path outside FILES', true],
      ['PROHIBITED: Do not add a dependency this runbook does not name', true],
      ['PROHIBITED: Do not touch `src/server.js`', true],
      ['VALIDATE 1: node check-prefs.mjs', true],
    ]);
    expect(readFileSync(join(repo.dir, '.killdate/runs', t.runId, 'validate-1.log'), 'utf8')).toContain(
      'prefs ok',
    );
    const text = review();
    expect(text).toContain(`## Task 01-prefs — run ${t.runId}`);
    expect(text).toContain('`src/prefs.js` (untracked)');
    expect(text).toContain('- **Executor:** scripted (ok)');
    expect(text).toContain('PROHIBITED: Do not refactor code next to the task');
    expect(text).toMatch(/\*\*Decision:\*\* pending — every check passed/);
    // no chaining without a human, and never the same task twice while it waits
    await expect(go(env)).rejects.toThrow(/01-prefs of settings-page waits for a decision/);
    await expect(go(env, '2')).rejects.toThrow(/task 01-prefs of settings-page is pending/);
    const a = await approve({ cwd: repo.dir, feature: 'settings-page', task: '1' });
    expect(a).toMatchObject({ decision: 'approved', next: '02-form', by: 'Ada Reviewer <ada@example.com>' });
    expect(review().startsWith(text)).toBe(true); // appended, earlier text untouched
    const r2 = await go(env);
    expect(r2.runs[0]).toMatchObject({ task: '02-form', allPassed: true });
    expect(r2.runs[0]!.changes!.map((c) => c.path)).toEqual(['src/form.js']); // task 1's file is not blamed
    expect(() => featureComplete({ cwd: repo.dir, feature: 'settings-page', today: TODAY })).toThrow(
      /task 02-form has no approval in feature-builds\/settings-page\/REVIEW\.md/,
    );
    await approve({ cwd: repo.dir, feature: 'settings-page', task: '2' });
    await expect(go(env)).rejects.toThrow(/every task of settings-page is approved/);
    expect(runs({ cwd: repo.dir }).runs.map((m) => [m.task, m.status, m.decision])).toEqual([
      ['01-prefs', 'reviewed', 'approved'],
      ['02-form', 'reviewed', 'approved'],
    ]);
    repo.write({
      'project-management/_log.md': `# Session log\n\n## ${TODAY}\n\n**Branch:** main\n**What happened:** Deployed settings by hand; kill date ${day(68)} of flag settings_page.\n`,
    });
    repo.commit('tasks');
    expect(() => featureComplete({ cwd: repo.dir, feature: 'settings-page', today: TODAY })).toThrow(
      /not shipped/,
    );
    const done = featureComplete({ cwd: repo.dir, feature: 'settings-page', today: TODAY, shipped: true });
    expect(done.to).toBe('feature-builds/_completed/settings-page');
  });

  it('catches drift, asks the planner, refuses approve, and reverts exactly the task', async () => {
    repo = readyRepo();
    writeFileSync(join(repo.dir, 'notes.txt'), 'mine, not the task\n'); // dirty before the task
    const env = script(repo, {
      1: [
        { write: 'src/prefs.js', content: PREFS },
        { write: 'src/server.js', content: 'export const port = 4000;\n' },
        { write: 'src/extra/helper.js', content: 'export const x = 1;\n' },
        { rm: 'check-form.mjs' },
      ],
    });
    const r = await go(env);
    const t = r.runs[0]!;
    expect(r.stopped).toBe('checks-failed');
    const failed = t.checks!.filter((c) => c.ok === false).map((c) => c.name);
    expect(failed).toEqual([
      'FILES scope',
      'new files',
      'PROHIBITED: Do not change any path outside FILES',
      'PROHIBITED: Do not touch `src/server.js`',
    ]);
    expect(t.checks!.find((c) => c.name === 'FILES scope')!.detail).toContain('src/server.js');
    expect(t.diagnosis).toContain('Diagnosis: the task drifted.');
    expect(t.diagnosis).toContain('FILES scope');
    expect(t.changes!.map((c) => c.path).sort()).toEqual([
      'check-form.mjs',
      'src/extra/helper.js',
      'src/prefs.js',
      'src/server.js',
    ]);
    expect(review()).toContain('Drift diagnosis by the planner (diagnose, read-only):');
    const found = check({ cwd: repo.dir, today: TODAY }).findings.filter((f) => f.file === REVIEW);
    expect(found).toEqual([]);
    await expect(approve({ cwd: repo.dir, feature: 'settings-page', task: '1' })).rejects.toThrow(
      /4 check\(s\) of task 01-prefs failed/,
    );
    // outside a terminal, each path outside FILES is named
    await expect(revert({ cwd: repo.dir, feature: 'settings-page', task: '1' })).rejects.toThrow(
      /outside FILES and not named on the command line: check-form\.mjs, src\/server\.js, src\/extra\/helper\.js/,
    );
    const v = await revert({
      cwd: repo.dir,
      feature: 'settings-page',
      task: '1',
      paths: ['check-form.mjs', 'src/server.js', 'src/extra/helper.js'],
    });
    expect(v.reverted!.removed.sort()).toEqual(['src/extra/helper.js', 'src/prefs.js']);
    expect(v.reverted!.restored.sort()).toEqual(['check-form.mjs', 'src/server.js']);
    // the revert's decision is committed with REVIEW.md alone; the user's notes are untouched
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('?? notes.txt\n');
    expect(repo.git('log', '-1', '--format=%s', '--name-only').trim()).toBe(
      'killdate revert: settings-page task 01-prefs\n\nfeature-builds/settings-page/REVIEW.md',
    );
    expect(readFileSync(join(repo.dir, 'notes.txt'), 'utf8')).toBe('mine, not the task\n');
    expect(existsSync(join(repo.dir, 'src/extra'))).toBe(false);
    expect(parseReview(review()).map((e) => [e.kind, e.decision])).toEqual([
      ['run', 'pending'],
      ['decision', 'reverted'],
    ]);
    // after a revert the task may run again
    script(repo, good);
    expect((await go(env)).runs[0]!.allPassed).toBe(true);
  });

  it('accept records the reason and lets the next task start; reject keeps the first base on rerun', async () => {
    repo = readyRepo();
    const env = script(repo, {
      1: [
        { write: 'src/prefs.js', content: PREFS },
        { write: 'src/server.js', content: '// moved\n' },
      ],
      2: [{ write: 'src/form.js', content: 'export function renderForm() { return ""; }\n' }],
    });
    await go(env);
    await expect(accept({ cwd: repo.dir, feature: 'settings-page', task: '1' })).rejects.toThrow(
      /reason is required/,
    );
    const a = await accept({
      cwd: repo.dir,
      feature: 'settings-page',
      task: '1',
      reason: 'server.js port move agreed with ops',
    });
    expect(a.next).toBe('02-form');
    expect(review()).toContain('**Decision:** accepted — server.js port move agreed with ops');
    const r2 = await go(env);
    expect(r2.runs[0]!.checks!.find((c) => c.name.startsWith('VALIDATE'))).toMatchObject({ ok: false });
    const first = r2.runs[0]!;
    await reject({
      cwd: repo.dir,
      feature: 'settings-page',
      task: '2',
      reason: 'amend the runbook: name the toggle',
    });
    script(repo, { 2: [{ write: 'src/form.js', content: FORM }] });
    const r3 = await go(env, '2');
    expect(r3.runs[0]!.base).toBe(first.base);
    expect(r3.runs[0]!.startState).toEqual(first.startState);
    expect(r3.runs[0]!.allPassed).toBe(true);
  });

  it('refuses a feature that is not ready (CP-3 re-opened by an edit)', async () => {
    repo = readyRepo();
    const rb = join(repo.dir, 'feature-builds/settings-page/runbook-01-prefs.md');
    writeFileSync(rb, `${readFileSync(rb, 'utf8')}\n- [ ] one more step\n`);
    await expect(go(script(repo, good))).rejects.toThrow(/has not passed CP-3: CP-3 is/);
    expect(existsSync(join(repo.dir, REVIEW))).toBe(false);
  });

  it('auto-when-all-pass chains the tasks, and stops at the first failed check', async () => {
    repo = readyRepo({ agents: { extra: 'approval:\n  policy: auto-when-all-pass\n' } });
    const r = await go(script(repo, good));
    expect(r.runs.map((t) => [t.task, t.decision])).toEqual([
      ['01-prefs', 'approved'],
      ['02-form', 'approved'],
    ]);
    expect(r.stopped).toBe('all-approved');
    expect(review()).toContain('**Decision:** approved — by the approval policy auto-when-all-pass');

    repo.cleanup();
    repo = readyRepo({ agents: { extra: 'approval:\n  policy: auto-when-all-pass\n' } });
    const bad = await go(
      script(repo, {
        1: [{ write: 'src/prefs.js', content: 'export function defaultPrefs() { return {}; }\n' }],
      }),
    );
    expect(bad.runs.map((t) => [t.task, t.decision])).toEqual([['01-prefs', 'pending']]);
    expect(bad.stopped).toBe('checks-failed');
  });

  it('refuses staged changes before a task, and a second task of the same feature at once', async () => {
    repo = readyRepo();
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    writeFileSync(join(repo.dir, 'staged.txt'), 'x\n');
    repo.git('add', 'staged.txt');
    await expect(go(env)).rejects.toThrow(/staged changes before the task: staged.txt/);
    repo.git('rm', '-q', '--cached', 'staged.txt');
    const both = await Promise.allSettled([go(env), go(env)]);
    expect(both.map((b) => b.status).sort()).toEqual(['fulfilled', 'rejected']);
    const why = both.find((b) => b.status === 'rejected') as PromiseRejectedResult;
    expect(String(why.reason)).toMatch(/already running|waits for a decision/);
  });
});
