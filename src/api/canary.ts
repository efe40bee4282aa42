// The canary ladder: start, status, expand (refused before the clean window has passed) and
// rollback in the method's order. Time is a parameter so tests need not wait.
import { join } from 'node:path';
import {
  type CanaryState,
  type CanaryView,
  expandCanary,
  markRolledBack,
  type RollbackStep,
  rollbackPlan,
  startCanary,
  viewCanary,
} from '../core/canary.js';
import { todayIso } from '../core/dates.js';
import { KilldateError } from '../core/errors.js';
import { refuseInsideAgent } from '../core/human-acts.js';
import type { Workspace } from '../core/workspace.js';
import { readCanary, writeCanary } from '../ship/canary-state.js';
import { type RunResult, runCommand } from '../ship/run.js';
import { openWorkspace } from '../workspace/load.js';
import { openCheckpoints, taskApprovals } from './done.js';
import { findFeature } from './features.js';
import { addBug } from './registers.js';

export interface CanaryOptions {
  cwd?: string;
  feature: string;
  now?: Date;
  echo?: NodeJS.WritableStream;
  /** the caller's environment, checked for agent markers (default: this process's) */
  env?: NodeJS.ProcessEnv;
}

export interface CanaryResult {
  version: 1;
  action: 'start' | 'status' | 'expand' | 'rollback';
  ok: boolean;
  /** why an expand was refused */
  refused?: string;
  view: CanaryView;
  /** the log command's output kept at the end of a window */
  logFile?: string;
  rollback?: RollbackReport[];
  knownIssue?: string;
}

type RollbackReport = { step: RollbackStep['kind']; done: boolean; detail: string; id?: string };

const TIMEOUT = 10 * 60_000;

function open(opts: CanaryOptions) {
  const { root, ws } = openWorkspace({ cwd: opts.cwd });
  return { root, ws, config: ws.config, now: opts.now ?? new Date() };
}

function mustRead(root: string, feature: string): CanaryState {
  const s = readCanary(root, feature);
  if (!s)
    throw new KilldateError(
      'NOT_FOUND',
      `no canary for ${feature}`,
      `run \`killdate canary start ${feature}\``,
    );
  return s;
}

export async function canaryStart(opts: CanaryOptions & { migrated?: boolean }): Promise<CanaryResult> {
  const { root, ws, config, now } = open(opts);
  assertBuilt(root, ws, opts.feature);
  const existing = readCanary(root, opts.feature);
  if (existing && existing.status === 'running')
    throw new KilldateError(
      'REFUSED',
      `a canary for ${opts.feature} is already running (stage ${existing.stages[existing.stage]!.name})`,
      'expand it or roll it back first',
    );
  const state = startCanary(opts.feature, config.canary, now, opts.migrated ?? false);
  const run = config.canary.stages[0]?.run;
  if (run) await stageCommand(root, run, opts);
  writeCanary(root, state);
  return { version: 1, action: 'start', ok: true, view: viewCanary(state, now) };
}

/** A canary is of a feature that exists and was built: CP-3 holds and a task is approved. */
function assertBuilt(root: string, ws: Workspace, slug: string): void {
  const feature = findFeature(ws, slug);
  const open = openCheckpoints(root, ws, feature);
  const approved = taskApprovals(root, ws, feature).filter((t) => t.approved);
  const why = open.length
    ? `it has not passed CP-3 (${open[0]})`
    : approved.length
      ? undefined
      : `no task of it is approved in ${feature.dir}/REVIEW.md: nothing was built`;
  if (why) throw new KilldateError('REFUSED', `no canary for ${slug}: ${why}`);
}

export async function canaryStatus(opts: CanaryOptions): Promise<CanaryResult> {
  const { root, config, now } = open(opts);
  const { state, logFile } = await windowLogs(
    root,
    mustRead(root, opts.feature),
    config.commands.logs,
    now,
    opts.echo,
  );
  return {
    version: 1,
    action: 'status',
    ok: true,
    view: viewCanary(state, now),
    ...(logFile ? { logFile } : {}),
  };
}

export async function canaryExpand(opts: CanaryOptions): Promise<CanaryResult> {
  refuseInsideAgent('canary expand', opts.env ?? process.env);
  const { root, config, now } = open(opts);
  const { state, logFile } = await windowLogs(
    root,
    mustRead(root, opts.feature),
    config.commands.logs,
    now,
    opts.echo,
  );
  const d = expandCanary(state, now);
  if (!d.ok)
    return {
      version: 1,
      action: 'expand',
      ok: false,
      refused: d.reason,
      view: viewCanary(state, now),
      ...(logFile ? { logFile } : {}),
    };
  const run = config.canary.stages[d.state.stage]?.run;
  if (run) await stageCommand(root, run, opts);
  writeCanary(root, d.state);
  return {
    version: 1,
    action: 'expand',
    ok: true,
    view: viewCanary(d.state, now),
    ...(logFile ? { logFile } : {}),
  };
}

