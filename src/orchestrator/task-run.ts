// One task through the handoff loop: lock the feature, record the base commit and what was
// already dirty, hand the executor its brief, review the changes, ask the planner to diagnose
// a failed check, and append the verdict to REVIEW.md. The api layer prepares the plan (the
// feature is ready, the task may run, the brief); this runs it.
import { join } from 'node:path';
import { childEnv } from '../agents/child-env.js';
import { newRunId, type RunResult, runAgent, runsDir } from '../agents/index.js';
import type { ResolvedAgent } from '../core/agent-config.js';
import { withRunMarker } from '../core/agent-env.js';
import { branchWarning } from '../core/branch-check.js';
import { refuseGuardEndInsideAgent } from '../core/human-acts.js';
import type { Decision, ReviewCheck } from '../core/review-doc.js';
import { type Change, scopeGuard, type TestPairing } from '../core/scope.js';
import { clearActiveTask, writeActiveTask } from '../workspace/active-task.js';
import { currentBranchAsync, headCommitAsync } from '../workspace/changes.js';
import { git } from '../workspace/git.js';
import {
  gitStateChanges,
  gitStateNow,
  ignoredChangedSince,
  snapshotGitState,
} from '../workspace/git-state.js';
import { guardState } from '../workspace/guard-state.js';
import {
  deleteTaskRef,
  listTaskRefs,
  storeBlob,
  type TaskRef,
  taskRefName,
  writeTaskRef,
} from '../workspace/task-ref.js';
import { killRunProcesses, type Leftover } from './leftovers.js';
import {
  type ExecutorSummary,
  lockFeature,
  runName,
  type StartState,
  type TaskRunMeta,
  writeMeta,
} from './run-state.js';
import { type WatchState, watchTranscript } from './run-watch.js';
import { assertNothingStaged, currentBlobs, snapshotStart } from './tree-state.js';
import { finishReview } from './verdict.js';

export interface TaskPlan {
  stateRoot: string;
  tree: string;
  feature: { slug: string; dir: string };
  task: string;
  runbook: {
    path: string;
    text: string;
    files: string[];
    prohibited: { text: string; line: number }[];
    validate: { command: string; line: number; text: string }[];
    manualSteps: string[];
    /** the runbook's Branch: value */
    branch?: string;
  };
  brief: string;
  executor: ResolvedAgent;
  /** undefined: no diagnosis */
  planner?: ResolvedAgent;
  policy: 'human' | 'auto-when-all-pass';
  testPairing: TestPairing;
  manifests?: string[];
  validateTimeoutMs: number;
  /** variables that may hold secrets, passed to the agents and VALIDATE anyway (config run.passEnv) */
  passEnv: readonly string[];
  /** a rerun after a rejection keeps the first run's base and start state */
  inherit?: { base: string; startState: StartState };
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  handleSigint?: boolean;
  progress?: (line: string) => void;
  /** while the executor works: its elapsed time and last lines, every `everyMs` */
  watch?: { everyMs: number; tick: (s: WatchState) => void; done?: () => void };
}

export interface TaskRunResult extends TaskRunMeta {
  diagnosis?: string;
  review?: string;
}

