// Rendering of task runs and decisions for the run, resume, runs and decision commands.
import type { DecideResult } from '../api/decide.js';
import type { RunFeatureResult } from '../api/run.js';
import type { TaskRunResult } from '../orchestrator/task-run.js';
import { bold, dim, red } from './output.js';

const mark = (ok: boolean | null): string => (ok === null ? dim('-') : ok ? '✓' : red('✗'));

export function renderTaskRun(t: TaskRunResult): string {
  const ex = t.executor;
  const cost = ex?.costUsd === undefined ? '' : `, $${ex.costUsd.toFixed(4)}`;
  const out = [
    `${bold(`${t.feature} ${t.task}`)}  ${dim(`run ${t.runId}`)}`,
    ex
      ? `  executor ${ex.agent}${ex.version ? ` ${ex.version}` : ''}: ${ex.status}${ex.reason ? ` (${ex.reason})` : ''}  ${dim(`${(ex.durationMs / 1000).toFixed(1)} s, ${ex.tokens.input} in / ${ex.tokens.output} out tokens${cost}`)}`
      : '  executor: not run',
  ];
  for (const c of t.checks ?? []) out.push(`  ${mark(c.ok)} ${c.name}  ${dim(c.detail ?? '')}`);
  if (t.diagnosis)
    out.push(
      '',
      '  Drift diagnosis (planner, read-only):',
      ...t.diagnosis.split('\n').map((l) => `    ${l}`),
    );
  out.push(
    `  ${dim(`verdict: ${t.review ?? 'REVIEW.md'}  transcript: ${ex?.transcript ?? `.killdate/runs/${t.runId}`}`)}`,
  );
  return out.join('\n');
}

export function renderRunResult(r: RunFeatureResult): string {
  const out = r.runs.map(renderTaskRun);
  const last = r.runs.at(-1);
  const f = r.feature;
  const t = last?.task ?? '';
  const next: Record<RunFeatureResult['stopped'], string> = {
    'waiting-for-human': `every check passed; decide: killdate approve ${f} ${t}  (or reject ${f} ${t} --reason "...")`,
    'checks-failed': `a check failed; decide: killdate revert ${f} ${t} | amend the runbook, killdate reject ${f} ${t} --reason "...", rerun | killdate accept ${f} ${t} --reason "..."`,
    'executor-failed': `the executor failed; the tree is as it left it. Resume: killdate resume ${last?.runId ?? ''}, or killdate revert ${f} ${t}`,
    interrupted: `interrupted; resume: killdate resume ${last?.runId ?? ''}`,
    'all-approved': `every task of ${f} is approved; next: killdate feature complete ${f}`,
    'task-done': r.next ? `next task: ${r.next}` : 'done',
  };
  out.push('', next[r.stopped]);
  return `${out.join('\n')}\n`;
}

export function renderDecision(d: DecideResult): string {
  const out = [
    `${d.feature} ${d.task}: ${d.decision}${d.reason ? ` (${d.reason})` : ''} by ${d.by}, recorded in ${d.review}`,
  ];
  if (d.reverted)
    out.push(
      `  restored: ${d.reverted.restored.join(', ') || 'none'}`,
      `  removed: ${d.reverted.removed.join(', ') || 'none'}`,
      ...(d.reverted.undo
        ? [
            `  the bytes before are kept in ${d.reverted.undo.ref}: killdate revert ${d.feature} ${d.task} --undo${d.reverted.undo.command ? ` (or ${d.reverted.undo.command})` : ''}`,
          ]
        : []),
    );
  if (d.committed)
    out.push(
      d.committed.commit
        ? `  committed ${d.committed.commit.slice(0, 12)}: ${d.committed.paths.join(', ')}`
        : "  nothing to commit: the task's files have no change left",
    );
  if (d.next) out.push(`  next: killdate run ${d.feature}  (task ${d.next})`);
  return `${out.join('\n')}\n`;
}

export function exitFor(r: RunFeatureResult): number {
  if (r.stopped === 'interrupted') return 130;
  return r.stopped === 'checks-failed' || r.stopped === 'executor-failed' ? 1 : 0;
}
