// Shared by the real-executor loop tests (one file per agent CLI): the ready two-task feature
// with the agent as executor, task 1 run through the api's `run`, and the proof that the run
// record, REVIEW.md, `killdate runs` and the metrics carry the agent's own token figures.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { metrics } from '../../src/api/metrics.js';
import { type RunFeatureResult, run, runs } from '../../src/api/run.js';
import type { TaskRunResult } from '../../src/orchestrator/task-run.js';
import { type Repo, runCli } from '../gates/repo.js';
import { AGENTS, PREFS, readyRepo, TODAY } from './fixture.js';

export const BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin');
export const PREFS_PATH = 'src/prefs.js';
export { PREFS };

/** The agent's binary from node_modules/.bin, or undefined with the reason printed: the tests skip. */
export function agentBinary(name: string, pkg: string): string | undefined {
  const bin = join(BIN, name);
  if (existsSync(bin)) return bin;
  console.warn(`skipped: ${pkg} did not install (no ${bin}); npm ci installs it`);
  return undefined;
}

/** The ready feature `settings-page` with `agent` (its adapter's name) as executor. */
export function executorRepo(agent: string, settings: Record<string, unknown>): Repo {
  const repo = readyRepo();
  const diagnose = { bin: join(AGENTS, 'diagnose.mjs'), timeoutSeconds: 30 };
  const config = [
    'version: 1',
    'agents:',
    `  executor: ${agent}`,
    '  planner: diagnose',
    '  settings:',
    `    ${agent}: ${JSON.stringify({ bin: join(BIN, agent), timeoutSeconds: 150, ...settings })}`,
    `    diagnose: ${JSON.stringify(diagnose)}`,
    '',
  ].join('\n');
  repo.write({ 'killdate.config.yaml': config });
  repo.commit(`${agent} as executor`);
  return repo;
}

const explain = (r: RunFeatureResult): string =>
  JSON.stringify(
    r.runs.map((t) => ({ executor: t.executor, checks: t.checks })),
    null,
    1,
  );

/** Task 1 through the loop: the executor's write lands inside FILES and every check passes. */
export async function runTaskOne(repo: Repo, env: NodeJS.ProcessEnv): Promise<TaskRunResult> {
  const r = await run({ cwd: repo.dir, feature: 'settings-page', today: TODAY, env, handleSigint: false });
  const t1 = r.runs[0]!;
  expect(t1.executor?.status, explain(r)).toBe('ok');
  expect(t1.allPassed, explain(r)).toBe(true);
  expect(t1.changes!.map((c) => c.path)).toEqual([PREFS_PATH]);
  expect(readFileSync(join(repo.dir, PREFS_PATH), 'utf8')).toBe(PREFS);
  expect(t1.checks!.find((c) => c.name === 'FILES scope')).toMatchObject({ ok: true });
  return t1;
}

/** The JSON lines the executor printed (its transcript's stdout.log). */
export function outputLines(repo: Repo, t1: TaskRunResult): Array<Record<string, unknown>> {
  const file = join(repo.dir, t1.executor!.transcript, 'stdout.log');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export interface Figures {
  tokens: { input: number; output: number; cached: number };
  costUsd?: number;
}

/** The figures read from the agent's own output are in the run record and every view of it. */
export async function expectRecorded(repo: Repo, t1: TaskRunResult, agent: string, f: Figures) {
  expect(f.tokens.input + f.tokens.output).toBeGreaterThan(0);
  expect(t1.executor!.tokens).toEqual(f.tokens);
  expect(t1.executor!.costUsd).toBe(f.costUsd);
  const meta = runs({ cwd: repo.dir }).runs.find((m) => m.runId === t1.runId);
  expect(meta?.executor).toMatchObject({ agent, tokens: f.tokens });

  const review = readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8');
  const { input, output, cached } = f.tokens;
  expect(review).toContain(`- **Tokens:** ${input} in, ${output} out, ${cached} cached`);
  expect(review).toContain(
    `- **Cost:** ${f.costUsd === undefined ? 'not reported by the agent' : `$${f.costUsd.toFixed(4)}`}`,
  );

  const listed = runCli(repo.dir, ['runs']);
  expect(listed.status, listed.stderr).toBe(0);
  const row = listed.stdout.split('\n').find((l) => l.startsWith(t1.runId)) ?? listed.stdout;
  expect(row).toMatch(new RegExp(`\\s${input + output}\\s+${f.costUsd === undefined ? '-' : '\\$'}`));

  const m = await metrics({ cwd: repo.dir, today: TODAY });
  const a = m.agents.find((x) => x.agent === agent);
  expect(a).toMatchObject({ iterations: 1, tokens: input + output });
  // metrics read REVIEW.md, where the cost has four decimals
  expect(a!.costUsd).toBeCloseTo(f.costUsd ?? 0, 4);
}
