// The canary ladder as a state machine: start at the first stage, expand only after the
// stage's clean window has passed, roll back in the method's order. Pure: time is a parameter.

import { durationOrThrow, formatDuration } from './duration.js';
import type { CanaryConfig } from './ship-config.js';
import { z } from './zod.js';

export const canaryStateSchema = z
  .object({
    version: z.literal(1),
    feature: z.string().min(1),
    stages: z.array(z.object({ name: z.string(), windowMs: z.number().int().nonnegative() }).strict()).min(1),
    stage: z.number().int().nonnegative(),
    stageStartedAt: z.iso.datetime(),
    status: z.enum(['running', 'rolled-back']),
    migrated: z.boolean(),
    logs: z.array(
      z
        .object({ stage: z.number().int(), at: z.iso.datetime(), file: z.string(), exit: z.number().int() })
        .strict(),
    ),
    history: z.array(
      z
        .object({
          at: z.iso.datetime(),
          event: z.string(),
          stage: z.number().int(),
          note: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .refine((s) => s.stage < s.stages.length, { message: 'stage is past the last stage of the ladder' });

export type CanaryState = z.infer<typeof canaryStateSchema>;

export interface CanaryView {
  feature: string;
  status: 'running' | 'complete' | 'rolled-back';
  stage: number;
  stageName: string;
  stages: string[];
  windowMs: number;
  elapsedMs: number;
  /** time left in the clean window; 0 once it has passed */
  leftMs: number;
  windowPassed: boolean;
  logsRun: boolean;
  next?: string;
}

export function ladder(config: CanaryConfig): { name: string; windowMs: number }[] {
  return config.stages.map((s, i) => ({
    name: s.name,
    windowMs: durationOrThrow(s.window, `canary.stages[${i}].window`),
  }));
}

export function startCanary(feature: string, config: CanaryConfig, now: Date, migrated = false): CanaryState {
  const at = now.toISOString();
  return {
    version: 1,
    feature,
    stages: ladder(config),
    stage: 0,
    stageStartedAt: at,
    status: 'running',
    migrated,
    logs: [],
    history: [{ at, event: 'start', stage: 0 }],
  };
}

export function viewCanary(s: CanaryState, now: Date): CanaryView {
  const stage = s.stages[s.stage]!;
  const elapsedMs = Math.max(0, now.getTime() - Date.parse(s.stageStartedAt));
  const leftMs = Math.max(0, stage.windowMs - elapsedMs);
  const last = s.stage === s.stages.length - 1;
  const status = s.status === 'rolled-back' ? 'rolled-back' : last && leftMs === 0 ? 'complete' : 'running';
  return {
    feature: s.feature,
    status,
    stage: s.stage,
    stageName: stage.name,
    stages: s.stages.map((x) => x.name),
    windowMs: stage.windowMs,
    elapsedMs,
    leftMs,
    windowPassed: leftMs === 0,
    logsRun: s.logs.some((l) => l.stage === s.stage),
    ...(last ? {} : { next: s.stages[s.stage + 1]!.name }),
  };
}

export type ExpandDecision = { ok: true; state: CanaryState } | { ok: false; reason: string };

/** Move to the next stage, or say why not. The logs of the stage must have run clean. */
export function expandCanary(s: CanaryState, now: Date): ExpandDecision {
  const v = viewCanary(s, now);
  if (s.status === 'rolled-back')
    return { ok: false, reason: `${s.feature} was rolled back: start a new canary` };
  if (!v.next) return { ok: false, reason: `${s.feature} is already at the last stage (${v.stageName})` };
  if (!v.windowPassed)
    return {
      ok: false,
      reason: `the clean window of stage "${v.stageName}" has ${formatDuration(v.leftMs)} left (of ${formatDuration(v.windowMs)}): expand after ${new Date(Date.parse(s.stageStartedAt) + v.windowMs).toISOString()}`,
    };
  const log = [...s.logs].reverse().find((l) => l.stage === s.stage);
  if (log && log.exit !== 0)
    return {
      ok: false,
      reason: `the log command failed at the end of stage "${v.stageName}" (exit ${log.exit}): see ${log.file}`,
    };
  const at = now.toISOString();
  return {
    ok: true,
    state: {
      ...s,
      stage: s.stage + 1,
      stageStartedAt: at,
      history: [...s.history, { at, event: 'expand', stage: s.stage + 1 }],
    },
  };
}

export type RollbackStep =
  | { kind: 'flag-off'; command: string }
  | { kind: 'schema-rollback'; command: string }
  | { kind: 'revert'; command?: string; instruction: string }
  | { kind: 'known-issue' };

/** The method's rollback order: flag off; with no flag, schema first then code; then a known issue. */
export function rollbackPlan(s: CanaryState, config: CanaryConfig): RollbackStep[] {
  const steps: RollbackStep[] = [];
  if (config.flagOff) steps.push({ kind: 'flag-off', command: config.flagOff });
  else {
    if (s.migrated && config.schemaRollback)
      steps.push({ kind: 'schema-rollback', command: config.schemaRollback });
    steps.push({
      kind: 'revert',
      ...(config.revert ? { command: config.revert } : {}),
      instruction: config.revert ?? 'git revert HEAD && git push origin main',
    });
  }
  steps.push({ kind: 'known-issue' });
  return steps;
}

export function markRolledBack(s: CanaryState, now: Date, note: string): CanaryState {
  return {
    ...s,
    status: 'rolled-back',
    history: [...s.history, { at: now.toISOString(), event: 'rollback', stage: s.stage, note }],
  };
}
