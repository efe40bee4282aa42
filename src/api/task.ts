// Start and stop the active task: the base commit and the runbook's FILES copied into
// .killdate/active-task.json, so hooks never parse markdown, and kept in git as the task ref
// (refs/killdate/tasks/<feature>/<task>), which the guard trusts over the file. A task starts
// only after CP-3.
import { branchWarning } from '../core/branch-check.js';
import { KilldateError } from '../core/errors.js';
import { refuseGuardEndInsideAgent } from '../core/human-acts.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { type ActiveTask, clearActiveTask, writeActiveTask } from '../workspace/active-task.js';
import { currentBranch, headCommit } from '../workspace/changes.js';
import { snapshotGitState } from '../workspace/git-state.js';
import { guardState } from '../workspace/guard-state.js';
import { openWorkspace } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';
import { deleteTaskRef, storeBlob, treeTaskRefs, writeTaskRef } from '../workspace/task-ref.js';
import { findFeature, findRunbook, taskSlug } from './features.js';
import { activeTask } from './scope.js';
import { assertReady } from './status.js';

export interface TaskStartOptions {
  cwd?: string;
  feature: string;
  task: string;
  today?: string;
}

export function taskStart(opts: TaskStartOptions): ActiveTask & { warnings: string[] } {
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
  writeTaskRef(root, {
    feature: task.feature,
    task: task.task,
    runbook,
    ...runbookBlobOf(root, runbook),
    base,
    branch,
    files: task.files,
    testPairing: task.testPairing,
    ...(task.manifests ? { manifests: task.manifests } : {}),
    gitState: snapshotGitState(root),
  });
  writeActiveTask(root, task);
  const warning = branchWarning(runbook, rb.header.branch?.value, branch);
  return { ...task, warnings: warning ? [warning] : [] };
}

/** The runbook's content kept in git, so the guard can re-read its FILES. */
export function runbookBlobOf(root: string, runbook: string): { runbookBlob?: string } {
  const blob = storeBlob(root, runbook);
  return blob ? { runbookBlob: blob } : {};
}

export function taskStop(opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { stopped?: ActiveTask } {
  const root = findRoot(opts.cwd);
  let task: ActiveTask | undefined;
  try {
    task = guardState(root)?.task;
  } catch {
    task = undefined;
  }
  const refs = treeTaskRefs(root);
  if (task || refs.length) refuseGuardEndInsideAgent(task?.task ?? refs[0]!.name, opts.env ?? process.env);
  for (const r of refs) deleteTaskRef(root, r.name);
  return clearActiveTask(root) || refs.length ? { stopped: task } : {};
}
