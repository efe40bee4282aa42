// The loop's metrics from REVIEW.md as the loop writes it and SIGNOFFS.md's records: iterations,
// scope violations, decisions, tokens and cost per task, per agent and per feature, the days
// from CP-0 to CP-3 and to shipped, and kill dates met or missed as git shows their removal.
import { describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/core/dates.js';
import type { KillDateItem } from '../../src/core/killdates.js';
import { killDateMonths, killDatesMet } from '../../src/core/metrics/kill-dates.js';
import { type AgentMetrics, tallyFeature } from '../../src/core/metrics/tally.js';
import {
  type DecisionSection,
  parseReview,
  type RunSection,
  renderDecisionSection,
  renderRunSection,
  reviewHeader,
} from '../../src/core/review-doc.js';
import type { Signoff } from '../../src/core/signoffs.js';

const today = todayIso();
const at = (days: number) => `${addDays(today, days)}T10:00:00Z`;

function run(
  task: string,
  runId: string,
  agent: string,
  failed: string[],
  tokens: number,
  cost?: number,
): string {
  const r: RunSection = {
    feature: 'billing',
    task,
    runId,
    runbook: `feature-builds/billing/runbook-${task}.md`,
    agent,
    executorStatus: 'ok',
    base: 'a'.repeat(40),
    reviewedAt: at(0),
    files: [],
    tokens: { input: tokens, output: 10, cached: 0 },
    ...(cost === undefined ? {} : { costUsd: cost }),
    transcript: `.killdate/runs/${runId}/executor`,
    checks: ['FILES scope', 'new files', 'VALIDATE 1: npm test'].map((name) => ({
      name,
      ok: !failed.includes(name),
    })),
    forHuman: [],
    decision: 'pending',
  };
  return renderRunSection(r);
}

const decision = (task: string, runId: string, d: DecisionSection['decision'], days: number) =>
  renderDecisionSection({
    task,
    runId,
    decision: d,
    by: 'Ada <ada@example.com>',
    at: at(days),
    ...(d === 'rejected' || d === 'accepted' ? { reason: 'why' } : {}),
  });

const review = [
  reviewHeader('billing'),
  run('01-form', 'r1', 'codex', ['FILES scope'], 100, 0.5),
  decision('01-form', 'r1', 'reverted', 1),
  run('01-form', 'r2', 'claude', [], 200, 0.25),
  decision('01-form', 'r2', 'approved', 2),
  run('02-save', 'r3', 'claude', ['VALIDATE 1: npm test'], 50),
  decision('02-save', 'r3', 'accepted', 5),
].join('\n');

const signoff = (checkpoint: Signoff['checkpoint'], days: number): Signoff => ({
  checkpoint,
  by: 'Ada',
  at: at(days),
  documents: [],
  line: 1,
});

describe('tallyFeature', () => {
  const agents = new Map<string, AgentMetrics>();
  const { feature, tasks } = tallyFeature(
    {
      slug: 'billing',
      completed: false,
      tasks: ['01-form', '02-save'],
      review: parseReview(review),
      signoffs: [signoff('CP-0', -10), signoff('CP-1', -8), signoff('CP-3', -4)],
    },
    agents,
  );

  it('counts review iterations, scope violations, decisions, tokens and cost per task', () => {
    expect(
      tasks.map((t) => [t.task, t.iterations, t.scopeViolations, t.decision, t.tokens, t.costUsd]),
    ).toEqual([
      ['01-form', 2, 1, 'approved', 320, 0.75],
      ['02-save', 1, 0, 'accepted', 60, 0],
    ]);
    expect(tasks[0]!.decisions).toEqual({ approved: 1, rejected: 0, reverted: 1, accepted: 0 });
    expect(tasks[0]!.agents).toEqual(['codex', 'claude']);
  });

  it('gives each decision to the agent whose run it decided', () => {
    const byAgent = Object.fromEntries(
      [...agents.values()].map((a) => [a.agent, [a.iterations, a.scopeViolations, a.decisions]]),
    );
    expect(byAgent).toEqual({
      codex: [1, 1, { approved: 0, rejected: 0, reverted: 1, accepted: 0 }],
      claude: [2, 0, { approved: 1, rejected: 0, reverted: 0, accepted: 1 }],
    });
  });

  it('measures CP-0 to CP-3 and to shipped (the decision that approved the last task)', () => {
    expect(feature.daysCp0ToCp3).toBe(6);
    expect(feature.shippedAt).toBe(at(5));
    expect(feature.daysCp0ToShipped).toBe(15);
  });

  it('is not shipped while a task waits', () => {
    const r = tallyFeature(
      {
        slug: 'b',
        completed: false,
        tasks: ['01-form', '03-more'],
        review: parseReview(review),
        signoffs: [],
      },
      new Map(),
    );
    expect(r.feature.shippedAt).toBeUndefined();
  });
});

describe('kill dates met and missed', () => {
  const item = (
    what: string,
    days: number,
    status: KillDateItem['status'],
    source: KillDateItem['source'] = 'marker',
  ): KillDateItem => ({
    what,
    date: addDays(today, days),
    file: 'src/a.ts',
    source,
    status,
  });

  it('met when git shows the code removed on time, missed when late or still there after its date', () => {
    const items = [item('flag old', -3, 'overdue'), item('flag new', 20, 'ok')];
    const removed = [
      { what: 'shim early', raw: addDays(today, -30), file: 'src/s.ts', removedAt: at(-31) },
      { what: 'shim late', raw: addDays(today, -30), file: 'src/t.ts', removedAt: at(-20) },
      { what: 'flag new', raw: addDays(today, 20), file: 'src/a.ts', removedAt: at(-1) },
    ];
    const out = killDatesMet(items, removed, today);
    expect(out.map((o) => [o.what, o.outcome])).toEqual([
      ['flag old', 'missed'],
      ['flag new', 'pending'],
      ['shim early', 'met'],
      ['shim late', 'missed'],
    ]);
  });

  it('counts the dates by month and status', () => {
    const months = killDateMonths([item('a', 0, 'due-soon'), item('b', 0, 'ok'), item('c', 0, 'missing')]);
    expect(months).toEqual([{ month: today.slice(0, 7), overdue: 0, dueSoon: 1, ok: 1 }]);
  });
});
