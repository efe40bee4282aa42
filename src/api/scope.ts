// The scope guard's api: start and stop a task (base commit + FILES copied into
// .killdate/active-task.json) and check every change since the base against FILES.
import { KilldateError } from '../core/errors.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { type Change, checkScope, type ScopeReport } from '../core/scope.js';
import {
  type ActiveTask,
  ActiveTaskUnreadable,
  clearActiveTask,
  readActiveTask,
  writeActiveTask,
} from '../workspace/active-task.js';
import { changesSince, currentBranch, headCommit } from '../workspace/changes.js';
import { loadConfig } from '../workspace/config.js';
import { openWorkspace } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';
import { findFeature, findRunbook, taskSlug } from './features.js';
import { assertReady } from './status.js';

export interface TaskStartOptions {
  cwd?: string;
  feature: string;
  task: string;
  today?: string;
}

export function taskStart(opts: TaskStartOptions): ActiveTask {
  const { root, ws } = openWorkspace(opts);
  const feature = findFeature(ws, opts.feature);
  const runbook = findRunbook(feature, opts.task);
  const current = activeTask(root);
  if (current)
    throw new KilldateError(
      'REFUSED',
      `task ${current.task} of ${current.feature} is already active: one task at a time`,
      'finish it, then killdate task stop',
    );
  assertReady(root, ws, feature);
  const rb = ws.parsed(runbook, parseRunbook)!;
  const base = headCommit(root);
  const branch = currentBranch(root);
  if (!branch)
    throw new KilldateError(
      'GIT',
      'HEAD is detached: a task runs on a branch',
      'git switch <feature branch> first',
    );
  const task: ActiveTask = {
    version: 1,
    feature: feature.slug,
    task: taskSlug(runbook),
    runbook,
    base,
    branch,
    startedAt: new Date().toISOString(),
    files: filesAllowlist(rb),
    testPairing: ws.config.scope.testPairing,
    manifests: ws.config.scope.manifests,
  };
  writeActiveTask(root, task);
  return task;
}

export function taskStop(opts: { cwd?: string } = {}): { stopped?: ActiveTask } {
  const root = findRoot(opts.cwd);
  let task: ActiveTask | undefined;
  try {
    task = readActiveTask(root);
  } catch {
    task = undefined;
  }
  return clearActiveTask(root) ? { stopped: task } : {};
}

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
}

/** Every change since the active task's base against its FILES. */
export function scope(opts: { cwd?: string; stagedOnly?: boolean } = {}): ScopeResult {
  const root = findRoot(opts.cwd);
  const task = activeTask(root);
  if (!task)
    throw new KilldateError('USAGE', 'no active task', 'start one: killdate task start <feature> <task>');
  const manifests = task.manifests.length ? task.manifests : loadConfig(root).config.scope.manifests;
  const changes = changesSince(root, task.base, { stagedOnly: opts.stagedOnly });
  const report = checkScope(changes, { files: task.files, testPairing: task.testPairing, manifests });
  return {
    version: 1,
    task: { feature: task.feature, task: task.task, runbook: task.runbook, base: task.base },
    ...report,
    changes,
  };
}
