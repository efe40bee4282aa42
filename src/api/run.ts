// run(): a ready feature's next task through the handoff loop (brief, executor, review,
// verdict in REVIEW.md), chaining to the following task only when the human's approval policy
// approved it; resume() picks up an interrupted or failed run.
import { resolveAgent } from '../core/agent-config.js';
import type { Config } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import { filesAllowlist, parseRunbook, runsStep, validateCommands } from '../core/parse/runbook.js';
import { isApproval, latestDecision } from '../core/review-doc.js';
import type { Workspace } from '../core/workspace.js';
import { readReview } from '../orchestrator/review-file.js';
import {
  effectiveStatus,
  latestRun,
  listMetas,
  lockFeature,
  newestMetas,
  type TaskRunMeta,
  verifiedMeta,
} from '../orchestrator/run-state.js';
import {
  executeAndReview,
  reviewAsLeft,
  startRun,
  type TaskPlan,
  type TaskRunResult,
} from '../orchestrator/task-run.js';
import { gitOrThrow } from '../workspace/git.js';
import { openWorkspace } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';
import { briefText } from './brief.js';
import { findFeature, findRunbook, taskSlug } from './features.js';
import { readTrustedReview } from './records.js';
import { assertReady } from './status.js';
import { selectTask } from './task-select.js';

/** A VALIDATE step the FILES scope check already proves. */
const SCOPE_STEP = /\bonly (?:the )?(?:paths|files) (?:in|listed in|from) FILES\b/i;

export interface RunOptions {
  cwd?: string;
  feature: string;
  task?: string;
  executor?: string;
  planner?: string;
  today?: string;
  /** run state goes here (the main checkout) when the work happens in a worktree */
  stateRoot?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  handleSigint?: boolean;
  progress?: (line: string) => void;
  /** while the executor works: elapsed time and its last lines (see orchestrator/run-watch.ts) */
  watch?: TaskPlan['watch'];
}

export interface RunFeatureResult {
  version: 1;
  feature: string;
  runs: TaskRunResult[];
  /** why the loop stopped */
  stopped:
    | 'waiting-for-human'
    | 'checks-failed'
    | 'executor-failed'
    | 'interrupted'
    | 'all-approved'
    | 'task-done';
  /** the task that runs next once approved */
  next?: string;
}

/** The main checkout's root (worktrees keep their run state there). */
export function stateRootOf(root: string): string {
  const common = gitOrThrow(root, ['rev-parse', '--path-format=absolute', '--git-common-dir']).trim();
  return common.endsWith('/.git') ? common.slice(0, -5) : root;
}

export async function run(opts: RunOptions): Promise<RunFeatureResult> {
  const runs: TaskRunResult[] = [];
  for (;;) {
    const { plan, runbooks } = planTask(opts, opts.task);
    const { meta, release } = await startRun(plan);
    let r: TaskRunResult;
    try {
      r = await executeAndReview(plan, meta);
    } finally {
      release();
    }
    runs.push(r);
    const stop = stopReason(r);
    const more = nextTask(plan, runbooks);
    if (stop || opts.task || !more)
      return {
        version: 1,
        feature: plan.feature.slug,
        runs,
        stopped: stop ?? (more ? 'task-done' : 'all-approved'),
        ...(more ? { next: more } : {}),
      };
    opts.progress?.(`${plan.feature.slug} ${r.task}: approved by the policy; next task ${more}`);
  }
}

function stopReason(r: TaskRunResult): RunFeatureResult['stopped'] | undefined {
  if (r.status === 'interrupted') return 'interrupted';
  if (r.status === 'failed') return 'executor-failed';
  if (!r.allPassed) return 'checks-failed';
  return r.decision === 'approved' ? undefined : 'waiting-for-human';
}

/** The first task not yet approved, from REVIEW.md as the run left it. */
function nextTask(plan: TaskPlan, runbooks: string[]): string | undefined {
  const { ws } = openWorkspace({ cwd: plan.tree });
  const { entries } = readTrustedReview(plan.tree, plan.feature.dir, ws.config);
  const rb = runbooks.find((p) => !isApproval(latestDecision(entries, taskSlug(p))?.decision));
  return rb ? taskSlug(rb) : undefined;
}

