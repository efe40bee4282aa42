// The end of a task run: review the task's changes, ask the planner (read-only) to diagnose a
// failed check, and append the verdict to the feature's REVIEW.md with the decision line:
// pending for a human, or approved when the human's policy says all-pass is enough.
import { runAgent } from '../agents/index.js';
import { redact, redactorFor } from '../agents/redact.js';
import { withRunMarker } from '../core/agent-env.js';
import { diagnosisPrompt } from '../core/diagnosis.js';
import { type Decision, type ReviewCheck, renderRunSection } from '../core/review-doc.js';
import { type Change, scopeGuard } from '../core/scope.js';
import { shownInline } from '../core/visible.js';
import { killRunProcesses } from './leftovers.js';
import { reviewedStates } from './revert.js';
import { review } from './review.js';
import { appendReview, reviewPath } from './review-file.js';
import { type TaskRunMeta, writeMeta } from './run-state.js';
import type { TaskPlan, TaskRunResult } from './task-run.js';
import { taskChanges } from './tree-state.js';

export async function finishReview(plan: TaskPlan, meta: TaskRunMeta): Promise<TaskRunResult> {
  const ex = meta.executor;
  const executorOk = ex?.status === 'ok';
  const own = reviewPath(plan.feature.dir);
  const changes = (await taskChanges(plan.tree, meta.base, meta.startState)).filter((c) => c.path !== own);
  plan.progress?.(`${plan.feature.slug} ${plan.task}: reviewing ${changes.length} change(s)`);
  const before = executorChecks(meta, changes.length);
  const outcome = await review({
    stateRoot: plan.stateRoot,
    tree: plan.tree,
    runId: meta.runId,
    base: meta.base,
    changes,
    files: plan.runbook.files,
    testPairing: plan.testPairing,
    ...(plan.manifests ? { manifests: plan.manifests } : {}),
    prohibited: plan.runbook.prohibited,
    validate: plan.runbook.validate,
    manualSteps: plan.runbook.manualSteps,
    runValidate: executorOk,
    validateTimeoutMs: plan.validateTimeoutMs,
    env: withRunMarker(plan.env ?? process.env, meta.runId),
    passEnv: plan.passEnv,
    // the checks so far go into the run record, where the board shows them while VALIDATE runs
    onProgress: (sofar) => {
      meta.checks = [...before, ...sofar];
      writeMeta(plan.stateRoot, meta);
    },
  });
  const checks: ReviewCheck[] = [...before, ...outcome.checks];
  const after = killRunProcesses(meta.runId);
  const killed = [...(ex?.killed ?? []), ...after];
  if (killed.length)
    checks.push({
      name: 'leftover processes',
      ok: true,
      detail: `killed ${killed.length} process(es) carrying the run's marker, still running after the executor or VALIDATE ended: ${killed
        .slice(0, 6)
        .map((k) => `${k.pid} (${k.command || '?'})`)
        .join(', ')}`,
    });
  const allPassed = checks.every((c) => c.ok === true);
  const diagnosis = allPassed ? undefined : await diagnose(plan, meta, changes, checks);
  const auto = allPassed && plan.policy === 'auto-when-all-pass';
  const decision: Decision = auto ? 'approved' : 'pending';
  const failed = checks.filter((c) => c.ok === false).map((c) => c.name.split(':')[0]);
  const note = auto
    ? 'by the approval policy auto-when-all-pass: every check passed'
    : allPassed
      ? 'every check passed; waiting for a human'
      : `${failed.length} check(s) failed (${[...new Set(failed)].join(', ')}): revert, amend the runbook and rerun, or accept with a reason`;
  // REVIEW.md is committed: the whole section passes the run's redactor once more
  const redact = redactorFor(withRunMarker(plan.env ?? process.env, meta.runId));
  await appendReview(
    plan.tree,
    plan.feature,
    redact(
      renderRunSection({
        feature: plan.feature.slug,
        task: plan.task,
        runId: meta.runId,
        runbook: plan.runbook.path,
        agent: ex?.agent ?? plan.executor.name,
        ...(ex?.version ? { agentVersion: ex.version } : {}),
        executorStatus: ex ? (ex.failure ? `${ex.status}: ${ex.failure}` : ex.status) : 'not run',
        base: meta.base,
        reviewedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        files: changes.map((c) => ({ path: c.path, status: c.status })),
        tokens: ex?.tokens ?? { input: 0, output: 0, cached: 0 },
        ...(ex?.costUsd === undefined ? {} : { costUsd: ex.costUsd }),
        transcript: ex?.transcript ?? `.killdate/runs/${meta.runId}`,
        checks,
        forHuman: [...outcome.forHuman, ...ignoredNote(ex?.ignored), ...preExisting(meta, plan)],
        ...(diagnosis ? { diagnosis } : {}),
        decision,
        note,
      }),
    ),
  );
  const ended = new Date();
  Object.assign(meta, {
    status: executorOk ? 'reviewed' : 'failed',
    phase: 'done',
    changes,
    reviewed: reviewedStates(plan.tree, changes),
    files: plan.runbook.files,
    checks,
    allPassed,
    decision,
    endedAt: ended.toISOString(),
    durationMs: ended.getTime() - Date.parse(meta.startedAt),
  } satisfies Partial<TaskRunMeta>);
  writeMeta(plan.stateRoot, meta);
  return { ...meta, ...(diagnosis ? { diagnosis: diagnosis.text } : {}), review: own };
}

