// The VALIDATE commands of a runbook, run for real: `sh -c <command>` in the task's tree, in
// its own process group (killed whole on the timeout), output kept in a log beside the run.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { childEnv } from '../agents/child-env.js';
import { RedactingStream, redactorFor } from '../agents/redact.js';
import { assertWritable } from '../workspace/paths.js';

export interface ValidateRun {
  n: number;
  command: string;
  line: number;
  ok: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** the log, relative to the state root */
  log: string;
  /** the last lines of output, for the verdict */
  tail: string;
}

export interface ValidateOptions {
  tree: string;
  /** absolute folder for the logs */
  dir: string;
  /** the same folder relative to the state root, for the record */
  relDir: string;
  timeoutMs: number;
  maxLogBytes?: number;
  /** what the command's environment is made from: its secrets withheld (agents/child-env.ts) */
  env?: NodeJS.ProcessEnv;
  passEnv?: readonly string[];
}

const killGroup = (pid: number | undefined, sig: NodeJS.Signals) => {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {}
};

/** The log of the `n`th VALIDATE command, in the run's folder. */
export const validateLog = (n: number): string => `validate-${n}.log`;

export function runValidate(
  step: { command: string; line: number },
  n: number,
  o: ValidateOptions,
): Promise<ValidateRun> {
  const name = validateLog(n);
  assertWritable(join(o.dir, name));
  const log = createWriteStream(join(o.dir, name));
  const max = o.maxLogBytes ?? 4 * 1024 * 1024;
  let written = 0;
  let tail = '';
  const failure = new FailureLines();
  const started = Date.now();
  const redact = redactorFor(o.env ?? process.env);
  log.write(`$ ${redact(step.command)}\n`);
  // every byte of output is redacted, a whole line at a time, before the log and the tail
  const out = new RedactingStream(redact, (text) => {
    tail = (tail + text).slice(-2000);
    failure.add(text);
    if (written < max) log.write(text.slice(0, max - written));
    written += Buffer.byteLength(text);
  });
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', step.command], {
      cwd: o.tree,
      env: childEnv(o.env ?? process.env, o.passEnv ?? []).env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 2000).unref();
    }, o.timeoutMs);
    const onData = (c: Buffer) => out.write(c);
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL'); // leftovers of the command die with it
      out.end();
      if (written > max) log.write(`\n[killdate: log cut at ${max} bytes]\n`);
      log.write(
        `\n[exit ${code ?? signal}${timedOut ? `, timed out after ${Math.round(o.timeoutMs / 1000)} s` : ''}]\n`,
      );
      log.end(() =>
        resolve({
          n,
          command: step.command,
          line: step.line,
          ok: code === 0 && !timedOut,
          exitCode: code,
          signal,
          timedOut,
          durationMs: Date.now() - started,
          log: `${o.relDir}/${name}`,
          tail: failure.excerpt() ?? lastLines(tail),
        }),
      );
    };
    child.on('error', () => finish(127, null));
    child.on('close', finish);
  });
}

/**
 * The failing assertion in a test runner's output: the first line that names a failure
 * (node:test's `not ok`, an AssertionError, expected/received, a ✗ or FAIL line, a thrown
 * Error) and the two after it, which carry the values. Undefined when no line does.
 */
export class FailureLines {
  private lines: string[] = [];
  private after = 0;
  private partial = '';

  add(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const raw of parts) this.line(raw);
  }

  private line(raw: string): void {
    const l = raw.trim();
    if (!l) return;
    if (this.after > 0) {
      if (NOISE.test(l)) return;
      this.lines.push(l);
      this.after--;
      return;
    }
    if (this.lines.length) return;
    if (FAILURE.test(l)) {
      this.lines.push(l);
      this.after = 2;
    }
  }

  excerpt(): string | undefined {
    if (this.partial) {
      this.line(this.partial);
      this.partial = '';
    }
    return this.lines.length ? this.lines.join(' / ').slice(0, 300) : undefined;
  }
}

/** TAP's YAML block around the message: markers and fields that say nothing of the failure. */
const NOISE = /^(---|\.\.\.|duration_ms:|location:|failureType:|error: *[|>]?-?$|type:|at\s)/;

const FAILURE =
  /^(not ok\b|[✗✖×]\s|FAIL\b|AssertionError|Assertion failed|expected\b.*\b(to|but)\b|Expected\b|\w*Error:|error\[|E\s{2,}|assert)/i;

function lastLines(s: string, n = 3): string {
  return s.trim().split('\n').slice(-n).join(' / ').slice(-300);
}
