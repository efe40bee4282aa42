// The loop's metrics from what REVIEW.md and SIGNOFFS.md record: per task, per agent and per
// feature, review iterations, scope violations, decisions, tokens and cost, and the days from
// CP-0 to CP-3 and to shipped. Pure: the api reads the files and passes the parsed entries.
import type { Decision, ReviewEntry } from '../review-doc.js';
import { isApproval, latestDecision } from '../review-doc.js';
import type { Signoff } from '../signoffs.js';

/** A failed check of these names is a scope violation (the FILES allowlist or a new file). */
export const SCOPE_CHECKS = ['FILES scope', 'new files'];

export type DecisionCounts = Record<Exclude<Decision, 'pending'>, number>;

export interface Tally {
  /** task runs reviewed (each is one review iteration) */
  iterations: number;
  /** runs whose FILES scope or new-files check failed */
  scopeViolations: number;
  decisions: DecisionCounts;
  tokens: number;
  costUsd: number;
}

export interface TaskMetrics extends Tally {
  feature: string;
  task: string;
  agents: string[];
  /** the latest decision: pending while a human has not decided */
  decision: Decision;
}

export interface AgentMetrics extends Tally {
  agent: string;
}

export interface FeatureInput {
  slug: string;
  completed: boolean;
  tasks: string[];
  review: ReviewEntry[];
  signoffs: Signoff[];
  /** when the feature was moved to _completed/, from git */
  completedAt?: string;
}

export interface FeatureMetrics extends Tally {
  feature: string;
  tasks: number;
  cp0At?: string;
  cp3At?: string;
  shippedAt?: string;
  daysCp0ToCp3?: number;
  daysCp0ToShipped?: number;
}

export const emptyTally = (): Tally => ({
  iterations: 0,
  scopeViolations: 0,
  decisions: { approved: 0, rejected: 0, reverted: 0, accepted: 0 },
  tokens: 0,
  costUsd: 0,
});

function addRun(t: Tally, run: ReviewEntry): void {
  t.iterations++;
  if (run.failedChecks?.some((c) => SCOPE_CHECKS.includes(c))) t.scopeViolations++;
  t.tokens += (run.tokens?.input ?? 0) + (run.tokens?.output ?? 0);
  t.costUsd += run.costUsd ?? 0;
}

function addDecision(t: Tally, d: ReviewEntry): void {
  if (d.decision && d.decision !== 'pending') t.decisions[d.decision]++;
}

/** Decision sections only: a run section's own line is pending or the policy's approval. */
const decisionOf = (e: ReviewEntry): boolean => e.kind === 'decision' || e.decision === 'approved';

export function tallyFeature(
  f: FeatureInput,
  agents: Map<string, AgentMetrics>,
): {
  feature: FeatureMetrics;
  tasks: TaskMetrics[];
} {
  const feature: FeatureMetrics = { feature: f.slug, tasks: f.tasks.length, ...emptyTally() };
  const byTask = new Map<string, TaskMetrics>();
  const agentOfRun = new Map<string, string>();
  const taskOf = (task: string): TaskMetrics => {
    let t = byTask.get(task);
    if (!t) {
      t = { feature: f.slug, task, agents: [], decision: 'pending', ...emptyTally() };
      byTask.set(task, t);
    }
    return t;
  };
  for (const e of f.review) {
    const t = taskOf(e.task);
    const agent = e.kind === 'run' ? (e.agent ?? 'unknown') : agentOfRun.get(e.runId ?? '');
    const a = agent ? agentEntry(agents, agent) : undefined;
    if (e.kind === 'run') {
      if (e.runId) agentOfRun.set(e.runId, agent!);
      if (!t.agents.includes(agent!)) t.agents.push(agent!);
      for (const x of [t, feature, a!]) addRun(x, e);
    }
    if (decisionOf(e)) for (const x of [t, feature, ...(a ? [a] : [])]) addDecision(x, e);
  }
  for (const t of byTask.values()) t.decision = latestDecision(f.review, t.task)?.decision ?? 'pending';
  Object.assign(feature, timeline(f));
  return { feature, tasks: [...byTask.values()] };
}

function agentEntry(agents: Map<string, AgentMetrics>, agent: string): AgentMetrics {
  let a = agents.get(agent);
  if (!a) {
    a = { agent, ...emptyTally() };
    agents.set(agent, a);
  }
  return a;
}

const days = (from: string, to: string): number =>
  Math.round(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 10) / 10;

/** CP-0's first sign-off, CP-3's first after it, and shipped: every task approved (or completed). */
function timeline(f: FeatureInput): Partial<FeatureMetrics> {
  const first = (cp: string, after = '') =>
    f.signoffs
      .filter((s) => s.checkpoint === cp && s.at >= after)
      .map((s) => s.at)
      .sort()[0];
  const cp0At = first('CP-0');
  const cp3At = cp0At ? first('CP-3', cp0At) : undefined;
  const shippedAt = shippedAtOf(f);
  return {
    ...(cp0At ? { cp0At } : {}),
    ...(cp3At ? { cp3At } : {}),
    ...(shippedAt ? { shippedAt } : {}),
    ...(cp0At && cp3At ? { daysCp0ToCp3: days(cp0At, cp3At) } : {}),
    ...(cp0At && shippedAt ? { daysCp0ToShipped: days(cp0At, shippedAt) } : {}),
  };
}

/** The time of the decision that approved the last open task, when every task is approved. */
function shippedAtOf(f: FeatureInput): string | undefined {
  const done = f.tasks.length > 0 && f.tasks.every((t) => isApproval(latestDecision(f.review, t)?.decision));
  if (!done) return f.completed ? f.completedAt : undefined;
  const times = f.review.filter((e) => decisionOf(e) && isApproval(e.decision) && e.at).map((e) => e.at!);
  return times.sort().at(-1) ?? f.completedAt;
}
