// runnable(): each ready feature's next task, as `killdate run <feature>` would pick it, and
// why the others cannot run now. The CI workflow's matrix is this list.
import { evaluateCheckpoints, passedCount } from '../core/checkpoints.js';
import { CHECKPOINTS } from '../core/signoffs.js';
import { readReview } from '../orchestrator/review-file.js';
import { openWorkspace } from '../workspace/load.js';
import { gatherEvidence } from './evidence.js';
import { taskSlug } from './features.js';
import { selectTask } from './task-select.js';

export interface RunnableResult {
  version: 1;
  ready: { feature: string; task: string }[];
  waiting: { feature: string; reason: string }[];
}

export function runnable(opts: { cwd?: string; today?: string } = {}): RunnableResult {
  const { root, ws } = openWorkspace(opts);
  const out: RunnableResult = { version: 1, ready: [], waiting: [] };
  for (const f of ws.features()) {
    if (f.completed) continue;
    const e = gatherEvidence(root, ws, f);
    if (passedCount(evaluateCheckpoints(e.signoffs, e.cover, e.isMock)) < CHECKPOINTS.length) continue;
    try {
      out.ready.push({ feature: f.slug, task: taskSlug(selectTask(f, readReview(root, f.dir))) });
    } catch (err) {
      out.waiting.push({ feature: f.slug, reason: (err as Error).message });
    }
  }
  return out;
}
