// How killdate tells that it runs inside an agent session or inside one of its own runs: the
// environment markers each agent CLI sets for the commands it starts, and the one killdate
// sets for every process it starts (executor, planner, VALIDATE). The one list; documented in
// docs/security.md. Pure: the caller passes the environment.

/** Set by killdate on every process it starts for a run; its value is the run id. */
export const RUN_MARKER = 'KILLDATE_RUN_ID';

export interface AgentMarker {
  agent: string;
  variable: string;
}

/** Variables an agent CLI sets in the environment of the shell commands it runs. */
export const AGENT_MARKERS: readonly AgentMarker[] = [
  { agent: 'Claude Code', variable: 'CLAUDECODE' },
  { agent: 'Claude Code', variable: 'CLAUDE_CODE_ENTRYPOINT' },
  { agent: 'an AI agent', variable: 'AI_AGENT' },
  { agent: 'killdate run', variable: RUN_MARKER },
];

/** The first marker set (non-empty) in env, or undefined when none is. */
export function agentMarkerIn(env: Record<string, string | undefined>): AgentMarker | undefined {
  return AGENT_MARKERS.find((m) => (env[m.variable] ?? '') !== '');
}
