// ship(): the deploy checklist of METHOD section 9, run step by step, resumable.
import { join } from 'node:path';
import { durationOrThrow } from '../core/duration.js';
import { KilldateError } from '../core/errors.js';
import { refuseInsideAgent } from '../core/human-acts.js';
import { type PlannedStep, shipPlan } from '../core/ship-plan.js';
import { runChecklist, type ShipStop } from '../ship/checklist.js';
import {
  cleanTree,
  deployStatus,
  logEntry,
  migrations,
  onBranch,
  type ShipContext,
  type StepOutcome,
} from '../ship/ship-builtins.js';
import { readShipState, type ShipState, type StepState } from '../ship/ship-state.js';
import { CONFIG_FILE } from '../workspace/config-reuse.js';
import { git, LITERAL } from '../workspace/git.js';
import { openWorkspace } from '../workspace/load.js';
import { canaryStart } from './canary.js';
import { killDates } from './killdates.js';

export interface ShipOptions {
  cwd?: string;
  /** steps a human attests to (non-interactive runs) */
  attest?: string[];
  resume?: boolean;
  /** discard an unfinished ship and start again */
  restart?: boolean;
  /** the feature whose canary starts after the deploy */
  feature?: string;
  /** the environment whose agent markers refuse the act (default: this process's) */
  env?: NodeJS.ProcessEnv;
  ask?: (question: string) => Promise<boolean>;
  progress?: (line: string) => void;
  echo?: NodeJS.WritableStream;
  signal?: AbortSignal;
  now?: Date;
}

export interface ShipResult {
  version: 1;
  id: string;
  stop: ShipStop;
  steps: StepState[];
  migrated: boolean;
}

export async function ship(opts: ShipOptions = {}): Promise<ShipResult> {
  refuseInsideAgent('ship', opts.env ?? process.env);
  const { root, ws } = openWorkspace({ cwd: opts.cwd });
  // the steps run the config's commands: only committed ones, before any step runs
  if (git(root, [...LITERAL, 'status', '--porcelain', '--', CONFIG_FILE]).stdout.trim())
    throw new KilldateError(
      'REFUSED',
      `${CONFIG_FILE} has uncommitted changes: ship runs only committed commands`,
    );
  const config = ws.config;
  const plan = shipPlan(config);
  const attestable = plan.filter((s) => s.kind === 'attest').map((s) => s.id);
  for (const a of opts.attest ?? [])
    if (!attestable.includes(a))
      throw new KilldateError(
        'USAGE',
        `--attest ${a}: no such attestation step; expected one of ${attestable.join(', ')}`,
      );
  const state = openState(root, plan, opts);
  const now = opts.now ?? new Date();
  const ctx: ShipContext = {
    root,
    config,
    shipId: state.id,
    now,
    feature: opts.feature ?? state.feature,
    logDir: join(root, '.killdate', 'ship', state.id),
    stepTimeoutMs: durationOrThrow(config.ship.stepTimeout, 'ship.stepTimeout'),
    echo: opts.echo,
    signal: opts.signal,
    summary: () => summary(state),
  };
  const who = git(root, ['config', 'user.name']).stdout.trim() || process.env.USER || 'unknown';
  const stop = await runChecklist(plan, state, ctx, {
    ask: opts.ask,
    attested: new Set(opts.attest ?? []),
    who,
    progress: opts.progress ?? (() => {}),
    builtin: (step) => builtin(step, ctx, state),
  });
  return { version: 1, id: state.id, stop, steps: state.steps, migrated: state.migrated };
}

function openState(root: string, plan: PlannedStep[], opts: ShipOptions): ShipState {
  const existing = opts.restart ? undefined : readShipState(root);
  const unfinished = existing && !existing.finishedAt ? existing : undefined;
  if (unfinished && !opts.resume && !opts.restart) {
    const at = unfinished.steps.find((s) => s.status !== 'done' && s.status !== 'skipped');
    throw new KilldateError(
      'REFUSED',
      `ship ${unfinished.id} is unfinished (at step ${at?.id ?? '?'})`,
      'run `killdate ship --resume` to go on, or --restart to start again',
    );
  }
  if (opts.resume && !unfinished)
    throw new KilldateError('NOT_FOUND', 'no unfinished ship to resume', 'run `killdate ship`');
  if (unfinished && opts.resume) {
    for (const p of plan)
      if (!unfinished.steps.some((s) => s.id === p.id))
        unfinished.steps.push({ id: p.id, status: 'pending' });
    if (opts.feature) unfinished.feature = opts.feature;
    return unfinished;
  }
  const id = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return {
    version: 1,
    id,
    startedAt: new Date().toISOString(),
    ...(opts.feature ? { feature: opts.feature } : {}),
    migrated: false,
    steps: plan.map((p) => ({ id: p.id, status: 'pending' as const })),
  };
}

async function builtin(
  step: PlannedStep & { kind: 'builtin' },
  ctx: ShipContext,
  state: ShipState,
): Promise<StepOutcome> {
  switch (step.builtin) {
    case 'clean-tree':
      return cleanTree(ctx);
    case 'branch':
      return onBranch(ctx);
    case 'migrations':
      return migrations(ctx);
    case 'log-entry':
      return logEntry(ctx);
    case 'deploy-status':
      return deployStatus(ctx);
    case 'canary': {
      if (!ctx.feature)
        return {
          ok: true,
          skipped: true,
          detail: 'no --feature: start it with `killdate canary start <feature>`',
        };
      const r = await canaryStart({
        cwd: ctx.root,
        feature: ctx.feature,
        now: ctx.now,
        migrated: state.migrated,
        echo: ctx.echo,
      });
      return { ok: true, detail: `canary of ${ctx.feature} at stage "${r.view.stageName}"` };
    }
    case 'kill-dates': {
      const r = await killDates({ cwd: ctx.root, today: ctx.now.toISOString().slice(0, 10) });
      const s = r.summary;
      const bad = s.overdue + s.missing + s.inconsistent;
      return {
        ok: true,
        warning: bad > 0 || s['due-soon'] > 0,
        detail: `${s.total} kill dates: ${s.overdue} overdue, ${s['due-soon']} due soon, ${s.missing} missing, ${s.inconsistent} inconsistent`,
      };
    }
  }
}

function summary(state: ShipState): string {
  const done = state.steps.filter((s) => s.status === 'done');
  const attested = done.filter((s) => s.attestedBy).map((s) => s.id);
  const ran = done.filter((s) => !s.attestedBy).map((s) => s.id);
  const skipped = state.steps.filter((s) => s.status === 'skipped').map((s) => s.id);
  return `Checked: ${ran.join(', ') || 'none'}${attested.length ? `; attested: ${attested.join(', ')}` : ''}${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}.`;
}
