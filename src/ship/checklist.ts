// Run the deploy checklist step by step: commands with their output streamed and kept,
// attestations asked on a terminal or given with --attest, built-ins done by killdate. The
// state is saved before and after each step; a stop says exactly what is needed to go on.
import { join } from 'node:path';
import type { PlannedStep } from '../core/ship-plan.js';
import { runCommand } from './run.js';
import {
  cleanTree,
  deployStatus,
  logEntry,
  migrations,
  onBranch,
  type ShipContext,
  type StepOutcome,
} from './ship-builtins.js';
import { type ShipState, type StepState, writeShipState } from './ship-state.js';
import { restartStaging, type StagingPhase, stagingPhase } from './staging.js';

export type ShipStop =
  | { kind: 'done' }
  | { kind: 'failed'; step: string; detail: string }
  | { kind: 'needs-attestation'; step: string; question: string }
  | { kind: 'interrupted'; step: string };

export interface ChecklistHooks {
  /** ask a human on a terminal; undefined when there is none */
  ask?: (question: string) => Promise<boolean>;
  attested: Set<string>;
  who: string;
  progress: (line: string) => void;
  builtin: (step: PlannedStep & { kind: 'builtin' }, ctx: ShipContext) => Promise<StepOutcome>;
}

export async function runChecklist(
  plan: PlannedStep[],
  state: ShipState,
  ctx: ShipContext,
  hooks: ChecklistHooks,
): Promise<ShipStop> {
  const save = () => writeShipState(ctx.root, state);
  const phase = stagingPhase(plan);
  const stuck = phase ? await prepareStaging(phase, state, ctx, hooks) : undefined;
  if (stuck) return stuck;
  for (const [n, step] of plan.entries()) {
    const s = state.steps.find((x) => x.id === step.id)!;
    if (s.status === 'done' || s.status === 'skipped') continue;
    const tag = `[${n + 1}/${plan.length}] ${step.title}`;
    hooks.progress(`${tag} …`);
    s.status = 'running';
    s.at = new Date().toISOString();
    save();
    if (step.kind === 'attest') {
      let yes = hooks.attested.has(step.id);
      if (!yes && hooks.ask) yes = await hooks.ask(`${step.question} [y/N] `);
      if (!yes) {
        s.status = 'pending';
        save();
        if (state.staging) hooks.progress(`${tag}: staging stays up for it until the ship goes on`);
        return { kind: 'needs-attestation', step: step.id, question: step.question };
      }
      Object.assign(s, { status: 'done', attestedBy: hooks.who, detail: `attested by ${hooks.who}` });
    } else {
      const out = step.kind === 'run' ? await runStep(step, ctx, s.id) : await hooks.builtin(step, ctx);
      if (ctx.signal?.aborted) {
        s.status = 'pending';
        if (phase && step.staging && step.staging !== 'down')
          await tearDown(phase, state, ctx, hooks, `${step.id} was interrupted`);
        save();
        return { kind: 'interrupted', step: step.id };
      }
      record(s, step, out, state);
      if (!out.ok) {
        save();
        hooks.progress(`${tag} ✗ ${out.detail}`);
        if (phase && step.staging && step.staging !== 'down')
          await tearDown(phase, state, ctx, hooks, `${step.id} failed`);
        return { kind: 'failed', step: step.id, detail: out.detail };
      }
    }
    save();
    hooks.progress(
      `${tag} ${(s.status as StepState['status']) === 'skipped' ? '- skipped:' : s.warning ? '!' : '✓'} ${s.detail ?? ''}`,
    );
  }
  state.finishedAt = new Date().toISOString();
  save();
  return { kind: 'done' };
}

function record(s: StepState, step: PlannedStep, out: StepOutcome, state: ShipState): void {
  Object.assign(s, {
    status: out.ok ? (out.skipped ? 'skipped' : 'done') : 'failed',
    detail: out.detail,
    ...(out.warning ? { warning: true } : {}),
  });
  if (step.kind === 'run') s.log = `.killdate/ship/${state.id}/${step.id}.log`;
  if (out.migrated) state.migrated = true;
  if (out.ok && step.staging === 'up') state.staging = { since: new Date().toISOString(), pid: process.pid };
  if (out.ok && step.staging === 'down') state.staging = undefined;
}

/** Runs commands.stagingDown now and records it as the teardown step (ship state and log). */
async function tearDown(
  phase: StagingPhase,
  state: ShipState,
  ctx: ShipContext,
  hooks: ChecklistHooks,
  why: string,
): Promise<boolean> {
  const s = state.steps.find((x) => x.id === phase.down.id)!;
  const out = await runStep(phase.down, { ...ctx, signal: undefined }, s.id);
  record(s, phase.down, { ...out, detail: `${out.detail}, after ${why}` }, state);
  writeShipState(ctx.root, state);
  hooks.progress(`${phase.down.title} ${out.ok ? '✓' : '✗'} ${s.detail}`);
  return out.ok;
}

/** A staging a crash left up is torn down before the phase starts again (ship --resume). */
async function prepareStaging(
  phase: StagingPhase,
  state: ShipState,
  ctx: ShipContext,
  hooks: ChecklistHooks,
): Promise<ShipStop | undefined> {
  const since = state.staging?.since;
  if (!restartStaging(phase, state).tearDown) return undefined;
  const ok = await tearDown(phase, state, ctx, hooks, `ship ${state.id} left staging up since ${since}`);
  const s = state.steps.find((x) => x.id === phase.down.id)!;
  if (!ok) return { kind: 'failed', step: s.id, detail: s.detail ?? '' };
  s.status = 'pending';
  writeShipState(ctx.root, state);
  return undefined;
}

async function runStep(
  step: PlannedStep & { kind: 'run' },
  ctx: ShipContext,
  id: string,
): Promise<StepOutcome> {
  const r = await runCommand(step.command, {
    cwd: ctx.root,
    timeoutMs: ctx.stepTimeoutMs,
    logFile: join(ctx.logDir, `${id}.log`),
    echo: ctx.echo,
    signal: ctx.signal,
  });
  if (r.ok) return { ok: true, detail: `${step.command} (exit 0)` };
  const why = r.timedOut ? 'timed out' : r.interrupted ? 'interrupted' : `exit ${r.exit}`;
  return { ok: false, detail: `${step.command} failed (${why}): ${r.tail.trim().split('\n').at(-1) ?? ''}` };
}

export { cleanTree, deployStatus, logEntry, migrations, onBranch };
