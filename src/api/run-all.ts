// runAll(): several ready features at once, each in its own worktree and branch, under a
// concurrency limit, after reporting where their FILES overlap. Each feature runs the same
// loop as `run` (its run state stays in the main checkout, so `runs` sees them all).
import { runRules } from '../core/check.js';
import { KilldateError } from '../core/errors.js';
import { findOverlaps, type Overlap } from '../core/overlap.js';
import { parseLock } from '../core/parse/lock.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { plain } from '../core/sections.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';
import { featureWorktree } from '../orchestrator/worktree.js';
import { openWorkspace } from '../workspace/load.js';
import { findFeature } from './features.js';
import { type RunFeatureResult, type RunOptions, run, stateRootOf } from './run.js';
import { featureStatus } from './status.js';

export interface RunAllOptions extends Omit<RunOptions, 'feature' | 'task' | 'stateRoot'> {
  /** these features; none: every ready feature */
  features?: string[];
  concurrency?: number;
  /** called once the overlaps are known, before any feature starts */
  onOverlaps?: (overlaps: Overlap[]) => void;
}

export interface FeatureOutcome {
  feature: string;
  worktree?: string;
  branch?: string;
  result?: RunFeatureResult;
  error?: { code: string; message: string; hint?: string };
}

export interface RunAllResult {
  version: 1;
  features: string[];
  overlaps: Overlap[];
  concurrency: number;
  outcomes: FeatureOutcome[];
}

export async function runAll(opts: RunAllOptions): Promise<RunAllResult> {
  const { root, ws } = openWorkspace({ cwd: opts.cwd, today: opts.today });
  const stateRoot = stateRootOf(root);
  const chosen = choose(root, ws, opts.features);
  const overlaps = findOverlaps(
    chosen.map((f) => ({
      slug: f.slug,
      files: [...new Set(f.runbooks.flatMap((rb) => filesAllowlist(ws.parsed(rb, parseRunbook)!)))],
    })),
  );
  opts.onOverlaps?.(overlaps);
  const concurrency = Math.max(1, opts.concurrency ?? ws.config.run.concurrency);
  const outcomes = await pool(chosen, concurrency, async (f): Promise<FeatureOutcome> => {
    try {
      const wt = featureWorktree(root, f.slug, { ...ws.config.worktree, ...branchOf(ws, f) });
      const { features: _f, concurrency: _c, onOverlaps: _o, ...rest } = opts;
      const result = await run({ ...rest, cwd: wt.path, feature: f.slug, stateRoot });
      return { feature: f.slug, worktree: wt.path, branch: wt.branch, result };
    } catch (e) {
      if (!(e instanceof KilldateError)) throw e;
      return {
        feature: f.slug,
        error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
      };
    }
  });
  return { version: 1, features: chosen.map((f) => f.slug), overlaps, concurrency, outcomes };
}

function choose(root: string, ws: Workspace, slugs?: string[]): FeatureRef[] {
  if (slugs?.length) return slugs.map((s) => findFeature(ws, s));
  const findings = runRules(ws);
  const ready = ws
    .features()
    .filter(
      (f) => !f.completed && ['ready', 'building'].includes(featureStatus(root, ws, f, findings).state),
    );
  if (!ready.length) throw new KilldateError('REFUSED', 'no ready feature to run', 'killdate status');
  return ready;
}

function branchOf(ws: Workspace, f: FeatureRef): { lockBranch?: string } {
  const lock = f.lock ? ws.parsed(f.lock, parseLock) : undefined;
  const raw = lock?.branch?.value;
  const b = raw ? plain(raw).trim() : '';
  return b && !/\s/.test(b) ? { lockBranch: b } : {};
}

/** Runs `work` over `items`, at most `limit` at a time, results in the items' order. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