/** Everything a task run needs, checked: a ready feature, a task that may run, its brief. */
export function planTask(
  opts: RunOptions,
  requested?: string,
  inheritFrom?: TaskRunMeta,
): { plan: TaskPlan; runbooks: string[] } {
  const open = openWorkspace({ cwd: opts.cwd, today: opts.today });
  const { root, ws } = open;
  const stateRoot = opts.stateRoot ?? stateRootOf(root);
  const feature = findFeature(ws, opts.feature);
  assertReady(root, ws, feature);
  const { entries } = readTrustedReview(root, feature.dir, ws.config);
  const runbook = inheritFrom
    ? findRunbook(feature, inheritFrom.task)
    : selectTask(feature, entries, requested);
  const task = taskSlug(runbook);
  if (!inheritFrom) refuseUnfinished(stateRoot, feature.slug, task, entries);
  const rb = ws.parsed(runbook, parseRunbook)!;
  const rejected = !inheritFrom && latestDecision(entries, task)?.decision === 'rejected';
  const newest = rejected ? latestRun(stateRoot, feature.slug, task) : undefined;
  const last = newest ? verifiedMeta(stateRoot, newest.runId) : undefined;
  const plan: TaskPlan = {
    stateRoot,
    tree: root,
    feature: { slug: feature.slug, dir: feature.dir },
    task,
    runbook: {
      path: runbook,
      text: ws.text(runbook) ?? '',
      files: filesAllowlist(rb),
      prohibited: rb.prohibited,
      validate: validateCommands(rb),
      manualSteps: rb.validate.filter((s) => !runsStep(s) && !SCOPE_STEP.test(s.text)).map((s) => s.text),
      ...(rb.header.branch ? { branch: rb.header.branch.value } : {}),
    },
    brief: briefText({ cwd: root, feature: feature.slug, task, open }).text,
    ...agents(ws, feature.slug, opts),
    policy: ws.config.approval.policy,
    testPairing: ws.config.scope.testPairing,
    manifests: ws.config.scope.manifests,
    validateTimeoutMs: ws.config.run.validateTimeoutSeconds * 1000,
    passEnv: ws.config.run.passEnv,
    ...(last && last.tree === root ? { inherit: { base: last.base, startState: last.startState } } : {}),
    ...pass(opts),
  };
  return { plan, runbooks: feature.runbooks };
}

/**
 * A task whose last run was interrupted or failed, with no decision on it, runs again only
 * through resume (or after a revert): a fresh run would count the first attempt's edits as
 * changes that were there before the task.
 */
function refuseUnfinished(
  stateRoot: string,
  feature: string,
  task: string,
  entries: ReturnType<typeof readReview>,
): void {
  const last = latestRun(stateRoot, feature, task);
  if (!last) return;
  const status = effectiveStatus(last);
  if (status !== 'interrupted' && status !== 'failed') return;
  const d = latestDecision(entries, task);
  if (d && d.runId === last.runId && d.decision !== 'pending') return;
  throw new KilldateError(
    'REFUSED',
    `task ${task} of ${feature} has ${status === 'failed' ? 'a' : 'an'} ${status} run (${last.runId}): a new run would take its edits as changes made before the task`,
    status === 'failed'
      ? `killdate resume ${last.runId}, or killdate revert ${feature} ${task}`
      : `killdate resume ${last.runId} (runs it again), or killdate resume ${last.runId} --review (reviews it as it stands)`,
  );
}

function agents(ws: Workspace, slug: string, opts: RunOptions): Pick<TaskPlan, 'executor' | 'planner'> {
  const config = ws.config as Config;
  const executor = resolveAgent(config, 'executor', slug, opts.executor);
  if (!config.run.diagnose) return { executor };
  return { executor, planner: resolveAgent(config, 'planner', slug, opts.planner) };
}

