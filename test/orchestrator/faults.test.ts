// Fault injection through the whole loop: each broken executor ends the task as failed with a
// clear reason, leaves the tree as it left it, writes REVIEW.md, and the run resumes (with a
// working agent) to a full review. Writes outside FILES and deletions are caught by the review.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { revert } from '../../src/api/decide.js';
import { resume, run, runs } from '../../src/api/run.js';
import { parseReview } from '../../src/core/review-doc.js';
import { readMeta, writeMeta } from '../../src/orchestrator/run-state.js';
import { CLI, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { AGENTS, FAKES, PREFS, readyRepo, script, TODAY } from './fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const REVIEW = 'feature-builds/settings-page/REVIEW.md';
const fault = (bin: string, adapter = 'claude') => ({ adapter, bin, timeoutSeconds: 2 });
const faultRepo = () =>
  readyRepo({
    agents: {
      more: {
        hang: fault(join(FAKES, 'hang.mjs')),
        crash: fault(join(FAKES, 'crash.mjs')),
        garbage: fault(join(FAKES, 'garbage.mjs')),
        partial: fault(join(FAKES, 'partial.mjs')),
        huge: { ...fault(join(FAKES, 'huge.mjs')), timeoutSeconds: 60 },
        outside: fault(join(FAKES, 'outside.mjs')),
        deleter: fault(join(FAKES, 'delete.mjs')),
        halfway: fault(join(AGENTS, 'script-agent.mjs'), 'command'),
        stuck: { ...fault(join(AGENTS, 'script-agent.mjs'), 'command'), timeoutSeconds: 60 },
      },
    },
  });

async function failWith(executor: string, env: NodeJS.ProcessEnv = {}) {
  repo = faultRepo();
  const base = script(repo, {
    1: [{ write: 'src/prefs.js', content: 'export const half = ' }, { kill: true }],
  });
  return run({
    cwd: repo.dir,
    feature: 'settings-page',
    today: TODAY,
    executor,
    env: { ...base, ...env },
    handleSigint: false,
  });
}

/** The run failed with `reason`, wrote REVIEW.md, and resumes with the working agent to a pass. */
async function expectFailedAndResumable(r: Awaited<ReturnType<typeof run>>, reason: RegExp) {
  const t = r.runs[0]!;
  expect(r.stopped).toBe('executor-failed');
  expect(t.status).toBe('failed');
  expect(t.checks![0]).toMatchObject({ name: 'executor', ok: false });
  expect(t.checks![0]!.detail).toMatch(reason);
  expect(t.checks!.find((c) => c.name.startsWith('VALIDATE'))).toMatchObject({ ok: null });
  const text = readFileSync(join(repo.dir, REVIEW), 'utf8');
  expect(text).toMatch(/\*\*Decision:\*\* pending/);
  expect(runs({ cwd: repo.dir }).runs[0]).toMatchObject({ runId: t.runId, status: 'failed' });
  const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
  // the person names the working agent: by default resume uses the executor the run started with
  const again = await resume({ cwd: repo.dir, env, executor: 'scripted', handleSigint: false });
  expect(again.runs[0]).toMatchObject({ runId: t.runId, status: 'reviewed', allPassed: true, attempts: 2 });
  expect(existsSync(join(repo.dir, '.killdate/runs', t.runId, 'executor-2', 'events.jsonl'))).toBe(true);
  expect(parseReview(readFileSync(join(repo.dir, REVIEW), 'utf8')).map((e) => e.decision)).toEqual([
    'pending',
    'pending',
  ]);
}

describe('faults through the loop', () => {
  it('hang: the timeout stops the group', async () => {
    await expectFailedAndResumable(await failWith('hang'), /timed out after 2 s/);
  }, 30_000);

  it('crash halfway: the partial file stays, as the agent left it', async () => {
    const r = await failWith('halfway');
    expect(readFileSync(join(repo.dir, 'src/prefs.js'), 'utf8')).toBe('export const half = ');
    expect(r.runs[0]!.changes!.map((c) => c.path)).toEqual(['src/prefs.js']);
    await expectFailedAndResumable(r, /crashed: killed by SIGKILL/);
  }, 30_000);

  it('a stream-json agent killed halfway', async () => {
    await expectFailedAndResumable(
      await failWith('crash'),
      /crashed: killed by SIGKILL before a final result/,
    );
  }, 30_000);

  it('garbage on stdout', async () => {
    await expectFailedAndResumable(await failWith('garbage'), /printed garbage on stdout/);
  }, 30_000);

  it('a partial stream with no final result', async () => {
    await expectFailedAndResumable(await failWith('partial'), /ended without a final result/);
  }, 30_000);

  it('huge output is stopped', async () => {
    await expectFailedAndResumable(await failWith('huge', { FAKE_MB: '100' }), /output too large/);
  }, 60_000);

  it('a missing binary', async () => {
    repo = faultRepo();
    const r = await run({
      cwd: repo.dir,
      feature: 'settings-page',
      today: TODAY,
      executor: 'codex',
      env: { ...process.env, PATH: '/nonexistent' },
      handleSigint: false,
    });
    expect(r.runs[0]!.checks![0]!.detail).toMatch(/codex not found on PATH/);
  }, 30_000);

  it('writes outside FILES: the review fails the task and names the path', async () => {
    repo = faultRepo();
    const target = join(repo.dir, 'src/server.js');
    const r = await run({
      cwd: repo.dir,
      feature: 'settings-page',
      today: TODAY,
      executor: 'outside',
      env: { ...process.env, FAKE_OUTSIDE: target },
      handleSigint: false,
    });
    const t = r.runs[0]!;
    expect(r.stopped).toBe('checks-failed');
    expect(t.checks!.find((c) => c.name === 'FILES scope')).toMatchObject({ ok: false });
    expect(t.checks!.find((c) => c.name === 'FILES scope')!.detail).toContain(
      'src/server.js: changed outside FILES',
    );
    expect(readFileSync(target, 'utf8')).toBe('escaped\n');
    expect(t.diagnosis).toContain('Diagnosis');
  }, 30_000);

  it('deletes a file: caught as a change outside FILES, the file stays deleted', async () => {
    repo = faultRepo();
    const r = await run({
      cwd: repo.dir,
      feature: 'settings-page',
      today: TODAY,
      executor: 'deleter',
      env: { ...process.env, FAKE_DELETE: join(repo.dir, 'check-form.mjs') },
      handleSigint: false,
    });
    const scope = r.runs[0]!.checks!.find((c) => c.name === 'FILES scope')!;
    expect(scope).toMatchObject({ ok: false });
    expect(scope.detail).toContain('check-form.mjs: deleted outside FILES');
    expect(existsSync(join(repo.dir, 'check-form.mjs'))).toBe(false);
  }, 30_000);

  it('Ctrl-C (an abort) interrupts the run; resume reruns the executor from the recorded base', async () => {
    repo = faultRepo();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 500);
    const r = await run({
      cwd: repo.dir,
      feature: 'settings-page',
      today: TODAY,
      executor: 'hang',
      env: { ...process.env },
      signal: ac.signal,
      handleSigint: false,
    });
    expect(r.stopped).toBe('interrupted');
    expect(r.runs[0]!.status).toBe('interrupted');
    expect(existsSync(join(repo.dir, REVIEW))).toBe(false);
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const again = await resume({ cwd: repo.dir, env, executor: 'scripted', handleSigint: false });
    expect(again.runs[0]).toMatchObject({ status: 'reviewed', allPassed: true, base: r.runs[0]!.base });
  }, 30_000);

  /** A fault repo whose executor writes half of src/prefs.js, then waits for good: its env. */
  function halfThenWait(): NodeJS.ProcessEnv {
    repo = faultRepo();
    return script(repo, {
      1: [{ write: 'src/prefs.js', content: 'export const half = ' }, { waitFor: join(repo.dir, 'never') }],
    });
  }

  /** A run stopped (Ctrl-C) after its executor wrote half a file. */
  async function stoppedHalfway() {
    const env = halfThenWait();
    const ac = new AbortController();
    const run1 = run({
      cwd: repo.dir,
      feature: 'settings-page',
      today: TODAY,
      executor: 'stuck',
      env,
      signal: ac.signal,
      handleSigint: false,
    });
    while (!existsSync(join(repo.dir, 'src/prefs.js'))) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    const r = await run1;
    expect(r.runs[0]!.status).toBe('interrupted');
    return r.runs[0]!;
  }

  /** resume --review: failed, VALIDATE not run, pending in REVIEW.md; then revert frees the task. */
  async function expectReviewedAsLeft(runId: string, reason: RegExp) {
    const again = await resume({ cwd: repo.dir, runId, review: true, handleSigint: false });
    const t = again.runs[0]!;
    expect(again.stopped).toBe('executor-failed');
    expect(t).toMatchObject({ runId, status: 'failed', attempts: 1 });
    expect(t.checks![0]).toMatchObject({ name: 'executor', ok: false });
    expect(t.checks![0]!.detail).toMatch(reason);
    expect(t.checks!.find((c) => c.name.startsWith('VALIDATE'))).toMatchObject({ ok: null });
    expect(t.changes!.map((c) => c.path)).toEqual(['src/prefs.js']);
    expect(existsSync(join(repo.dir, '.killdate/runs', runId, 'executor-2'))).toBe(false);
    expect(parseReview(readFileSync(join(repo.dir, REVIEW), 'utf8')).map((e) => e.decision)).toEqual([
      'pending',
    ]);
    await expect(resume({ cwd: repo.dir, runId, review: true })).rejects.toThrow(/was reviewed already/);
    const v = await revert({ cwd: repo.dir, feature: 'settings-page', task: '1' });
    expect(v.reverted!.removed).toEqual(['src/prefs.js']);
    // the task is free again: a new run starts from a clean tree
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const fresh = await run({
      cwd: repo.dir,
      feature: 'settings-page',
      today: TODAY,
      env,
      handleSigint: false,
    });
    expect(fresh.runs[0]).toMatchObject({ status: 'reviewed', allPassed: true });
    expect(fresh.runs[0]!.runId).not.toBe(runId);
    return t;
  }

  it('resume --review reviews an interrupted run as its executor left the tree, without running it again', async () => {
    const first = await stoppedHalfway();
    // before: a new run of the task is refused while the interrupted one stands
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    await expect(
      run({ cwd: repo.dir, feature: 'settings-page', today: TODAY, env, handleSigint: false }),
    ).rejects.toThrow(/has an interrupted run/);
    await expectReviewedAsLeft(first.runId, /interrupted.*; reviewed as it left the tree, not run again/);
  }, 60_000);

  it('resume --review after killdate itself was killed mid-executor ends its guard and its executor', async () => {
    const env = halfThenWait();
    const cli = spawn(process.execPath, [CLI, 'run', 'settings-page', '--executor', 'stuck'], {
      cwd: repo.dir,
      env: humanEnv({ KD_SCRIPT: env.KD_SCRIPT! }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    cli.stderr.on('data', (d) => {
      stderr += d;
    });
    const gone = new Promise((r) => cli.once('exit', r));
    while (!existsSync(join(repo.dir, 'src/prefs.js'))) {
      expect([cli.exitCode, stderr]).toEqual([null, expect.any(String)]);
      await new Promise((r) => setTimeout(r, 50));
    }
    cli.kill('SIGKILL');
    await gone;
    const [left] = runs({ cwd: repo.dir }).runs;
    expect(left).toMatchObject({ status: 'interrupted', phase: 'executor' });
    expect(left!.executor).toBeUndefined();
    expect(existsSync(join(repo.dir, '.killdate/active-task.json'))).toBe(true);
    // the agent's move: the same command from inside an agent would end the guard: refused, nothing changed
    const agent = spawnSync(process.execPath, [CLI, 'resume', left!.runId, '--review'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...humanEnv(), CLAUDECODE: '1' },
    });
    expect(agent.status).toBe(1);
    expect(agent.stderr).toContain('resume --review would end the guard of task 01-prefs: refused inside');
    // through the library, the environment the caller gives is the one asked
    const inAgent = { ...humanEnv(), CLAUDECODE: '1' };
    await expect(
      resume({ cwd: repo.dir, runId: left!.runId, review: true, env: inAgent, handleSigint: false }),
    ).rejects.toThrow('resume --review would end the guard of task 01-prefs: refused inside');
    expect(existsSync(join(repo.dir, '.killdate/active-task.json'))).toBe(true);
    expect(runs({ cwd: repo.dir }).runs[0]).toMatchObject({ status: 'interrupted', phase: 'executor' });
    const t = await expectReviewedAsLeft(
      left!.runId,
      /^it did not finish; reviewed as it left the tree, not run again$/,
    );
    // the executor still waiting was stopped, and the guard the dead run left is off
    expect(t.executor!.killed!.length).toBeGreaterThan(0);
    expect(existsSync(join(repo.dir, '.killdate/active-task.json'))).toBe(false);
  }, 60_000);

  it('resume uses the executor the run started with, not the configured one', async () => {
    const r = await failWith('halfway');
    expect(r.runs[0]).toMatchObject({ status: 'failed', executorName: 'halfway' });
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const again = await resume({ cwd: repo.dir, env, handleSigint: false });
    expect(again.runs[0]).toMatchObject({ status: 'reviewed', allPassed: true, attempts: 2 });
    expect(again.runs[0]!.executor?.agent).toBe('halfway');
  }, 30_000);

  it('a run whose process died after the executor is re-reviewed, not rerun', async () => {
    repo = faultRepo();
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const first = (
      await run({ cwd: repo.dir, feature: 'settings-page', today: TODAY, env, handleSigint: false })
    ).runs[0]!;
    // as if killdate died between the executor and the review
    const meta = readMeta(repo.dir, first.runId)!;
    writeMeta(repo.dir, { ...meta, status: 'running', phase: 'review', pid: 2 ** 22 + 17 });
    rmSync(join(repo.dir, REVIEW));
    expect(runs({ cwd: repo.dir }).runs[0]!.status).toBe('interrupted');
    const again = await resume({ cwd: repo.dir, runId: first.runId, env, handleSigint: false });
    expect(again.runs[0]).toMatchObject({ status: 'reviewed', allPassed: true, attempts: 1 });
    expect(existsSync(join(repo.dir, '.killdate/runs', first.runId, 'executor-2'))).toBe(false);
    expect(readFileSync(join(repo.dir, REVIEW), 'utf8')).toContain(`run ${first.runId}`);
    await expect(resume({ cwd: repo.dir, runId: first.runId })).rejects.toThrow(
      /is reviewed: only an interrupted or failed run resumes/,
    );
  }, 30_000);
});
