// metrics(): the loop's figures from REVIEW.md, SIGNOFFS.md, the kill-date scan and git, per
// task, per agent and per feature. `killdate metrics` prints them; the board's charts draw
// exactly this document.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type KillDateMet,
  killDateMonths,
  killDatesMet,
  type MonthCount,
} from '../core/metrics/kill-dates.js';
import {
  type AgentMetrics,
  emptyTally,
  type FeatureMetrics,
  type TaskMetrics,
  tallyFeature,
} from '../core/metrics/tally.js';
import type { Decision } from '../core/review-doc.js';
import type { FeatureRef } from '../core/workspace.js';
import { readReview } from '../orchestrator/review-file.js';
import { gitAsync } from '../workspace/git.js';
import { removedMarkers } from '../workspace/marker-history.js';
import { openForDisplay } from '../workspace/open.js';
import { readSignoffList } from './evidence.js';
import { taskSlug } from './features.js';
import { killDates } from './killdates.js';

export interface MetricsResult {
  version: 1;
  today: string;
  totals: ReturnType<typeof emptyTally> & { pending: number; tasks: number; features: number };
  tasks: TaskMetrics[];
  agents: AgentMetrics[];
  features: FeatureMetrics[];
  killDates: { met: number; missed: number; pending: number; items: KillDateMet[]; byMonth: MonthCount[] };
}

export async function metrics(opts: { cwd?: string; today?: string } = {}): Promise<MetricsResult> {
  const { root, ws } = await openForDisplay(opts);
  const list = ws.features();
  const completedAt = await completionTimes(root, list);
  const agents = new Map<string, AgentMetrics>();
  const features: FeatureMetrics[] = [];
  const tasks: TaskMetrics[] = [];
  for (const f of list) {
    const r = tallyFeature(
      {
        slug: f.slug,
        completed: f.completed,
        tasks: f.runbooks.map(taskSlug),
        review: readReview(root, f.dir),
        signoffs: readSignoffList(root, f, ws),
        ...(completedAt.has(f.dir) ? { completedAt: completedAt.get(f.dir)! } : {}),
      },
      agents,
    );
    features.push(r.feature);
    tasks.push(...r.tasks);
  }
  const [dates, removed] = await Promise.all([
    killDates({ cwd: root, today: ws.today, cache: true }),
    existsSync(join(root, '.git')) ? removedMarkers(root) : Promise.resolve([]),
  ]);
  const items = killDatesMet(dates.items, removed, ws.today);
  return {
    version: 1,
    today: ws.today,
    totals: totals(features, tasks),
    tasks,
    agents: [...agents.values()].sort((a, b) => (a.agent < b.agent ? -1 : 1)),
    features,
    killDates: {
      met: items.filter((i) => i.outcome === 'met').length,
      missed: items.filter((i) => i.outcome === 'missed').length,
      pending: items.filter((i) => i.outcome === 'pending').length,
      items,
      byMonth: killDateMonths(dates.items),
    },
  };
}

function totals(features: FeatureMetrics[], tasks: TaskMetrics[]): MetricsResult['totals'] {
  const t = { ...emptyTally(), pending: 0, tasks: tasks.length, features: features.length };
  for (const f of features) {
    t.iterations += f.iterations;
    t.scopeViolations += f.scopeViolations;
    t.tokens += f.tokens;
    t.costUsd += f.costUsd;
    for (const k of Object.keys(t.decisions) as Exclude<Decision, 'pending'>[])
      t.decisions[k] += f.decisions[k];
  }
  t.pending = tasks.filter((x) => x.decision === 'pending').length;
  return t;
}

/** When each completed feature's folder first appeared in git (one git log for all). */
async function completionTimes(root: string, list: FeatureRef[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const done = list.filter((f) => f.completed);
  if (!done.length || !existsSync(join(root, '.git'))) return out;
  const parent = done[0]!.dir.slice(0, done[0]!.dir.lastIndexOf('/'));
  const r = await gitAsync(root, [
    '-c',
    'core.quotePath=false',
    'log',
    '--reverse',
    '--diff-filter=A',
    '--name-only',
    '--format=@@%cI',
    '--',
    parent,
  ]);
  if (!r.ok) return out;
  let at = '';
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('@@')) at = line.slice(2);
    else for (const f of done) if (line.startsWith(`${f.dir}/`) && !out.has(f.dir)) out.set(f.dir, at);
  }
  return out;
}
