// Finished run records written by killdate's own writer, for the lists of runs.
import { newRunId } from '../../src/agents/run.js';
import { runName, type TaskRunMeta, writeMeta } from '../../src/orchestrator/run-state.js';

/** Run `i` of settings-page's task 1, reviewed and approved, started at `started`; its id. */
export function record(root: string, i: number, started: Date): string {
  const runId = newRunId(runName('settings-page', '01-prefs'), started);
  const meta: TaskRunMeta = {
    version: 1,
    kind: 'task',
    runId,
    feature: 'settings-page',
    task: '01-prefs',
    runbook: 'feature-builds/settings-page/runbook-01-prefs.md',
    tree: root,
    base: '0'.repeat(40),
    startState: {},
    status: 'reviewed',
    phase: 'done',
    pid: 0,
    attempts: 1,
    startedAt: started.toISOString(),
    durationMs: 1000 + i,
    decision: 'approved',
  };
  writeMeta(root, meta);
  return runId;
}
