// One event model for every agent CLI. Each adapter turns its CLI's output lines into these;
// the runner adds the agent's name and version and decides the run's final status.

import type { AdapterName } from '../core/agent-config.js';

export type { AdapterName } from '../core/agent-config.js';
export type Role = 'executor' | 'planner';
export type Profile = 'edit' | 'read-only';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** only when the CLI reports it */
  costUsd?: number;
}

export type FileChangeKind = 'add' | 'update' | 'delete' | 'unknown';

export type AgentEvent =
  | { type: 'agent'; name: string; adapter: AdapterName; version?: string }
  | { type: 'session'; id?: string; model?: string }
  | { type: 'text'; text: string }
  | { type: 'tool_call'; id?: string; name: string; input: unknown; files: string[] }
  | { type: 'tool_result'; id?: string; ok: boolean; output?: string }
  | { type: 'file_change'; path: string; kind: FileChangeKind }
  | { type: 'usage'; usage: Usage }
  /** a problem the CLI reported; `auth` when it is a login or API key problem */
  | { type: 'error'; message: string; auth?: boolean }
  /** a stdout line the adapter could not read */
  | { type: 'garbage'; line: string }
  | { type: 'result'; status: 'ok' | 'failed'; text?: string; exitCode?: number; reason?: string };

export type ResultEvent = Extract<AgentEvent, { type: 'result' }>;

/** Turns stdout lines into events, one line at a time; `finish` runs once at the end. */
export interface StreamParser {
  line(line: string): AgentEvent[];
  finish(exit: { code: number | null; signal: NodeJS.Signals | null }): AgentEvent[];
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });

/** Sums the usage events (tokens add up; cost adds up when any event reports it). */
export function totalUsage(events: AgentEvent[]): Usage {
  const total = emptyUsage();
  for (const e of events) {
    if (e.type !== 'usage') continue;
    total.inputTokens += e.usage.inputTokens;
    total.outputTokens += e.usage.outputTokens;
    total.cachedTokens += e.usage.cachedTokens;
    if (e.usage.costUsd !== undefined) total.costUsd = (total.costUsd ?? 0) + e.usage.costUsd;
  }
  return total;
}

/** The last final-result event, if the stream had one. */
export function finalResult(events: AgentEvent[]): ResultEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e?.type === 'result') return e;
  }
  return undefined;
}

/** Reads a JSON object line; anything else is undefined. */
export function jsonLine(line: string): Record<string, unknown> | undefined {
  const t = line.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const PATH_KEYS = ['file_path', 'path', 'notebook_path', 'filePath', 'file', 'target_file', 'absolute_path'];

/** Paths a tool's input names (file_path, path, ...). */
export function filesOf(input: unknown): string[] {
  const o = obj(input);
  const files = PATH_KEYS.map((k) => o[k]).filter((v): v is string => typeof v === 'string' && v !== '');
  if (Array.isArray(o.paths)) for (const p of o.paths) if (typeof p === 'string') files.push(p);
  return [...new Set(files)];
}

/** The text of an error line that says the login expired or the API key was refused. */
export const AUTH_PATTERN =
  /\b401\b|unauthori[sz]ed|authentication[_ ](?:error|failed)|invalid[_ ](?:x-)?api[_ -]?key|invalid bearer|please run \/login|not logged in|login (?:has )?expired|oauth token (?:has )?expired|credentials? (?:have |has )?expired|api key (?:is )?(?:missing|invalid|not valid)/i;
