// runDetail() and liveRun(): one task run as recorded under .killdate/runs/<id>/ (meta, the
// executor's output, the VALIDATE logs), and the run in progress with the active task. Output
// is redacted again on the way out: the one redactor sees every byte shown.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../agents/redact.js';
import { KilldateError } from '../core/errors.js';
import {
  effectiveStatus,
  keptMeta,
  newestMetas,
  runDir,
  runningMetas,
  type TaskRunMeta,
} from '../orchestrator/run-state.js';
import { type ActiveTask, readActiveTask } from '../workspace/active-task.js';
import { findRoot } from '../workspace/root.js';
import { stateRootOf } from './run.js';

/** Bytes of a log read from its end. */
export const LOG_TAIL_BYTES = 64 * 1024;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface RunLog {
  name: string;
  /** the file's size now: a reader asks for what follows with `from` */
  size: number;
  text: string;
  cut: boolean;
}

export interface RunDetailResult {
  version: 1;
  run: TaskRunMeta;
  elapsedMs: number;
  logs: RunLog[];
}

/** Reads `file` from byte `from` (or its last LOG_TAIL_BYTES), redacted. */
export function readLog(file: string, from?: number): RunLog | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = statSync(file).size;
    const start = from !== undefined && from <= size ? from : Math.max(0, size - LOG_TAIL_BYTES);
    const buf = Buffer.alloc(Math.min(size - start, LOG_TAIL_BYTES));
    readSync(fd, buf, 0, buf.length, start);
    const name = file.slice(file.lastIndexOf('/', file.lastIndexOf('/') - 1) + 1);
    return { name, size: start + buf.length, text: redact(buf.toString('utf8')), cut: start > (from ?? 0) };
  } finally {
    closeSync(fd);
  }
}

/** The executor's stdout and every VALIDATE log of a run, in the order they were written. */
export function runLogFiles(stateRoot: string, runId: string): string[] {
  const dir = runDir(stateRoot, runId);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => /^validate-\d+\.log$/.test(n));
  } catch {}
  names.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return [
    join(dir, 'executor', 'stdout.log'),
    join(dir, 'executor', 'stderr.log'),
    ...names.map((n) => join(dir, n)),
  ];
}

/** Refuses anything but a run id (a run id never names a path). */
export function assertRunId(id: string): void {
  if (!RUN_ID.test(id) || id.includes('..'))
    throw new KilldateError('USAGE', `not a run id: ${JSON.stringify(id)}`);
}

export function runDetail(opts: { cwd?: string; runId: string }): RunDetailResult {
  assertRunId(opts.runId);
  const stateRoot = stateRootOf(findRoot(opts.cwd));
  const meta = keptMeta(stateRoot, opts.runId);
  if (!meta) throw new KilldateError('NOT_FOUND', `no task run ${opts.runId}`, 'killdate runs');
  const logs = runLogFiles(stateRoot, opts.runId).flatMap((f) => readLog(f) ?? []);
  return { version: 1, run: { ...meta, status: effectiveStatus(meta) }, elapsedMs: elapsed(meta), logs };
}

function elapsed(m: TaskRunMeta): number {
  return (
    m.durationMs ?? Math.max(0, (m.endedAt ? Date.parse(m.endedAt) : Date.now()) - Date.parse(m.startedAt))
  );
}

export interface LiveRunResult {
  version: 1;
  activeTask?: ActiveTask;
  /** the run in progress, else the newest run */
  run?: RunDetailResult;
  running: boolean;
}

export function liveRun(opts: { cwd?: string } = {}): LiveRunResult {
  const root = findRoot(opts.cwd);
  const stateRoot = stateRootOf(root);
  let activeTask: ActiveTask | undefined;
  try {
    activeTask = readActiveTask(root);
  } catch {}
  // the running runs from the feature locks, else the newest run: not every record is read
  const live = runningMetas(stateRoot).at(-1);
  const shown = live ?? newestMetas(stateRoot, 1).metas.at(-1);
  return {
    version: 1,
    ...(activeTask ? { activeTask } : {}),
    ...(shown ? { run: runDetail({ cwd: root, runId: shown.runId }) } : {}),
    running: !!live,
  };
}
