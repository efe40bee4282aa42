// The state of task runs under `<root>/.killdate/`: one meta.json per run in runs/<id>/ (the
// agent transcripts sit beside it, in executor/ and planner/), and one lock per feature in
// locks/<feature>.json so two tasks of a feature never run at once. The meta is replaced
// atomically at each phase, so an interrupted run says how far it got. Each meta.json is also
// written to git as a blob under refs/killdate/runs/<id>: revert, resume and approve act only
// on a record that matches it (verifiedMeta).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runsDir } from '../agents/index.js';
import { redactDeep } from '../agents/redact.js';
import { KilldateError } from '../core/errors.js';
import type { Decision, ReviewCheck } from '../core/review-doc.js';
import type { Change } from '../core/scope.js';
import { ensureStateDir, STATE_DIR } from '../workspace/active-task.js';
import { readBlobsSync } from '../workspace/blobs.js';
import { git } from '../workspace/git.js';
import type { GitState } from '../workspace/git-state.js';
import { countRefs, refsUnder } from '../workspace/loose-objects.js';
import { assertWritable } from '../workspace/paths.js';
import { readWitnessed, writeWitnessed } from '../workspace/witnessed.js';
import type { PathState } from './revert.js';

export type RunPhase = 'executor' | 'review' | 'done';
/** running: in progress (or its process died: shown as interrupted); failed: the executor failed */
export type TaskRunStatus = 'running' | 'interrupted' | 'failed' | 'reviewed';

/** A path dirty before the task started: its content then (a blob id) or null when absent. */
export type StartState = Record<string, { blob: string | null; mode?: number }>;

export interface ExecutorSummary {
  agent: string;
  adapter: string;
  version?: string;
  status: string;
  failure?: string;
  reason?: string;
  tokens: { input: number; output: number; cached: number };
  costUsd?: number;
  transcript: string;
  durationMs: number;
  /** the variables that may hold secrets, withheld from it (names only; config run.passEnv) */
  withheld?: string[];
  /** false when the executor edited the feature's REVIEW.md */
  reviewUntouched?: boolean;
  /** how .killdate/active-task.json differed from the task ref when the executor ended */
  guardTampered?: string[];
  /** what changed in git's own state (config, excludes, index flags, hooks) during the executor */
  gitState?: string[];
  /** git-ignored paths outside FILES the executor's time created or changed */
  ignored?: string[];
  /** processes carrying the run's marker still running when the executor ended: killed */
  killed?: { pid: number; command: string }[];
}

export interface TaskRunMeta {
  version: 1;
  kind: 'task';
  runId: string;
  feature: string;
  task: string;
  runbook: string;
  /** where the work happens: the repo root or the feature's worktree */
  tree: string;
  base: string;
  branch?: string;
  startState: StartState;
  /** what git hides from a diff, as it was when the run started */
  gitState?: GitState;
  status: TaskRunStatus;
  phase: RunPhase;
  pid: number;
  attempts: number;
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  /** the executor the run started with (its configured name): resume uses it again */
  executorName?: string;
  executor?: ExecutorSummary;
  /** the task's changes as the review saw them (what revert undoes) */
  changes?: Change[];
  /** each changed path's content at review (a blob id): revert acts only on a path still so */
  reviewed?: Record<string, PathState>;
  /** the task's FILES entries */
  files?: string[];
  checks?: ReviewCheck[];
  allPassed?: boolean;
  decision?: Decision;
  reason?: string;
}

/** Fields killdate read from git, kept exact in the record (revert acts on them). */
const EXACT = new Set([
  'runId',
  'feature',
  'task',
  'runbook',
  'tree',
  'base',
  'branch',
  'startState',
  'changes',
  'reviewed',
  'files',
]);

export const runDir = (root: string, runId: string): string => join(runsDir(root), runId);

export function writeMeta(root: string, meta: TaskRunMeta): void {
  const dir = runDir(root, meta.runId);
  assertWritable(join(dir, 'meta.json'));
  mkdirSync(dir, { recursive: true });
  ensureStateDir(root);
  const ignore = join(runsDir(root), '.gitignore');
  try {
    writeFileSync(ignore, '*\n', { flag: 'wx' });
  } catch {}
  // what came from a subprocess (check details, the executor's reason) is redacted; the paths,
  // blob ids and commits killdate read from git are kept exact: revert acts on them
  const record = Object.fromEntries(
    Object.entries(meta).map(([k, v]) => [k, EXACT.has(k) ? v : redactDeep(v)]),
  );
  writeWitnessed(root, metaFile(meta.runId), runRef(meta.runId), `${JSON.stringify(record, null, 2)}\n`);
}

