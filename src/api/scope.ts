// The scope guard's api: check every change since the active task's base against its FILES.
// The task is re-derived from its git ref and the runbook killdate stored at the start, never
// taken from .killdate/active-task.json alone; a difference is a scope/tampered finding.
// Kept light (markdown only when a task ref asks for it): it runs in the pre-commit hook.
import { KilldateError } from '../core/errors.js';
import {
  type Change,
  checkScope,
  editAllowed,
  type ScopeGuard,
  type ScopeReport,
  scopeGuard,
} from '../core/scope.js';
import { type ActiveTask, ActiveTaskUnreadable } from '../workspace/active-task.js';
import { setAsideBookkeeping } from '../workspace/bookkeeping.js';
import { changesSince } from '../workspace/changes.js';
import { gitStateChanges, gitStateNow, ignoredChangedSince } from '../workspace/git-state.js';
import { type GuardState, guardState } from '../workspace/guard-state.js';
import { findRoot } from '../workspace/root.js';
import { readObject } from '../workspace/task-ref.js';

/** The guard state of `root`, a damaged one as a clear error. */
export function activeGuard(root: string): GuardState | undefined {
  try {
    return guardState(root);
  } catch (e) {
    if (e instanceof ActiveTaskUnreadable)
      throw new KilldateError('UNREADABLE', e.message, 'killdate task stop, then start the task again');
    throw e;
  }
}

/** The active task, as the guard sees it (the task ref's values when one exists). */
export function activeTask(root: string): ActiveTask | undefined {
  return activeGuard(root)?.task;
}

export interface ScopeFinding {
  rule: 'scope/tampered' | 'scope/git-state';
  severity: 'error';
  message: string;
}

export interface ScopeResult extends ScopeReport {
  version: 1;
  task: { feature: string; task: string; runbook: string; base: string; ref?: string };
  changes: Change[];
  /** changed paths killdate's own writes account for (session log, registers, REVIEW.md...): not checked */
  bookkeeping: string[];
  /** guard state that does not match what killdate recorded in git; git state changed since the start */
  findings: ScopeFinding[];
  /** git-ignored paths outside FILES created or changed since the task started */
  ignored: string[];
}

/** Every change since the active task's base against its FILES (the diff and the untracked files asked at once). */
export async function scope(opts: { cwd?: string; stagedOnly?: boolean } = {}): Promise<ScopeResult> {
  const root = findRoot(opts.cwd);
  const state = activeGuard(root);
  if (!state)
    throw new KilldateError('USAGE', 'no active task', 'start one: killdate task start <feature> <task>');
  const findings: ScopeFinding[] = state.tampered.map((message) => ({
    rule: 'scope/tampered',
    severity: 'error',
    message,
  }));
  const before = state.record?.gitState;
  // git runs while FILES is read again and compiled; a file inside FILES that git lists from
  // its stat alone is then not read (an edit there is allowed whatever its content)
  const guarded = guardedTask(root, state, findings);
  const inFiles = async () => {
    const { guard } = await guarded;
    return (path: string) => editAllowed(guard, path);
  };
  const [{ task, guard }, [all, ignoredNow, now]] = await Promise.all([
    guarded,
    Promise.all([
      changesSince(root, state.task.base, { stagedOnly: opts.stagedOnly, unread: inFiles() }),
      before ? ignoredChangedSince(root, before.at) : [],
      // one that cannot be read is a finding (fails closed), as at the review
      before ? gitStateNow(root, before).catch((e: Error) => e) : undefined,
    ]),
  ]);
  const { changes, bookkeeping } = await setAsideBookkeeping(root, task.base, all);
  const report = checkScope(changes, guard);
  const stateChanges =
    now instanceof Error
      ? [`git state could not be read: ${now.message}`]
      : before && now
        ? gitStateChanges(before, now)
        : [];
  for (const message of stateChanges) findings.push({ rule: 'scope/git-state', severity: 'error', message });
  const ignored = ignoredNow.filter((p) => !guard.allows(p));
  return {
    version: 1,
    task: {
      feature: task.feature,
      task: task.task,
      runbook: task.runbook,
      base: task.base,
      ...(state.ref ? { ref: state.ref } : {}),
    },
    ...report,
    ok: report.ok && findings.length === 0,
    changes,
    bookkeeping,
    findings,
    ignored,
  };
}

/** The task with FILES as the runbook killdate stored in git lists them (a difference is a finding), and its guard. */
async function guardedTask(
  root: string,
  state: GuardState,
  findings: ScopeFinding[],
): Promise<{ task: ActiveTask; guard: ScopeGuard }> {
  const task = { ...state.task };
  const files = await committedFiles(root, state);
  if (typeof files === 'string') findings.push({ rule: 'scope/tampered', severity: 'error', message: files });
  else if (files) {
    if (!sameList(state.task.files, files))
      findings.push({
        rule: 'scope/tampered',
        severity: 'error',
        message: `the task ref ${state.ref} lists FILES ${JSON.stringify(state.task.files)}, the runbook ${task.runbook} lists ${JSON.stringify(files)}`,
      });
    task.files = files;
  }
  return { task, guard: scopeGuard(task) };
}

const sameList = (a: string[], b: string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * FILES re-read from the runbook killdate stored in git at the start (the committed runbook
 * when it was committed); undefined without a task ref, a string when that runbook is gone.
 */
async function committedFiles(root: string, state: GuardState): Promise<string[] | string | undefined> {
  const blob = state.record?.runbookBlob;
  if (!state.record) return undefined;
  const text = blob ? readObject(root, blob, 'blob') : undefined;
  if (text === undefined)
    return `the task ref ${state.ref} names no runbook content git holds (${blob ?? 'none'})`;
  const [{ parseMarkdown }, { filesAllowlist, parseRunbook }] = await Promise.all([
    import('../core/markdown.js'),
    import('../core/parse/runbook.js'),
  ]);
  return filesAllowlist(parseRunbook(parseMarkdown(state.task.runbook, text)));
}
