// The shape every agent adapter has: build an invocation for a role and a permission
// profile, and make a parser for the CLI's stdout.
import type { AdapterName, Profile, Role, StreamParser } from './events.js';

export interface BuildOptions {
  role: Role;
  /** what the agent may do; defaults from the role (executor edits, planner reads) */
  profile?: Profile;
  model?: string;
  bin?: string;
  extraArgs?: string[];
  cwd: string;
  prompt: string;
}

/** Everything needed to spawn the agent: no shell, the prompt on stdin. */
export interface Invocation {
  bin: string;
  argv: string[];
  /** added to the caller's environment */
  env: Record<string, string>;
  stdin: string;
  cwd: string;
}

export interface Adapter {
  name: AdapterName;
  /** binary names tried on PATH, in order, when no `bin` is configured */
  bins: string[];
  build(o: BuildOptions): Invocation;
  parser(): StreamParser;
  /** false: an arbitrary command, started once per task and never probed with `--version` */
  versioned?: false;
}

export const profileOf = (o: BuildOptions): Profile =>
  o.profile ?? (o.role === 'executor' ? 'edit' : 'read-only');

export function invocation(o: BuildOptions, defaultBin: string, argv: string[]): Invocation {
  return {
    bin: o.bin ?? defaultBin,
    argv: [...argv, ...(o.extraArgs ?? [])],
    env: {},
    stdin: o.prompt,
    cwd: o.cwd,
  };
}

/** A tool output shortened for the event log. */
export const clip = (s: string, max = 2000): string => (s.length > max ? `${s.slice(0, max)}…` : s);
