// runAll(): several ready features at once, each in its own worktree and branch, under a
// concurrency limit, after reporting where their FILES overlap. Each feature runs the same
// loop as `run` (its run state stays in the main checkout, so `runs` sees them all), all in
// this one process: node starts and the modules load once, and the agents, git and VALIDATE
// run as child processes that the features wait on side by side.
import { evaluateCheckpoints, passedCount } from '../core/checkpoints.js';
import { KilldateError } from '../core/errors.js';
import { findOverlaps, type Overlap } from '../core/overlap.js';
import { parseLock } from '../core/parse/lock.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { plain } from '../core/sections.js';
import { CHECKPOINTS } from '../core/signoffs.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';
import { featureWorktrees } from '../orchestrator/worktree.js';
import { openWorkspace } from '../workspace/load.js';
import { gatherEvidence } from './evidence.js';
import { findFeature } from './features.js';
import { type RunFeatureResult, type RunOptions, run, stateRootOf } from './run.js';

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
  const trees = await featureWorktrees(
    root,
    chosen.map((f) => ({ slug: f.slug, ...branchOf(ws, f) })),
    ws.config.worktree,
  );
  const stop = interruption(opts);
  try {
    const outcomes = await pool(chosen, concurrency, async (f): Promise<FeatureOutcome> => {
      const wt = trees.get(f.slug)!;
      if (wt instanceof KilldateError) return { feature: f.slug, error: errorOf(wt) };
      const at = { feature: f.slug, worktree: wt.path, branch: wt.branch };
      if (stop.signal?.aborted)
        return { ...at, error: { code: 'INTERRUPTED', message: 'interrupted before it started' } };
      opts.progress?.(`${f.slug}: running in ${wt.path} (${wt.branch})`);
      try {
        return { ...at, result: await runHere(opts, f.slug, wt.path, stateRoot, stop.signal) };
      } catch (e) {
        return { ...at, error: errorOf(e) };
      }
    });
    return { version: 1, features: chosen.map((f) => f.slug), overlaps, concurrency, outcomes };
  } finally {
    stop.release();
  }
}

/** A failure of one feature is its outcome; the others go on. */
const errorOf = (e: unknown) =>
  e instanceof KilldateError
    ? { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) }
    : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };

/** One SIGINT listener for every feature (not one per agent): Ctrl-C interrupts them all. */
function interruption(opts: RunAllOptions): { signal?: AbortSignal; release: () => void } {
  if (opts.handleSigint === false) return { ...(opts.signal ? { signal: opts.signal } : {}), release() {} };
  const ctl = new AbortController();
  const onSigint = () => ctl.abort();
  process.on('SIGINT', onSigint);
  return {
    signal: opts.signal ? AbortSignal.any([opts.signal, ctl.signal]) : ctl.signal,
    release: () => process.off('SIGINT', onSigint),
  };
}

function runHere(
  opts: RunAllOptions,
  feature: string,
  tree: string,
  stateRoot: string,
  signal: AbortSignal | undefined,
): Promise<RunFeatureResult> {
  const { features: _f, concurrency: _c, onOverlaps: _o, signal: _s, ...rest } = opts;
  return run({ ...rest, cwd: tree, feature, stateRoot, handleSigint: false, ...(signal ? { signal } : {}) });
}

/** The named features, or every feature past CP-3 that is not completed (no rules run: readiness is the sign-offs). */
function choose(root: string, ws: Workspace, slugs?: string[]): FeatureRef[] {
  if (slugs?.length) return slugs.map((s) => findFeature(ws, s));
  const ready = ws.features().filter((f) => !f.completed && passedCP3(root, ws, f));
  if (!ready.length) throw new KilldateError('REFUSED', 'no ready feature to run', 'killdate status');
  return ready;
}

function passedCP3(root: string, ws: Workspace, f: FeatureRef): boolean {
  const e = gatherEvidence(root, ws, f);
  return passedCount(evaluateCheckpoints(e.signoffs, e.cover, e.isMock)) === CHECKPOINTS.length;
}

function branchOf(ws: Workspace, f: FeatureRef): { lockBranch?: string } {
  const lock = f.lock ? ws.parsed(f.lock, parseLock) : undefined;
  const raw = lock?.branch?.value;
  const b = raw ? plain(raw).trim() : '';
  return /^[A-Za-z0-9][\w./-]*$/.test(b) && !b.includes('..') && !b.endsWith('.lock')
    ? { lockBranch: b }
    : {};
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
