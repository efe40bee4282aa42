// Run one configured command: `sh -c` (it is the user's own command line), its own process
// group, a timeout that kills the whole group, output streamed to a kept log and a tail kept
// for the message.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RedactingStream, redactorFor } from '../agents/redact.js';
import { assertWritable } from '../workspace/paths.js';

export interface RunOptions {
  cwd: string;
  timeoutMs: number;
  /** the full output is kept here */
  logFile?: string;
  /** where to echo output live (e.g. process.stderr) */
  echo?: NodeJS.WritableStream;
  /** aborting kills the process group (Ctrl-C) */
  signal?: AbortSignal;
  env?: Record<string, string>;
}

export interface RunResult {
  exit: number | null;
  ok: boolean;
  timedOut: boolean;
  interrupted: boolean;
  durationMs: number;
  /** the last ~2 KB of output */
  tail: string;
  logFile?: string;
}

const TAIL = 2048;

export function runCommand(command: string, opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  if (opts.logFile) {
    assertWritable(opts.logFile);
    mkdirSync(dirname(opts.logFile), { recursive: true });
  }
  const log = opts.logFile ? createWriteStream(opts.logFile) : undefined;
  const child = spawn('sh', ['-c', command], {
    cwd: opts.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let tail = '';
  // the log, the terminal and the tail see the output redacted, a whole line at a time
  const out = new RedactingStream(redactorFor({ ...process.env, ...opts.env }), (text) => {
    log?.write(text);
    opts.echo?.write(text);
    tail = (tail + text).slice(-TAIL);
  });
  const take = (chunk: Buffer) => out.write(chunk);
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  let timedOut = false;
  let interrupted = false;
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {}
    setTimeout(() => {
      try {
        if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 2000).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, opts.timeoutMs);
  const onAbort = () => {
    interrupted = true;
    killGroup();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise((resolve) => {
    let finished = false;
    const finish = (exit: number | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      out.end();
      const done = () =>
        resolve({
          exit,
          ok: exit === 0 && !timedOut && !interrupted,
          timedOut,
          interrupted,
          durationMs: Date.now() - started,
          tail,
          ...(opts.logFile ? { logFile: opts.logFile } : {}),
        });
      if (log) log.end(done);
      else done();
    };
    child.on('error', (e) => {
      tail += `\n${e.message}`;
      finish(127);
    });
    child.on('close', (code, sig) => finish(code ?? (sig ? 128 : null)));
  });
}
