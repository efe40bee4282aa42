// The newest run of a task, read from the run records' copies in git: only the records whose id
// names the task are read, yet a feature whose name starts like another's, or a record whose id
// has another shape, is still told apart by the record itself.
import { afterEach, describe, expect, it } from 'vitest';
import { newRunId } from '../../src/agents/run.js';
import {
  latestRun,
  listMetas,
  runName,
  type TaskRunMeta,
  writeMeta,
} from '../../src/orchestrator/run-state.js';
import { makeRepo, type Repo } from '../gates/repo.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

/** A finished run record of `feature` `task`, started `minutes` after a fixed moment. */
function record(feature: string, task: string, minutes: number, runId?: string): TaskRunMeta {
  const at = new Date(Date.UTC(2030, 0, 1, 0, minutes));
  const meta = {
    version: 1,
    kind: 'task',
    runId: runId ?? newRunId(runName(feature, task), at),
    feature,
    task,
    runbook: `feature-builds/${feature}/runbook-${task}.md`,
    tree: repo.dir,
    base: 'HEAD',
    startState: {},
    status: 'reviewed',
    phase: 'done',
    pid: 1,
    attempts: 1,
    startedAt: at.toISOString(),
  } as unknown as TaskRunMeta;
  writeMeta(repo.dir, meta);
  return meta;
}

describe('latestRun', () => {
  it("finds a task's newest run among others, with names that start alike and ids of another shape", () => {
    repo = makeRepo({ 'a.md': 'x' });
    const first = record('pay', '01-form', 1);
    const newest = record('pay', '01-form', 2);
    record('pay-out', '01-form', 3); // its id starts with pay- too
    const other = record('pay', '02-list', 4);
    expect(latestRun(repo.dir, 'pay', '01-form')?.runId).toBe(newest.runId);
    expect(latestRun(repo.dir, 'pay')?.runId).toBe(other.runId);
    expect(latestRun(repo.dir, 'pay-out', '01-form')?.feature).toBe('pay-out');
    // a record whose id is not killdate's shape is read and counted by what it says
    const odd = record('pay', '01-form', 5, 'imported-run');
    expect(latestRun(repo.dir, 'pay', '01-form')?.runId).toBe(odd.runId);
    // the newest candidate by id that is not the task's (a record naming another task) is passed over
    record('pay', '02-list', 6, newRunId(runName('pay', '01-form'), new Date(Date.UTC(2031, 0, 1))));
    expect(latestRun(repo.dir, 'pay', '01-form')?.runId).toBe(odd.runId);
    expect(listMetas(repo.dir).map((m) => m.runId)).toContain(first.runId);
  });
});
