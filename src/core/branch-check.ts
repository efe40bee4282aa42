// The runbook's `Branch:` against the branch the task starts on: a task on another branch
// commits its work where the lock did not say, so `task start` and `run` warn (not refuse:
// the person may have renamed the branch).
import { valueGap } from './parse/lock-text.js';
import { plain } from './sections.js';

/** The branch a runbook's `Branch:` value names, or undefined when it names none. */
export function runbookBranch(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = plain(value.split('\n')[0] ?? '').trim();
  if (!text || valueGap(text) !== null) return undefined;
  const name = /^`?([^\s`]+)`?/.exec(text)?.[1];
  return name && !/^[[<{]/.test(name) ? name : undefined;
}

/** The warning when the current branch is not the runbook's, else undefined. */
export function branchWarning(runbook: string, value: string | undefined, current: string | undefined) {
  const want = runbookBranch(value);
  if (!want || !current || want === current) return undefined;
  return `${runbook} says Branch: ${want}, but the current branch is ${current}: the task's work lands on ${current}`;
}
