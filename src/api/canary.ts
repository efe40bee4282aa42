// The canary ladder: start, status, expand (refused before the clean window has passed) and
// rollback in the method's order. Time is a parameter so tests need not wait.
import { existsSync, readFileSync } from 'node:fs';
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
import { KilldateError } from '../core/errors.js';
import { refuseInsideAgent } from '../core/human-acts.js';
import { readCanary, writeCanary } from '../ship/canary-state.js';
import { type RunResult, runCommand } from '../ship/run.js';
import { appendLocked } from '../ship/write.js';
import { openWorkspace } from '../workspace/load.js';

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
  rollback?: { step: RollbackStep['kind']; done: boolean; detail: string }[];
  knownIssue?: string;
}

const TIMEOUT = 10 * 60_000;

function open(opts: CanaryOptions) {
  const { root, ws } = openWorkspace({ cwd: opts.cwd });
  return { root, config: ws.config, now: opts.now ?? new Date() };
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
  const { root, config, now } = open(opts);
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
  opts: CanaryOptions & { reason?: string; prefix?: string },
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
  const file = join(root, config.paths.knownIssues);
  const id = nextIssueId(existsSync(file) ? readFileSync(file, 'utf8') : '', opts.prefix ?? 'B');
  appendLocked(file, knownIssueEntry(id, state, now, how, opts.reason));
  steps.push({ step: 'known-issue', done: true, detail: `${id} in ${config.paths.knownIssues}` });
  const rolled = markRolledBack(state, now, how);
  writeCanary(root, rolled);
  return {
    version: 1,
    action: 'rollback',
    ok: true,
    view: viewCanary(rolled, now),
    rollback: steps,
    knownIssue: id,
  };
}

export function nextIssueId(text: string, prefix: string): string {
  if (!/^[A-Z]{1,4}$/.test(prefix))
    throw new KilldateError(
      'USAGE',
      `bad issue prefix ${prefix}: expected one of B UI INT CFG INF SCH P SEC`,
    );
  let max = 0;
  for (const m of text.matchAll(new RegExp(`\\b${prefix}-(\\d+)\\b`, 'g'))) max = Math.max(max, Number(m[1]));
  return `${prefix}-${max + 1}`;
}

function knownIssueEntry(id: string, s: CanaryState, now: Date, how: string, reason?: string): string {
  const stage = s.stages[s.stage]!.name;
  return [
    '',
    `**${id} ${s.feature} rolled back from the canary at stage "${stage}"**`,
    '',
    '- **Severity:** high',
    `- **Symptoms:** ${reason ?? `the canary of ${s.feature} was rolled back at stage "${stage}"`}`,
    '- **Suspected cause:** unknown',
    `- **Workaround:** rolled back: ${how || 'by hand'}`,
    `- **Opened:** ${now.toISOString().slice(0, 10)}`,
    '',
  ].join('\n');
}
