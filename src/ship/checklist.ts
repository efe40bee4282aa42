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
import { type ShipState, writeShipState } from './ship-state.js';

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
        return { kind: 'needs-attestation', step: step.id, question: step.question };
      }
      Object.assign(s, { status: 'done', attestedBy: hooks.who, detail: `attested by ${hooks.who}` });
    } else {
      const out = step.kind === 'run' ? await runStep(step, ctx, s.id) : await hooks.builtin(step, ctx);
      if (ctx.signal?.aborted) {
        s.status = 'pending';
        save();
        return { kind: 'interrupted', step: step.id };
      }
      Object.assign(s, {
        status: out.ok ? 'done' : 'failed',
        detail: out.detail,
        ...(out.warning ? { warning: true } : {}),
      });
      if (step.kind === 'run') s.log = `.killdate/ship/${state.id}/${step.id}.log`;
      if (out.migrated) state.migrated = true;
      if (!out.ok) {
        save();
        hooks.progress(`${tag} ✗ ${out.detail}`);
        return { kind: 'failed', step: step.id, detail: out.detail };
      }
    }
    save();
    hooks.progress(`${tag} ${s.warning ? '!' : '✓'} ${s.detail ?? ''}`);
  }
  state.finishedAt = new Date().toISOString();
  save();
  return { kind: 'done' };
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