/** A new run: lock, base, start state, meta. Returns the meta and the lock's release. */
export async function startRun(plan: TaskPlan): Promise<{ meta: TaskRunMeta; release: () => void }> {
  const runId = newRunId(runName(plan.feature.slug, plan.task));
  const release = lockFeature(plan.stateRoot, plan.feature.slug, runId);
  try {
    const [, head, branch] = await Promise.all([
      assertNothingStaged(plan.tree),
      headCommitAsync(plan.tree),
      currentBranchAsync(plan.tree),
    ]);
    const inherit =
      plan.inherit && recordsOnlySince(plan, plan.inherit.base, head) ? plan.inherit : undefined;
    const meta: TaskRunMeta = {
      version: 1,
      kind: 'task',
      runId,
      feature: plan.feature.slug,
      task: plan.task,
      runbook: plan.runbook.path,
      tree: plan.tree,
      base: inherit?.base ?? head,
      ...(branch ? { branch } : {}),
      startState: inherit?.startState ?? (await snapshotStart(plan.tree, head)),
      gitState: snapshotGitState(plan.tree),
      status: 'running',
      phase: 'executor',
      pid: process.pid,
      attempts: 0,
      startedAt: new Date().toISOString(),
      executorName: plan.executor.name,
    };
    writeMeta(plan.stateRoot, meta);
    const warning = branchWarning(plan.runbook.path, plan.runbook.branch, branch);
    if (warning) plan.progress?.(`warning: ${warning}`);
    return { meta, release };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * HEAD is the base, or the base plus commits of killdate's own records of this feature (the
 * human's decision on the first attempt): a rerun after a rejection keeps the first base.
 */
function recordsOnlySince(plan: TaskPlan, base: string, head: string): boolean {
  if (base === head) return true;
  const r = git(plan.tree, ['diff', '--name-only', `${base}...${head}`]);
  if (!r.ok || git(plan.tree, ['merge-base', '--is-ancestor', base, head]).status !== 0) return false;
  const own = [`${plan.feature.dir}/REVIEW.md`, `${plan.feature.dir}/SIGNOFFS.md`];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .every((p) => own.includes(p));
}

/** Runs (or reruns) the executor, then the review, on a run that holds the feature's lock. */
export async function executeAndReview(plan: TaskPlan, meta: TaskRunMeta): Promise<TaskRunResult> {
  if (meta.phase === 'executor' || meta.status === 'failed') {
    const r = await runExecutor(plan, meta);
    if (r.status === 'interrupted') {
      Object.assign(meta, { status: 'interrupted', endedAt: new Date().toISOString() });
      writeMeta(plan.stateRoot, meta);
      return meta;
    }
  }
  return finishReview(plan, meta);
}

/**
 * Reviews a run whose executor did not finish (interrupted, or killdate itself died) as the
 * tree is now, without running the executor again: VALIDATE does not run and the executor
 * check fails, so the task waits for a decision (revert, accept, or amend and rerun).
 */
export async function reviewAsLeft(plan: TaskPlan, meta: TaskRunMeta): Promise<TaskRunResult> {
  meta.executor ??= await endDeadExecutor(plan, meta);
  const left = 'reviewed as it left the tree, not run again';
  meta.executor.reason = meta.executor.reason
    ? `${meta.executor.reason}; ${left}`
    : `it did not finish; ${left}`;
  Object.assign(meta, { status: 'running', phase: 'review', pid: process.pid });
  writeMeta(plan.stateRoot, meta);
  return finishReview(plan, meta);
}

/** What runExecutor ends after its executor, for a run whose killdate process died first. */
async function endDeadExecutor(plan: TaskPlan, meta: TaskRunMeta): Promise<ExecutorSummary> {
  let tampered: string[] = [];
  let current: ReturnType<typeof guardState>;
  try {
    current = guardState(plan.tree);
  } catch (e) {
    tampered = [(e as Error).message];
  }
  const guarded = current?.task.feature === plan.feature.slug && current.task.task === plan.task;
  if (guarded) refuseGuardEndInsideAgent(plan.task, plan.env ?? process.env, 'resume --review');
  const killed = killRunProcesses(meta.runId);
  const hidden = await hiddenChanges(plan, meta);
  // the guard this run set is still on: taken off as the run would have
  if (guarded) {
    tampered = current!.tampered;
    deleteTaskRef(plan.tree, taskRefName(plan.feature.slug, plan.task));
    clearActiveTask(plan.tree);
  }
  return {
    agent: plan.executor.name,
    adapter: plan.executor.adapter,
    status: 'interrupted',
    tokens: { input: 0, output: 0, cached: 0 },
    transcript: relative(plan.stateRoot, join(runsDir(plan.stateRoot), meta.runId)),
    durationMs: 0,
    ...(tampered.length ? { guardTampered: tampered } : {}),
    ...(hidden.gitState.length ? { gitState: hidden.gitState } : {}),
    ...(hidden.ignored.length ? { ignored: hidden.ignored } : {}),
    ...(killed.length ? { killed } : {}),
  };
}

async function runExecutor(plan: TaskPlan, meta: TaskRunMeta): Promise<RunResult> {
  meta.attempts += 1;
  Object.assign(meta, { status: 'running', phase: 'executor', pid: process.pid });
  writeMeta(plan.stateRoot, meta);
  const review = `${plan.feature.dir}/REVIEW.md`;
  const reviewBefore = (await currentBlobs(plan.tree, [review])).get(review) ?? null;
  const ref = guardTask(plan, meta);
  let tampered: string[] = [];
  let hidden: { gitState: string[]; ignored: string[] } | undefined;
  let killed: Leftover[] = [];
  const withheld = childEnv(plan.env ?? process.env, plan.passEnv, plan.executor.adapter).withheld;
  plan.progress?.(
    `${plan.feature.slug} ${plan.task}: ${plan.executor.name} is running (run ${meta.runId})` +
      (withheld.length ? `; withheld from it: ${withheld.join(', ')}` : ''),
  );
  let r: RunResult;
  const agentRunId = `${meta.runId}/executor${meta.attempts > 1 ? `-${meta.attempts}` : ''}`;
  const stopWatch = plan.watch
    ? watchTranscript(join(runsDir(plan.stateRoot), agentRunId), plan.watch.everyMs, plan.watch.tick)
    : undefined;
  try {
    r = await runAgent({
      root: plan.stateRoot,
      agent: plan.executor,
      role: 'executor',
      profile: 'edit',
      prompt: plan.brief,
      cwd: plan.tree,
      runId: agentRunId,
      env: withRunMarker(plan.env ?? process.env, meta.runId),
      passEnv: plan.passEnv,
      ...(plan.signal ? { signal: plan.signal } : {}),
      ...(plan.handleSigint === undefined ? {} : { handleSigint: plan.handleSigint }),
    });
  } finally {
    stopWatch?.();
    plan.watch?.done?.();
    killed = killRunProcesses(meta.runId);
    hidden = await hiddenChanges(plan, meta);
    if (ref) {
      tampered = guardTampering(plan.tree, ref);
      deleteTaskRef(plan.tree, ref.name);
      clearActiveTask(plan.tree);
    }
  }
  meta.executor = summarise(plan, r);
  if (tampered.length) meta.executor.guardTampered = tampered;
  if (hidden?.gitState.length) meta.executor.gitState = hidden.gitState;
  if (hidden?.ignored.length) meta.executor.ignored = hidden.ignored;
  if (killed.length) meta.executor.killed = killed;
  const reviewAfter = (await currentBlobs(plan.tree, [review])).get(review) ?? null;
  meta.executor.reviewUntouched = reviewAfter === reviewBefore;
  if (r.status !== 'interrupted') meta.phase = 'review';
  writeMeta(plan.stateRoot, meta);
  return r;
}

/**
 * The active task and its task ref, so the scope guard hooks check the executor's edits;
 * undefined when another task is active.
 */
function guardTask(plan: TaskPlan, meta: TaskRunMeta): TaskRef | undefined {
  let current: ReturnType<typeof guardState>;
  try {
    current = guardState(plan.tree);
  } catch {
    current = undefined;
  }
  if (current && (current.task.feature !== plan.feature.slug || current.task.task !== plan.task))
    return undefined;
  const blob = storeBlob(plan.tree, plan.runbook.path);
  const ref = writeTaskRef(plan.tree, {
    feature: plan.feature.slug,
    task: plan.task,
    runbook: plan.runbook.path,
    ...(blob ? { runbookBlob: blob } : {}),
    base: meta.base,
    ...(meta.branch ? { branch: meta.branch } : {}),
    files: plan.runbook.files,
    testPairing: plan.testPairing,
    ...(plan.manifests ? { manifests: plan.manifests } : {}),
    ...(meta.gitState ? { gitState: meta.gitState } : {}),
  });
  writeActiveTask(plan.tree, {
    version: 1,
    feature: plan.feature.slug,
    task: plan.task,
    runbook: plan.runbook.path,
    base: meta.base,
    ...(meta.branch ? { branch: meta.branch } : {}),
    startedAt: meta.startedAt,
    files: plan.runbook.files,
    testPairing: plan.testPairing,
    ...(plan.manifests ? { manifests: plan.manifests } : {}),
  });
  return ref;
}

/** What git hides from the diff that changed while the executor ran: git's own state, ignored paths outside FILES. */
async function hiddenChanges(
  plan: TaskPlan,
  meta: TaskRunMeta,
): Promise<{ gitState: string[]; ignored: string[] }> {
  if (!meta.gitState) return { gitState: [], ignored: [] };
  const guard = scopeGuard({ files: plan.runbook.files, testPairing: plan.testPairing });
  // each read on its own: one that fails is named (failing the check), the other still counts
  const [now, ignored] = await Promise.allSettled([
    gitStateNow(plan.tree, meta.gitState),
    ignoredChangedSince(plan.tree, meta.gitState.at),
  ]);
  const why = (r: PromiseRejectedResult) => (r.reason as Error).message;
  const gitState =
    now.status === 'fulfilled'
      ? gitStateChanges(meta.gitState, now.value)
      : [`git state could not be read: ${why(now)}`];
  if (ignored.status === 'rejected') gitState.push(`git-ignored paths could not be listed: ${why(ignored)}`);
  return {
    gitState,
    ignored: ignored.status === 'fulfilled' ? ignored.value.filter((p) => !guard.allows(p)) : [],
  };
}

/** How the guard state differs, after the executor, from the task ref killdate wrote before it. */
function guardTampering(tree: string, ref: TaskRef): string[] {
  try {
    const now = listTaskRefs(tree).find((r) => r.name === ref.name);
    if (now?.sha !== ref.sha) return [`the task ref ${ref.name} was ${now ? 'replaced' : 'deleted'}`];
    return guardState(tree)?.tampered ?? [];
  } catch (e) {
    return [(e as Error).message];
  }
}

function summarise(plan: TaskPlan, r: RunResult): ExecutorSummary {
  return {
    agent: r.agent,
    adapter: r.adapter,
    ...(r.version ? { version: r.version } : {}),
    status: r.status,
    ...(r.failure ? { failure: r.failure } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    tokens: { input: r.usage.inputTokens, output: r.usage.outputTokens, cached: r.usage.cachedTokens },
    ...(r.costUsd === undefined ? {} : { costUsd: r.costUsd }),
    transcript: relative(plan.stateRoot, r.transcriptDir),
    durationMs: r.durationMs,
    ...(r.withheld.length ? { withheld: r.withheld } : {}),
  };
}

const relative = (root: string, abs: string): string =>
  abs.startsWith(`${root}/`) ? abs.slice(root.length + 1) : abs;

export type { Change, Decision, ReviewCheck };
