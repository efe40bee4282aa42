// reviewQueue(): every task waiting for the human's decision (its latest REVIEW.md section is
// pending), with the run's section as recorded (checks, the planner's diagnosis), the run
// record's checks and changes, and the diff of the changed files against the task's base.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestDecision, type ReviewCheck } from '../core/review-doc.js';
import type { Change } from '../core/scope.js';
import { readReview, reviewPath } from '../orchestrator/review-file.js';
import { latestRun } from '../orchestrator/run-state.js';
import { git, LITERAL } from '../workspace/git.js';
import { openForDisplay } from '../workspace/open.js';
import { stateRootOf } from './run.js';

/** A diff larger than this is cut (the page shows where). */
export const MAX_DIFF_BYTES = 256 * 1024;

export interface PendingTask {
  feature: string;
  task: string;
  runId?: string;
  /** the run's section of REVIEW.md, as markdown */
  section: string;
  review: string;
  /** FAIL rows of that section */
  failed: number;
  checks?: ReviewCheck[];
  changes?: Change[];
  base?: string;
  diff?: string;
  diffCut?: boolean;
}

export interface ReviewQueueResult {
  version: 1;
  tasks: PendingTask[];
}

export async function reviewQueue(opts: { cwd?: string; today?: string } = {}): Promise<ReviewQueueResult> {
  const { root, ws } = await openForDisplay(opts); // decisions re-read afresh
  const stateRoot = stateRootOf(root);
  const tasks: PendingTask[] = [];
  for (const f of ws.features()) {
    if (f.completed) continue;
    const entries = readReview(root, f.dir);
    const names = [...new Set(entries.filter((e) => e.kind === 'run').map((e) => e.task))];
    for (const task of names) {
      const latest = latestDecision(entries, task);
      if (latest?.decision !== 'pending') continue;
      const run = entries.filter((e) => e.kind === 'run' && e.task === task).at(-1)!;
      const text = readFileSync(join(root, reviewPath(f.dir)), 'utf8').split('\n');
      const next = entries.find((e) => e.line > run.line);
      const section = text
        .slice(run.line - 1, next ? next.line - 1 : undefined)
        .join('\n')
        .trim();
      const meta = latestRun(stateRoot, f.slug, task);
      const mine = meta && meta.runId === run.runId ? meta : undefined;
      tasks.push({
        feature: f.slug,
        task,
        ...(run.runId ? { runId: run.runId } : {}),
        section,
        review: reviewPath(f.dir),
        failed: run.failed ?? 0,
        ...(mine ? { checks: mine.checks ?? [], changes: mine.changes ?? [], base: mine.base } : {}),
        ...(mine?.changes ? taskDiff(existsSync(mine.tree) ? mine.tree : root, mine.base, mine.changes) : {}),
      });
    }
  }
  return { version: 1, tasks };
}

/** The changed files against the base: tracked ones through git diff, new ones in full. */
export function taskDiff(tree: string, base: string, changes: Change[]): { diff: string; diffCut: boolean } {
  const paths = changes.flatMap((c) => (c.from ? [c.from, c.path] : [c.path]));
  const parts: string[] = [];
  if (paths.length) {
    const r = git(tree, [...LITERAL, 'diff', '--no-color', '--no-ext-diff', base, '--', ...paths]);
    if (r.ok) parts.push(r.stdout);
  }
  for (const c of changes.filter((x) => x.status === 'untracked')) {
    const r = git(tree, ['diff', '--no-color', '--no-index', '--', '/dev/null', c.path]);
    parts.push(r.stdout);
  }
  const diff = parts.join('');
  const cut = Buffer.byteLength(diff) > MAX_DIFF_BYTES;
  return { diff: cut ? Buffer.from(diff).subarray(0, MAX_DIFF_BYTES).toString('utf8') : diff, diffCut: cut };
}
