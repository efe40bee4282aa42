// The scope guard's api: check every change since the active task's base against its FILES.
// Kept light (no rules, no markdown): it runs in the pre-commit hook.
import { KilldateError } from '../core/errors.js';
import { type Change, checkScope, type ScopeReport } from '../core/scope.js';
import { type ActiveTask, ActiveTaskUnreadable, readActiveTask } from '../workspace/active-task.js';
import { setAsideBookkeeping } from '../workspace/bookkeeping.js';
import { changesSinceAsync } from '../workspace/changes.js';
import { findRoot } from '../workspace/root.js';

export function activeTask(root: string): ActiveTask | undefined {
  try {
    return readActiveTask(root);
  } catch (e) {
    if (e instanceof ActiveTaskUnreadable)
      throw new KilldateError('UNREADABLE', e.message, 'killdate task stop, then start the task again');
    throw e;
  }
}

export interface ScopeResult extends ScopeReport {
  version: 1;
  task: { feature: string; task: string; runbook: string; base: string };
  changes: Change[];
  /** changed paths killdate's own writes account for (session log, registers, REVIEW.md...): not checked */
  bookkeeping: string[];
}

/** Every change since the active task's base against its FILES (the diff and the untracked files asked at once). */
export async function scope(opts: { cwd?: string; stagedOnly?: boolean } = {}): Promise<ScopeResult> {
  const root = findRoot(opts.cwd);
  const task = activeTask(root);
  if (!task)
    throw new KilldateError('USAGE', 'no active task', 'start one: killdate task start <feature> <task>');
  const all = await changesSinceAsync(root, task.base, { stagedOnly: opts.stagedOnly });
  const { changes, bookkeeping } = await setAsideBookkeeping(root, task.base, all);
  const report = checkScope(changes, {
    files: task.files,
    testPairing: task.testPairing,
    manifests: task.manifests,
  });
  return {
    version: 1,
    task: { feature: task.feature, task: task.task, runbook: task.runbook, base: task.base },
    ...report,
    changes,
    bookkeeping,
  };
}
