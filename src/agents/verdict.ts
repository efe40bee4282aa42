// How a run ended, in one status and one plain reason. Order matters: a missing binary, an
// interruption, runaway output or a timeout explain everything that follows them.
import { type AgentEvent, AUTH_PATTERN, finalResult } from './events.js';
import type { ProcessOutcome } from './runner.js';

export type RunStatus = 'ok' | 'failed' | 'interrupted';
export type FailureKind =
  | 'missing-binary'
  | 'spawn'
  | 'interrupted'
  | 'output-too-large'
  | 'timeout'
  | 'auth'
  | 'crash'
  | 'agent-error'
  | 'exit'
  | 'garbage'
  | 'no-result';

export interface Verdict {
  status: RunStatus;
  failure?: FailureKind;
  reason?: string;
}

export interface VerdictContext {
  /** the agent's name as configured, e.g. `claude` */
  name: string;
  bin: string;
  timeoutMs: number;
  maxOutputBytes: number;
}

const fail = (failure: FailureKind, reason: string): Verdict => ({ status: 'failed', failure, reason });

function authMessage(o: ProcessOutcome): string | undefined {
  const e = o.events.find(
    (x): x is Extract<AgentEvent, { type: 'error' }> => x.type === 'error' && x.auth === true,
  );
  if (e) return e.message;
  const text = `${o.stderrTail}\n${o.stdoutTail}`.split('\n').find((l) => AUTH_PATTERN.test(l));
  return text?.trim().slice(0, 300);
}

function spawnVerdict(o: ProcessOutcome, c: VerdictContext): Verdict {
  const err = o.spawnError;
  if (err?.code === 'ENOENT')
    return fail(
      'missing-binary',
      c.bin.includes('/')
        ? `${c.bin} not found; check agents.settings.${c.name}.bin`
        : `${c.bin} not found on PATH; install it or set agents.settings.${c.name}.bin`,
    );
  return fail('spawn', `could not start ${c.bin}: ${err?.message ?? 'unknown error'}`);
}

const tail = (o: ProcessOutcome): string => {
  const s = o.stderrTail.lastLines() || o.stdoutTail.lastLines();
  return s ? `: ${s}` : '';
};

export function verdict(o: ProcessOutcome, c: VerdictContext): Verdict {
  if (o.ending === 'spawn-error') return spawnVerdict(o, c);
  if (o.ending === 'interrupted')
    return {
      status: 'interrupted',
      failure: 'interrupted',
      reason: `${c.name} was interrupted; its processes were stopped`,
    };
  if (o.ending === 'too-large')
    return fail(
      'output-too-large',
      `${c.name} printed more than ${Math.round(c.maxOutputBytes / 1048576)} MB: output too large; it was stopped`,
    );
  if (o.ending === 'timeout')
    return fail(
      'timeout',
      `${c.name} timed out after ${Math.round(c.timeoutMs / 1000)} s; its processes were stopped`,
    );
  const result = finalResult(o.events);
  const auth = result?.status === 'ok' && o.exitCode === 0 ? undefined : authMessage(o);
  if (o.ending === 'auth' || auth)
    return fail(
      'auth',
      `${c.name} could not log in (expired login or refused API key): ${auth ?? 'authentication error'}; log in again or check the key`,
    );
  if (o.signal) {
    const where = result ? 'after its final result' : 'before a final result';
    return fail('crash', `${c.name} crashed: killed by ${o.signal} ${where}${tail(o)}`);
  }
  if (result?.status === 'failed')
    return fail(
      o.exitCode === 0 ? 'agent-error' : 'exit',
      result.reason ?? `${c.name} reported a failure${tail(o)}`,
    );
  if (o.exitCode !== 0) return fail('exit', `${c.name} exited with code ${o.exitCode}${tail(o)}`);
  if (result) return { status: 'ok' };
  const parsed = o.events.filter((e) => e.type !== 'garbage').length;
  if (o.garbageLines > 0 && parsed === 0)
    return fail(
      'garbage',
      `${c.name} printed garbage on stdout: ${o.garbageLines} line(s) in no known format and no final result`,
    );
  const garbage = o.garbageLines > 0 ? `; ${o.garbageLines} line(s) were in no known format` : '';
  return fail(
    'no-result',
    `${c.name} ended without a final result (no final result in its output${garbage})`,
  );
}