async function diagnose(
  plan: TaskPlan,
  meta: TaskRunMeta,
  changes: Change[],
  checks: ReviewCheck[],
): Promise<{ agent: string; text: string } | undefined> {
  if (!plan.planner) return undefined;
  plan.progress?.(
    `${plan.feature.slug} ${plan.task}: a check failed; asking ${plan.planner.name} for a diagnosis`,
  );
  const r = await runAgent({
    root: plan.stateRoot,
    agent: plan.planner,
    role: 'planner',
    profile: 'read-only',
    prompt: diagnosisPrompt({
      feature: plan.feature.slug,
      task: plan.task,
      runbook: { path: plan.runbook.path, text: plan.runbook.text },
      changes,
      checks,
      ...(meta.executor?.reason ? { executorReason: meta.executor.reason } : {}),
    }),
    cwd: plan.tree,
    runId: `${meta.runId}/planner${meta.attempts > 1 ? `-${meta.attempts}` : ''}`,
    env: withRunMarker(plan.env ?? process.env, meta.runId),
    passEnv: plan.passEnv,
    ...(plan.signal ? { signal: plan.signal } : {}),
    ...(plan.handleSigint === undefined ? {} : { handleSigint: plan.handleSigint }),
  });
  const said =
    r.adapter === 'command'
      ? r.events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('\n')
      : (r.text ?? '');
  const text =
    r.status === 'ok' && said.trim()
      ? said.trim()
      : `no diagnosis: ${r.reason ?? 'the planner gave no answer'}`;
  return { agent: `${r.agent}${r.version ? ` ${r.version}` : ''}`, text: redact(text.slice(0, 4000)) };
}

/** The git-ignored paths outside FILES the executor's time created or changed, for the human. */
function ignoredNote(paths: string[] | undefined): string[] {
  if (!paths?.length) return [];
  const shown = paths.slice(0, 10).map(shownInline).join(', ');
  return [
    `git-ignored paths outside FILES created or changed while the executor ran (the diff does not show them): ${shown}${paths.length > 10 ? `, and ${paths.length - 10} more` : ''}`,
  ];
}

/** Paths outside FILES that were already changed when the task started: not the task's, listed. */
function preExisting(meta: TaskRunMeta, plan: TaskPlan): string[] {
  const guard = scopeGuard({ files: plan.runbook.files, testPairing: plan.testPairing });
  const paths = Object.keys(meta.startState).filter((p) => !p.startsWith('.killdate/') && !guard.allows(p));
  if (!paths.length) return [];
  return [
    `changed before the task started, outside FILES (not reviewed as the task's): ${paths.slice(0, 10).map(shownInline).join(', ')}${paths.length > 10 ? `, and ${paths.length - 10} more` : ''}`,
  ];
}

/** The checks of what the executor did, known before the review starts. */
function executorChecks(meta: TaskRunMeta, changed: number): ReviewCheck[] {
  const ex = meta.executor;
  return [
    {
      name: 'executor',
      ok: ex?.status === 'ok',
      detail: ex ? (ex.reason ?? `${ex.agent} finished with a final result`) : 'no record of the executor',
    },
    ...(ex?.reviewUntouched === false
      ? [{ name: 'REVIEW.md', ok: false, detail: 'the executor edited REVIEW.md' }]
      : []),
    ...(ex?.guardTampered?.length
      ? [{ name: 'guard state', ok: false, detail: `scope/tampered: ${ex.guardTampered.join('; ')}` }]
      : []),
    ...(ex?.gitState?.length
      ? [{ name: 'git state', ok: false, detail: `scope/git-state: ${ex.gitState.slice(0, 6).join('; ')}` }]
      : []),
    {
      name: 'changes',
      ok: changed > 0,
      detail: changed
        ? `${changed} path(s) changed by the task`
        : 'the task changed nothing: an empty change set is not a pass',
    },
  ];
}
