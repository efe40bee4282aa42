// runAgent(): the one call the handoff loop makes. Resolves the binary, records its version,
// builds the invocation, runs it under the runner's limits, writes the transcript and returns
// the events, usage, cost, status and reason.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type ResolvedAgent, resolveAgent } from '../core/agent-config.js';
import { adapters } from './adapters.js';
import { childEnv } from './child-env.js';
import { type AgentEvent, finalResult, type Profile, type Role, totalUsage, type Usage } from './events.js';
import { redactorFor } from './redact.js';
import { type ProcessLimits, type ProcessOutcome, runProcess } from './runner.js';
import { Transcript } from './transcript.js';
import { type FailureKind, type RunStatus, verdict } from './verdict.js';

export interface RunAgentOptions {
  /** the workspace root; the transcript goes to <root>/.killdate/runs/<runId>/ */
  root: string;
  /** a configured agent (see resolveAgent) or an adapter name with default settings */
  agent: string | ResolvedAgent;
  role: Role;
  profile?: Profile;
  prompt: string;
  cwd: string;
  /** wall-clock limit; defaults to the agent's timeoutSeconds */
  timeoutMs?: number;
  runId?: string;
  /** the environment the child's is made from (default: this process's; see agents/child-env.ts) */
  env?: NodeJS.ProcessEnv;
  /** variables that may hold secrets and are passed anyway (config run.passEnv) */
  passEnv?: readonly string[];
  signal?: AbortSignal;
  handleSigint?: boolean;
  limits?: Partial<Omit<ProcessLimits, 'timeoutMs'>> & { maxLogBytes?: number };
}

export interface RunResult {
  runId: string;
  agent: string;
  adapter: ResolvedAgent['adapter'];
  version?: string;
  role: Role;
  profile: Profile;
  status: RunStatus;
  failure?: FailureKind;
  reason?: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  session?: { id?: string; model?: string };
  /** the final result's text */
  text?: string;
  events: AgentEvent[];
  usage: Usage;
  costUsd?: number;
  /** the variables that may hold secrets, left out of the child's environment (names only) */
  withheld: string[];
  /** paths the agent reported changing (a shell command's writes show only in git) */
  filesChanged: string[];
  transcriptDir: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** the last lines of stderr and stdout, redacted, for an error message */
  outputTail: string;
}

const DEFAULT_LIMITS = {
  graceMs: 3000,
  maxOutputBytes: 64 * 1024 * 1024,
  maxEvents: 20_000,
  maxLogBytes: 16 * 1024 * 1024,
};

export function newRunId(name: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${name}-${randomBytes(3).toString('hex')}`;
}

/** The first of `names` found executable on PATH, else the first name (spawn then reports it missing). */
export function findBin(names: string[], path = process.env.PATH ?? ''): string | undefined {
  for (const name of names)
    for (const dir of path.split(delimiter).filter(Boolean)) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return name;
      } catch {}
    }
  return names[0];
}

const versions = new Map<string, Promise<string | undefined>>();

/**
 * `<bin> --version`; undefined when it does not answer in time. Gemini CLI and opencode take
 * several seconds to print it on a loaded machine, hence the generous limit.
 */
export function agentVersion(
  bin: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 30_000,
): Promise<string | undefined> {
  const cached = versions.get(bin);
  if (cached) return cached;
  const p = new Promise<string | undefined>((resolve) => {
    execFile(bin, ['--version'], { timeout: timeoutMs, env, killSignal: 'SIGKILL' }, (err, stdout) => {
      const line = String(stdout ?? '')
        .trim()
        .split('\n')[0]
        ?.trim();
      if (err || !line) return resolve(undefined);
      // what the binary prints is stored and shown: redacted as any output is
      resolve(redactorFor(env)(line.match(/\d+\.\d+\.\d+[\w.+-]*/)?.[0] ?? line.slice(0, 80)));
    });
  });
  versions.set(bin, p);
  return p;
}

export async function runAgent(o: RunAgentOptions): Promise<RunResult> {
  const agent = typeof o.agent === 'string' ? resolveAgent({}, o.role, undefined, o.agent) : o.agent;
  const adapter = adapters[agent.adapter];
  const given = o.env ?? process.env;
  const { env, withheld } = childEnv(given, o.passEnv ?? [], agent.adapter);
  const bin = agent.bin ?? findBin(adapter.bins, env.PATH) ?? agent.name;
  const profile: Profile = o.profile ?? (o.role === 'executor' ? 'edit' : 'read-only');
  const inv = adapter.build({ ...o, profile, model: agent.model, bin, extraArgs: agent.extraArgs });
  const limits = { ...DEFAULT_LIMITS, ...o.limits, timeoutMs: o.timeoutMs ?? agent.timeoutSeconds * 1000 };
  const runId = o.runId ?? newRunId(agent.name);
  // the withheld values too: the child cannot print them, but a file it read may hold them
  const redact = redactorFor({ ...given, ...inv.env });
  const transcript = new Transcript(o.root, runId, limits.maxLogBytes);
  const version =
    adapter.versioned === false ? undefined : await agentVersion(inv.bin, { ...env, ...inv.env });
  const started = new Date();
  const head: AgentEvent = {
    type: 'agent',
    name: agent.name,
    adapter: agent.adapter,
    ...(version ? { version } : {}),
  };
  transcript.event(head);
  const meta = {
    runId,
    agent: agent.name,
    adapter: agent.adapter,
    version,
    role: o.role,
    profile,
    bin: inv.bin,
    withheld,
  };
  const metaHead = { ...meta, argv: inv.argv.map(redact), cwd: inv.cwd, startedAt: started.toISOString() };
  transcript.meta({ ...metaHead, status: 'running' });

  const parser = adapter.parser();
  const outcome = await runProcess({ ...o, invocation: inv, parser, env, limits, redact, transcript });
  const v = verdict(outcome, { name: agent.name, bin: inv.bin, ...limits });
  const result = assemble({ ...meta, ...v }, [head, ...outcome.events], outcome, started, transcript.dir);
  await transcript.close();
  const { events: _events, outputTail: _tail, text: _text, ...summary } = result;
  transcript.meta({
    ...metaHead,
    ...summary,
    outputBytes: outcome.outputBytes,
    garbageLines: outcome.garbageLines,
    droppedEvents: outcome.droppedEvents,
  });
  return result;
}

type Head = Pick<
  RunResult,
  | 'runId'
  | 'agent'
  | 'adapter'
  | 'version'
  | 'role'
  | 'profile'
  | 'status'
  | 'failure'
  | 'reason'
  | 'withheld'
>;

function assemble(
  head: Head,
  events: AgentEvent[],
  outcome: ProcessOutcome,
  started: Date,
  dir: string,
): RunResult {
  const ended = new Date();
  const usage = totalUsage(events);
  const session = events.find((e) => e.type === 'session');
  return {
    ...head,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    ...(session?.type === 'session' ? { session: { id: session.id, model: session.model } } : {}),
    text: finalResult(events)?.text,
    events,
    usage,
    ...(usage.costUsd === undefined ? {} : { costUsd: usage.costUsd }),
    filesChanged: changed(events),
    transcriptDir: dir,
    startedAt: started.toISOString(),
    endedAt: ended.toISOString(),
    durationMs: ended.getTime() - started.getTime(),
    outputTail: [outcome.stderrTail.toString(), outcome.stdoutTail.toString()]
      .filter(Boolean)
      .join('\n')
      .slice(-4000),
  };
}

function changed(events: AgentEvent[]): string[] {
  return [...new Set(events.flatMap((e) => (e.type === 'file_change' ? [e.path] : [])))];
}