const RUN_REFS = 'refs/killdate/runs/';
export const runRef = (runId: string): string => `${RUN_REFS}${runId}`;

const metaFile = (runId: string): string => `.killdate/runs/${runId}/meta.json`;
/** The person's way back to the record killdate wrote. */
const FROM_GIT = 'delete the file: killdate keeps its own copy in git';

/**
 * The run record, cross-checked with the copy killdate wrote in git. A meta.json that differs
 * from it, or that git has no copy of, is refused (KilldateError), never acted on; a deleted
 * meta.json is read from git. undefined when neither exists.
 */
export function verifiedMeta(root: string, runId: string): TaskRunMeta | undefined {
  const text = readWitnessed(root, metaFile(runId), runRef(runId), 'from-git', FROM_GIT);
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text);
    if (m?.kind === 'task' && m.version === 1 && m.runId === runId) return m as TaskRunMeta;
  } catch {}
  throw new KilldateError('REFUSED', `${runRef(runId)} does not hold a run record; nothing done`);
}

export function readMeta(root: string, runId: string): TaskRunMeta | undefined {
  try {
    const m = JSON.parse(readFileSync(join(runDir(root, runId), 'meta.json'), 'utf8'));
    return m?.kind === 'task' && m.version === 1 ? (m as TaskRunMeta) : undefined;
  } catch {
    return undefined;
  }
}

export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A running run whose process is gone was interrupted. */
export function effectiveStatus(m: TaskRunMeta): TaskRunStatus {
  return m.status === 'running' && !alive(m.pid) ? 'interrupted' : m.status;
}

/**
 * Every task run under root, oldest first (run ids start with a UTC stamp), each as killdate
 * wrote it: listed from refs/killdate/runs/ and read from that copy, so a meta.json edited,
 * deleted or planted changes neither which runs there are nor what they say.
 */
export function listMetas(root: string, named: (name: string) => boolean = () => true): TaskRunMeta[] {
  const refs = runRefs(root, (id) => mayBeNamed(id, named));
  return refs ? readMetas(root, refs) : listFiles(root, named);
}

/**
 * The newest `last` task runs (as listMetas lists them) and how many run records came before:
 * only those records are read, not every one.
 */
export function newestMetas(root: string, last: number): { metas: TaskRunMeta[]; earlier: number } {
  const all = () => true;
  const total = countRefs(root, RUN_REFS);
  const refs = runRefs(root, all, total === undefined ? undefined : last);
  if (!refs) {
    const ids = runIds(root, all);
    const metas = ids.slice(-last).map((n) => readMeta(root, n));
    return { metas: metas.filter((m) => m !== undefined), earlier: Math.max(0, ids.length - last) };
  }
  const count = total ?? refs.length;
  return { metas: readMetas(root, refs.slice(-last)), earlier: Math.max(0, count - last) };
}

/**
 * The runs in progress, oldest first: each holds its feature's lock (lockFeature) from a live
 * process and its record says running. Only those records are read, as killdate wrote them.
 */
export function runningMetas(root: string): TaskRunMeta[] {
  const dir = join(root, STATE_DIR, 'locks');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const ids = new Set<string>();
  for (const name of names) {
    const h = readHolder(join(dir, name));
    if (h && typeof h.runId === 'string' && RUN_ID.test(h.runId) && alive(h.pid)) ids.add(h.runId);
  }
  if (!ids.size) return [];
  const refs = runRefs(root, (id) => ids.has(id)) ?? [];
  return readMetas(root, refs).filter((m) => effectiveStatus(m) === 'running');
}

interface RunRefEntry {
  blob: string;
  id: string;
}

/**
 * The run refs whose id `wanted` keeps, oldest first (the last `last` of them, when given);
 * undefined outside a git repo.
 */
function runRefs(root: string, wanted: (id: string) => boolean, last?: number): RunRefEntry[] | undefined {
  return refsUnder(root, RUN_REFS, wanted, last)?.map((r) => ({
    blob: r.id,
    id: r.name.slice(RUN_REFS.length),
  }));
}

