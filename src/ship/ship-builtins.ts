// The checklist steps killdate does itself: clean tree, branch, migrations (before code, with
// a rollback written), the canary start, the log entry, the deploy status and the kill dates.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../agents/redact.js';
import type { Config } from '../core/config.js';
import { withDeployStatus } from '../core/deploy-status.js';
import { pendingMigrations } from '../core/ship-plan.js';
import { git } from '../workspace/git.js';
import { runCommand } from './run.js';
import { appendLocked, rewriteLocked } from './write.js';

export interface StepOutcome {
  ok: boolean;
  detail: string;
  /** the ship ran migrations: a rollback must roll the schema back first */
  migrated?: boolean;
  warning?: boolean;
  /** nothing to do here (not configured, no feature): recorded as skipped, never as checked */
  skipped?: boolean;
}

export interface ShipContext {
  root: string;
  config: Config;
  shipId: string;
  now: Date;
  feature?: string;
  logDir: string;
  stepTimeoutMs: number;
  echo?: NodeJS.WritableStream;
  signal?: AbortSignal;
  /** steps done so far, for the log entry */
  summary: () => string;
}

export function cleanTree(ctx: ShipContext): StepOutcome {
  const r = git(ctx.root, [
    'status',
    '--porcelain',
    '--untracked-files=all',
    '--',
    '.',
    ':(exclude).killdate',
  ]);
  const dirty = r.stdout.split('\n').filter(Boolean);
  return dirty.length
    ? {
        ok: false,
        detail: `${dirty.length} uncommitted change${dirty.length === 1 ? '' : 's'}: ${dirty
          .slice(0, 5)
          .map((l) => l.slice(3))
          .join(', ')}`,
      }
    : { ok: true, detail: 'working tree clean' };
}

export function onBranch(ctx: ShipContext): StepOutcome {
  const branch = git(ctx.root, ['branch', '--show-current']).stdout.trim() || '(detached HEAD)';
  const want = ctx.config.ship.branch;
  return branch === want
    ? { ok: true, detail: `on ${branch}` }
    : { ok: false, detail: `on ${branch}: expected ${want} (ship.branch)` };
}

/** Applied migration names: from the configured file, or the configured command's output. */
function appliedList(ctx: ShipContext): string[] | string {
  const m = ctx.config.ship.migrations;
  if (m.appliedFile) {
    const f = join(ctx.root, m.appliedFile);
    return existsSync(f) ? readFileSync(f, 'utf8').split('\n') : [];
  }
  if (!m.applied)
    return 'no applied list: expected ship.migrations.applied (a command) or ship.migrations.appliedFile';
  const r = spawnSync('sh', ['-c', m.applied], {
    cwd: ctx.root,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0)
    return `the applied-migrations command failed (exit ${r.status ?? 'timeout'}): ${redact((r.stderr || r.stdout || '').trim().slice(-200))}`;
  return r.stdout.split('\n');
}

export async function migrations(ctx: ShipContext): Promise<StepOutcome> {
  const m = ctx.config.ship.migrations;
  if (!m.folder)
    return { ok: true, skipped: true, detail: 'no migrations folder configured (ship.migrations.folder)' };
  const dir = join(ctx.root, m.folder);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
  const pending = () => {
    const applied = appliedList(ctx);
    return typeof applied === 'string' ? applied : pendingMigrations(files, applied);
  };
  const before = pending();
  if (typeof before === 'string') return { ok: false, detail: before };
  if (!before.length) return { ok: true, detail: `no pending migrations in ${m.folder}` };
  const names = before.join(', ');
  if (!ctx.config.ship.rollback)
    return {
      ok: false,
      detail: `pending migrations ${names}: the rollback command is not written (expected ship.rollback)`,
    };
  if (!ctx.config.ship.migrate)
    return {
      ok: false,
      detail: `pending migrations ${names} must run before the code deploys: expected ship.migrate, or run them and resume`,
    };
  const r = await runCommand(ctx.config.ship.migrate, {
    cwd: ctx.root,
    timeoutMs: 30 * 60_000,
    echo: ctx.echo,
    signal: ctx.signal,
    logFile: join(ctx.logDir, 'migrate.log'),
  });
  if (!r.ok)
    return {
      ok: false,
      detail: `the migration failed (exit ${r.exit}): ${r.tail.trim().split('\n').at(-1) ?? ''}`,
    };
  const after = pending();
  if (typeof after === 'string') return { ok: false, detail: after };
  if (after.length)
    return {
      ok: false,
      detail: `still pending after ship.migrate: ${after.join(', ')}: the code must not deploy before them`,
    };
  return { ok: true, detail: `ran ${names}; rollback: ${ctx.config.ship.rollback}`, migrated: true };
}

/** The release HEAD is (no --dirty: the clean-tree step checked it, and the ship's own log entry is not a change to the release). */
export function releaseName(root: string): string {
  const d = git(root, ['describe', '--tags', '--always']);
  return d.ok ? d.stdout.trim() : 'unknown';
}

export function logEntry(ctx: ShipContext): StepOutcome {
  const file = join(ctx.root, ctx.config.paths.log);
  const branch = git(ctx.root, ['branch', '--show-current']).stdout.trim() || 'detached';
  const day = ctx.now.toISOString().slice(0, 10);
  const text = `\n## ${day}\n\n**Branch:** ${branch}\n**What happened:** Deployed ${releaseName(ctx.root)} to production with the checklist (killdate ship ${ctx.shipId}). ${ctx.summary()}\n`;
  appendLocked(file, text, { root: ctx.root, path: ctx.config.paths.log });
  return { ok: true, detail: `appended to ${ctx.config.paths.log}` };
}

export function deployStatus(ctx: ShipContext): StepOutcome {
  const rel = ctx.config.paths.architecture;
  const fields = [
    { label: 'Last deploy', value: ctx.now.toISOString().slice(0, 10) },
    { label: 'Current version', value: releaseName(ctx.root) },
    { label: 'Shipped with', value: `killdate ship ${ctx.shipId}` },
  ];
  rewriteLocked(join(ctx.root, rel), (text) => withDeployStatus(text, fields), { root: ctx.root, path: rel });
  return { ok: true, detail: `updated the deployment status in ${rel}` };
}