/** At the end of a window, run the log command once for the stage and keep its output. */
async function windowLogs(
  root: string,
  state: CanaryState,
  command: string | undefined,
  now: Date,
  echo?: NodeJS.WritableStream,
) {
  const v = viewCanary(state, now);
  if (!command || !v.windowPassed || v.logsRun || state.status !== 'running') return { state };
  const rel = `.killdate/canary/${state.feature}/stage-${state.stage + 1}-logs.txt`;
  const r = await runCommand(command, { cwd: root, timeoutMs: TIMEOUT, logFile: join(root, rel), echo });
  const next: CanaryState = {
    ...state,
    logs: [...state.logs, { stage: state.stage, at: now.toISOString(), file: rel, exit: r.exit ?? 1 }],
  };
  writeCanary(root, next);
  return { state: next, logFile: rel };
}

async function stageCommand(root: string, command: string, opts: CanaryOptions): Promise<RunResult> {
  const r = await runCommand(command, { cwd: root, timeoutMs: TIMEOUT, echo: opts.echo });
  if (!r.ok)
    throw new KilldateError(
      'REFUSED',
      `the stage command failed (exit ${r.exit}): ${command}\n${r.tail.trim()}`,
      'nothing was recorded: fix it and run again',
    );
  return r;
}

export async function canaryRollback(
  opts: CanaryOptions & { reason?: string; layer?: string },
): Promise<CanaryResult> {
  refuseInsideAgent('canary rollback', opts.env ?? process.env);
  const { root, config, now } = open(opts);
  const state = mustRead(root, opts.feature);
  if (state.status === 'rolled-back')
    throw new KilldateError('REFUSED', `${opts.feature} is already rolled back`);
  if (!config.canary.flagOff && state.migrated && !config.canary.schemaRollback)
    throw new KilldateError(
      'REFUSED',
      'the schema was migrated and there is no flag: expected canary.schemaRollback, run before the code is reverted',
      'nothing was run; configure canary.schemaRollback (or canary.flagOff)',
    );
  const steps: NonNullable<CanaryResult['rollback']> = [];
  let how = '';
  for (const step of rollbackPlan(state, config.canary)) {
    if (step.kind === 'known-issue') continue;
    const command = 'command' in step ? step.command : undefined;
    if (!command) {
      steps.push({
        step: step.kind,
        done: false,
        detail: `run by hand: ${'instruction' in step ? step.instruction : ''}`,
      });
      how += `${how ? ', then ' : ''}${step.kind} by hand`;
      continue;
    }
    const r = await runCommand(command, { cwd: root, timeoutMs: TIMEOUT, echo: opts.echo });
    steps.push({
      step: step.kind,
      done: r.ok,
      detail: r.ok
        ? command
        : `${command} failed (exit ${r.exit}): ${r.tail.trim().split('\n').slice(-2).join(' / ')}`,
    });
    if (!r.ok)
      return { version: 1, action: 'rollback', ok: false, view: viewCanary(state, now), rollback: steps };
    how += `${how ? ', then ' : ''}${step.kind} (${command})`;
  }
  steps.push(await knownIssue(root, state, now, how, opts));
  const rolled = markRolledBack(state, now, how);
  writeCanary(root, rolled);
  return {
    version: 1,
    action: 'rollback',
    ok: true,
    view: viewCanary(rolled, now),
    rollback: steps,
    ...(steps.at(-1)?.done ? { knownIssue: steps.at(-1)?.id } : {}),
  };
}

/** The rollback's known-issue entry, written as `bug add` writes one. A refused write is reported, the rollback stands. */
async function knownIssue(
  root: string,
  s: CanaryState,
  now: Date,
  how: string,
  opts: { reason?: string; layer?: string },
): Promise<RollbackReport> {
  const stage = s.stages[s.stage]!.name;
  try {
    const r = await addBug({
      cwd: root,
      today: todayIso(now),
      title: `${s.feature} rolled back from the canary at stage "${stage}"`,
      layer: opts.layer ?? 'logic',
      severity: 'high',
      symptoms: opts.reason ?? `the canary of ${s.feature} was rolled back at stage "${stage}"`,
      cause: 'unknown',
      workaround: `rolled back: ${how || 'by hand'}`,
    });
    return { step: 'known-issue', done: true, detail: `${r.id} in ${r.file}`, id: r.id };
  } catch (e) {
    return { step: 'known-issue', done: false, detail: `not written: ${(e as Error).message}` };
  }
}
