// Owns the agent's child process: spawn without a shell in its own process group, feed the
// prompt on stdin, split stdout into lines for the adapter's parser, and stop the whole group
// on a timeout, on Ctrl-C, on an abort, on a login error or when the output grows too large.
// Every line is redacted before it is parsed, stored or written.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Invocation } from './adapter.js';
import type { AgentEvent, StreamParser } from './events.js';
import { LineSplitter, Tail } from './lines.js';
import { RedactingStream } from './redact.js';
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

const newOutcome = (): ProcessOutcome => ({
  ending: 'exit',
  events: [],
  exitCode: null,
  signal: null,
  stdoutTail: new Tail(),
  stderrTail: new Tail(),
  outputBytes: 0,
  garbageLines: 0,
  droppedEvents: 0,
});

/** One agent child process, from spawn to the end of its output. */
class AgentProcess {
  readonly out = newOutcome();
  private readonly child: ChildProcess;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly stdout: LineSplitter;
  private readonly stderr: LineSplitter;
  private stopping = false;
  private readonly onStop = (): void => this.stop('interrupted');

  constructor(private readonly o: RunProcessOptions) {
    const inv = o.invocation;
    this.child = spawn(inv.bin, inv.argv, {
      cwd: inv.cwd,
      env: { ...o.env, ...inv.env },
      detached: true, // its own process group, killed as a whole
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.stdout = new LineSplitter((raw, cut) => this.stdoutLine(raw, cut));
    this.stderr = new LineSplitter((raw) => this.stderrLine(raw));
    this.child.stdout?.on('data', (c: Buffer) => this.count(c) && this.stdout.push(c));
    this.child.stderr?.on('data', (c: Buffer) => this.count(c) && this.stderr.push(c));
    this.child.stdin?.on('error', () => {}); // the agent may exit without reading its brief
    this.child.stdin?.end(inv.stdin);
    this.timers.push(setTimeout(() => this.stop('timeout'), o.limits.timeoutMs));
    if (o.handleSigint !== false) process.on('SIGINT', this.onStop);
    o.signal?.addEventListener('abort', this.onStop);
    if (o.signal?.aborted) this.stop('interrupted');
  }

  /** Stops the whole group: SIGTERM, then SIGKILL after the grace period. */
  stop(ending: Ending): void {
    if (this.stopping) return;
    this.stopping = true;
    this.out.ending = ending;
    killGroup(this.child, 'SIGTERM');
    this.timers.push(setTimeout(() => killGroup(this.child, 'SIGKILL'), this.o.limits.graceMs));
  }

  /** Resolves once the child has exited and its output is read. */
  wait(): Promise<ProcessOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        this.cleanUp();
        resolve(this.out);
      };
      this.child.on('error', (err: NodeJS.ErrnoException) => {
        if (this.child.pid !== undefined) return;
        this.out.ending = 'spawn-error';
        this.out.spawnError = err;
        finish();
      });
      this.child.on('exit', (code, signal) => {
        this.out.exitCode = code;
        this.out.signal = signal;
        killGroup(this.child, 'SIGKILL'); // leftovers (grandchildren) die with the agent
        // a process that escaped the group may still hold the pipes: do not wait for ever
        this.timers.push(setTimeout(finish, 2000));
      });
      this.child.on('close', finish);
    });
  }

  private cleanUp(): void {
    for (const t of this.timers) clearTimeout(t);
    process.off('SIGINT', this.onStop);
    this.o.signal?.removeEventListener('abort', this.onStop);
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.stdout.end();
    this.stderr.end();
    this.record(this.o.parser.finish({ code: this.out.exitCode, signal: this.out.signal }));
  }

  private count(chunk: Buffer): boolean {
    this.out.outputBytes += chunk.length;
    if (this.out.outputBytes > this.o.limits.maxOutputBytes) this.stop('too-large');
    return this.out.ending !== 'too-large';
  }

  private readonly redOut = new RedactingStream(
    (t) => this.o.redact(t),
    () => {},
  );
  private readonly redErr = new RedactingStream(
    (t) => this.o.redact(t),
    () => {},
  );

  private stdoutLine(raw: string, cut: boolean): void {
    const line = this.redOut.line(raw);
    this.o.transcript.stdoutLine(line);
    this.out.stdoutTail.add(`${line}\n`);
    const events: AgentEvent[] = cut
      ? [{ type: 'garbage', line: `${line.slice(0, 200)}… (line too long, cut)` }]
      : this.o.parser.line(line);
    this.record(events);
  }

  private stderrLine(raw: string): void {
    const line = this.redErr.line(raw);
    this.o.transcript.stderrLine(line);
    this.out.stderrTail.add(`${line}\n`);
  }

  private record(events: AgentEvent[]): void {
    const out = this.out;
    for (const e of events) {
      if (e.type === 'garbage') out.garbageLines++;
      this.o.transcript.event(e);
      if (out.events.length < this.o.limits.maxEvents) out.events.push(e);
      else out.droppedEvents++;
    }
    // a login error with no final result yet: the CLI would only retry, so stop it now
    const auth = events.some((e) => e.type === 'error' && e.auth);
    if (auth && !out.events.some((e) => e.type === 'result')) this.stop('auth');
  }
}

/** Runs the agent to its end under the limits; never rejects. */
export function runProcess(o: RunProcessOptions): Promise<ProcessOutcome> {
  return new AgentProcess(o).wait();
}