function readMetas(root: string, refs: RunRefEntry[]): TaskRunMeta[] {
  if (!refs.length) return [];
  const blobs = readBlobsSync(
    root,
    refs.map((k) => k.blob),
  );
  return refs
    .map((k) => asMeta(blobs.get(k.blob)?.toString('utf8'), k.id))
    .filter((m): m is TaskRunMeta => m !== undefined);
}

/** One run as killdate wrote it (its copy in git); outside a git repo, its file. */
export function keptMeta(root: string, runId: string): TaskRunMeta | undefined {
  const r = git(root, ['cat-file', 'blob', runRef(runId)]);
  if (r.ok) return asMeta(r.stdout, runId);
  return git(root, ['rev-parse', '--git-dir']).ok ? undefined : readMeta(root, runId);
}

function listFiles(root: string, named: (name: string) => boolean): TaskRunMeta[] {
  return runIds(root, named)
    .map((n) => readMeta(root, n))
    .filter((m): m is TaskRunMeta => m !== undefined);
}

/** The run folders' ids outside a git repo, oldest first. */
function runIds(root: string, named: (name: string) => boolean): string[] {
  try {
    return readdirSync(runsDir(root))
      .filter((id) => mayBeNamed(id, named))
      .sort();
  } catch {
    return [];
  }
}

function asMeta(text: string | undefined, runId: string): TaskRunMeta | undefined {
  try {
    const m = text === undefined ? undefined : JSON.parse(text);
    return m?.kind === 'task' && m.version === 1 && m.runId === runId ? (m as TaskRunMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** A run's name, in its id: the feature and the task's number (`settings-page-01`). */
export const runName = (feature: string, task: string): string =>
  `${feature}-${/^(\d+)/.exec(task)?.[1] ?? task}`;

/**
 * Whether the run `id` (`<stamp>-<name>-<6 hex>`, newRunId) may be one `named` wants: an id of
 * another shape may be anyone's. Only a filter before reading: the record itself decides.
 */
function mayBeNamed(id: string, named: (name: string) => boolean): boolean {
  return !RUN_ID.test(id) || named(id.slice(17, -7));
}

/** A run id as newRunId makes them. */
const RUN_ID = /^\d{8}T\d{6}Z-.+-[0-9a-f]{6}$/;

/** The newest run of a feature's task (only the records whose id may be its are read). */
export function latestRun(root: string, feature: string, task?: string): TaskRunMeta | undefined {
  const name = task === undefined ? undefined : runName(feature, task);
  const named = (n: string) => (name ? n === name : n.startsWith(`${feature}-`));
  const mayBe = (id: string) => mayBeNamed(id, named);
  const wanted = (m: TaskRunMeta) => m.feature === feature && (task === undefined || m.task === task);
  // the newest candidate is nearly always it: the others are read only when it is not
  const newest = runRefs(root, mayBe, 1);
  if (!newest) return listFiles(root, named).filter(wanted).at(-1);
  return (
    readMetas(root, newest).filter(wanted).at(-1) ??
    readMetas(
      root,
      (runRefs(root, mayBe) ?? []).filter((r) => r.id !== newest[0]?.id),
    )
      .filter(wanted)
      .at(-1)
  );
}

const lockPath = (root: string, feature: string): string => join(root, STATE_DIR, 'locks', `${feature}.json`);

const heldHere = new Set<string>();

/** Takes the feature's lock, or refuses while a live run holds it; a dead holder's lock is taken over. */
export function lockFeature(root: string, feature: string, runId: string): () => void {
  const file = lockPath(root, feature);
  assertWritable(file);
  ensureStateDir(root);
  mkdirSync(join(root, STATE_DIR, 'locks'), { recursive: true });
  const body = `${JSON.stringify({ runId, pid: process.pid, at: new Date().toISOString() })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, body, { flag: 'wx' });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = readHolder(file);
      const mine = held?.pid === process.pid && heldHere.has(file);
      if (held && (mine || (held.pid !== process.pid && alive(held.pid))))
        throw new KilldateError(
          'REFUSED',
          `a task of ${feature} is already running (run ${held.runId}, pid ${held.pid}): one task at a time per feature`,
          'wait for it, or stop it with Ctrl-C; killdate runs shows it',
        );
      rmSync(file, { force: true });
    }
  }
  throw new KilldateError('REFUSED', `could not take the lock of ${feature} (${file})`);
}

function readHolder(file: string): { runId: string; pid: number } | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    return typeof v?.pid === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}
