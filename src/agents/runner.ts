// Owns the agent's child process: spawn without a shell in its own process group, feed the
// prompt on stdin, split stdout into lines for the adapter's parser, and stop the whole group
// on a timeout, on Ctrl-C, on an abort, on a login error or when the output grows too large.
// Every line is redacted before it is parsed, stored or written.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Invocation } from './adapter.js';
import type { AgentEvent, StreamParser } from './events.js';
import { LineSplitter, Tail } from './lines.js';
import type { Transcript } from './transcript.js';

export type Ending = 'exit' | 'timeout' | 'interrupted' | 'too-large' | 'spawn-error' | 'auth';

export interface ProcessLimits {
  timeoutMs: number;
  /** between SIGTERM and SIGKILL */
  graceMs: number;
  /** stdout + stderr beyond this stops the agent */
  maxOutputBytes: number;
  /** events kept in memory (the transcript has them all, up to its cap) */
  maxEvents: number;
}

export interface ProcessOutcome {
  ending: Ending;
  events: AgentEvent[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: NodeJS.ErrnoException;
  stdoutTail: Tail;
  stderrTail: Tail;
  outputBytes: number;
  garbageLines: number;
  droppedEvents: number;
}

export interface RunProcessOptions {
  invocation: Invocation;
  parser: StreamParser;
  env: NodeJS.ProcessEnv;
  limits: ProcessLimits;
  redact: (s: string) => string;
  transcript: Transcript;
  signal?: AbortSignal;
  /** stop the agent and report `interrupted` on SIGINT to this process (default true) */
  handleSigint?: boolean;
}

function killGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    // the group is already gone
  }
}

export function runProcess(o: RunProcessOptions): Promise<ProcessOutcome> {
  const out: ProcessOutcome = {
    ending: 'exit',
    events: [],
    exitCode: null,
    signal: null,
    stdoutTail: new Tail(),
    stderrTail: new Tail(),
    outputBytes: 0,
    garbageLines: 0,
    droppedEvents: 0,
  };
  const inv = o.invocation;
  const child = spawn(inv.bin, inv.argv, {
    cwd: inv.cwd,
    env: { ...o.env, ...inv.env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];

  const stop = (ending: Ending): void => {
    if (stopping) return;
    stopping = true;
    out.ending = ending;
    killGroup(child, 'SIGTERM');
    timers.push(setTimeout(() => killGroup(child, 'SIGKILL'), o.limits.graceMs));
  };

  const record = (events: AgentEvent[]): void => {
    for (const e of events) {
      if (e.type === 'garbage') out.garbageLines++;
      o.transcript.event(e);
      if (out.events.length < o.limits.maxEvents) out.events.push(e);
      else out.droppedEvents++;
    }
    // a login error with no final result yet: the CLI would only retry, so stop it now
    const auth = events.some((e) => e.type === 'error' && e.auth);
    if (auth && !out.events.some((e) => e.type === 'result')) stop('auth');
  };

  const stdout = new LineSplitter((raw, cut) => {
    const line = o.redact(raw);
    o.transcript.stdoutLine(line);
    out.stdoutTail.add(`${line}\n`);
    record(
      cut ? [{ type: 'garbage', line: `${line.slice(0, 200)}… (line too long, cut)` }] : o.parser.line(line),
    );
  });
  const stderr = new LineSplitter((raw) => {
    const line = o.redact(raw);
    o.transcript.stderrLine(line);
    out.stderrTail.add(`${line}\n`);
  });

  const count = (chunk: Buffer): boolean => {
    out.outputBytes += chunk.length;
    if (out.outputBytes > o.limits.maxOutputBytes) stop('too-large');
    return !stopping || out.ending !== 'too-large';
  };
  child.stdout?.on('data', (c: Buffer) => count(c) && stdout.push(c));
  child.stderr?.on('data', (c: Buffer) => count(c) && stderr.push(c));
  child.stdin?.on('error', () => {}); // the agent may exit without reading its brief
  child.stdin?.end(inv.stdin);

  timers.push(setTimeout(() => stop('timeout'), o.limits.timeoutMs));
  const onSigint = (): void => stop('interrupted');
  const onAbort = (): void => stop('interrupted');
  if (o.handleSigint !== false) process.on('SIGINT', onSigint);
  o.signal?.addEventListener('abort', onAbort);
  if (o.signal?.aborted) stop('interrupted');

  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      process.off('SIGINT', onSigint);
      o.signal?.removeEventListener('abort', onAbort);
      stdout.end();
      stderr.end();
      record(o.parser.finish({ code: out.exitCode, signal: out.signal }));
      resolve(out);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return;
      out.ending = 'spawn-error';
      out.spawnError = err;
      finish();
    });
    child.on('exit', (code, signal) => {
      out.exitCode = code;
      out.signal = signal;
      // leftovers (grandchildren) of the agent die with it
      killGroup(child, 'SIGKILL');
      // a process that escaped the group may still hold the pipes: do not wait for ever
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish();
        }, 2000),
      );
    });
    child.on('close', finish);
  });
}