const pass = (o: RunOptions) => ({
  ...(o.env ? { env: o.env } : {}),
  ...(o.signal ? { signal: o.signal } : {}),
  ...(o.handleSigint === undefined ? {} : { handleSigint: o.handleSigint }),
  ...(o.progress ? { progress: o.progress } : {}),
  ...(o.watch ? { watch: o.watch } : {}),
});

export interface ResumeOptions extends Omit<RunOptions, 'feature' | 'task'> {
  runId?: string;
  /** review the tree as an executor that did not finish left it, without running it again */
  review?: boolean;
}

const RESUMABLE = ['interrupted', 'failed'];

/**
 * Picks up a run that did not finish: when its executor had finished, the review runs again;
 * otherwise the executor runs again from the recorded base and start state, on the tree as
 * the last attempt left it (nothing is reverted silently), and the review covers both.
 */
export async function resume(opts: ResumeOptions): Promise<RunFeatureResult> {
  const stateRoot = opts.stateRoot ?? stateRootOf(findRoot(opts.cwd));
  const runId =
    opts.runId ??
    listMetas(stateRoot)
      .filter((m) => RESUMABLE.includes(effectiveStatus(m)))
      .at(-1)?.runId;
  const meta = runId ? verifiedMeta(stateRoot, runId) : undefined;
  if (!meta)
    throw new KilldateError(
      'NOT_FOUND',
      opts.runId ? `no task run ${opts.runId}` : 'no interrupted or failed run to resume',
      'killdate runs',
    );
  const status = effectiveStatus(meta);
  if (!RESUMABLE.includes(status))
    throw new KilldateError(
      'REFUSED',
      `run ${meta.runId} is ${status}: only an interrupted or failed run resumes`,
    );
  // the executor the run started with, unless the person names another
  const executor = opts.executor ?? meta.executorName ?? meta.executor?.agent;
  const { plan } = planTask(
    { ...opts, ...(executor ? { executor } : {}), cwd: meta.tree, feature: meta.feature, stateRoot },
    undefined,
    meta,
  );
  const d = latestDecision(readReview(meta.tree, plan.feature.dir), meta.task);
  if (d && d.decision !== 'pending' && d.runId === meta.runId)
    throw new KilldateError(
      'REFUSED',
      `run ${meta.runId} was already ${d.decision}`,
      `killdate run ${meta.feature}`,
    );
  if (opts.review && meta.phase === 'done')
    throw new KilldateError(
      'REFUSED',
      `run ${meta.runId} was reviewed already: its executor ran to an end`,
      `killdate revert ${meta.feature} ${meta.task}, or killdate resume ${meta.runId} to run it again`,
    );
  const release = lockFeature(stateRoot, meta.feature, meta.runId);
  try {
    const r =
      opts.review && meta.phase === 'executor'
        ? await reviewAsLeft(plan, meta)
        : await executeAndReview(plan, meta);
    return { version: 1, feature: meta.feature, runs: [r], stopped: stopReason(r) ?? 'task-done' };
  } finally {
    release();
  }
}

export interface RunsResult {
  version: 1;
  runs: (TaskRunMeta & { status: TaskRunMeta['status'] })[];
  /** with `last`: how many earlier run records were not read */
  earlier?: number;
}

/** Every task run, oldest first; with `last`, only the newest `last` of them are read. */
/** Runs a person sees at first (`killdate runs`, the board's runs page): the newest. */
export const NEWEST_RUNS = 20;

export function runs(opts: { cwd?: string; last?: number } = {}): RunsResult {
  const stateRoot = stateRootOf(findRoot(opts.cwd));
  const withStatus = (metas: TaskRunMeta[]) => metas.map((m) => ({ ...m, status: effectiveStatus(m) }));
  if (opts.last === undefined) return { version: 1, runs: withStatus(listMetas(stateRoot)) };
  const { metas, earlier } = newestMetas(stateRoot, opts.last);
  return { version: 1, runs: withStatus(metas), earlier };
}
