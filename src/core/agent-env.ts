// How killdate tells that it runs inside an agent session or inside one of its own runs: the
// environment markers each agent CLI sets for the commands it starts, and the one killdate
// sets for every process it starts (executor, planner, VALIDATE). The one list; documented in
// docs/security.md. Each entry says where it was found. Pure: the caller passes the environment.

/** Set by killdate on every process it starts for a run; its value is the run id. */
export const RUN_MARKER = 'KILLDATE_RUN_ID';

export interface AgentMarker {
  agent: string;
  variable: string;
  /** where the variable was seen set: a real session's `env`, or the tool's own source */
  source: string;
}

const CLAUDE = 'Claude Code 2.1.197: `env` in its Bash tool, real binary, scripted model server';
const CODEX = 'Codex 0.169.0: `env` in its exec_command tool, real binary, scripted model server';
const COPILOT = 'Copilot CLI 1.0.102: `env` in its bash tool, real binary, scripted model server';
const OPENCODE = 'opencode 1.18.33: packages/opencode/src/index.ts sets process.env (read in its binary)';
const QWEN =
  'Qwen Code 0.15.10: ShellExecutionService env (its bundled cli.js); session id in later releases';

/** Variables an agent CLI sets in the environment of the shell commands it runs. */
export const AGENT_MARKERS: readonly AgentMarker[] = [
  { agent: 'Claude Code', variable: 'CLAUDECODE', source: CLAUDE },
  { agent: 'Claude Code', variable: 'CLAUDE_CODE_ENTRYPOINT', source: CLAUDE },
  { agent: 'Claude Code', variable: 'CLAUDE_CODE_SESSION_ID', source: CLAUDE },
  { agent: 'an AI agent', variable: 'AI_AGENT', source: `${CLAUDE} (value claude-code_<version>_agent)` },
  { agent: 'Codex', variable: 'CODEX_THREAD_ID', source: CODEX },
  { agent: 'Codex', variable: 'CODEX_CI', source: CODEX },
  {
    agent: 'Codex',
    variable: 'CODEX_SANDBOX',
    source: 'Codex: set to seatbelt by its macOS sandbox (codex-rs)',
  },
  { agent: 'Codex', variable: 'CODEX_SANDBOX_NETWORK_DISABLED', source: CODEX },
  {
    agent: 'Gemini CLI',
    variable: 'GEMINI_CLI',
    source:
      'Gemini CLI: packages/core/src/services/shellExecutionService.ts, GEMINI_CLI_IDENTIFICATION_ENV_VAR',
  },
  { agent: 'Qwen Code', variable: 'QWEN_CODE', source: QWEN },
  { agent: 'Qwen Code', variable: 'QWEN_CODE_SESSION_ID', source: QWEN },
  { agent: 'opencode', variable: 'OPENCODE', source: OPENCODE },
  { agent: 'opencode', variable: 'OPENCODE_PID', source: OPENCODE },
  { agent: 'an AI agent', variable: 'AGENT', source: `${OPENCODE} (AGENT=1)` },
  {
    agent: "Cursor's agent",
    variable: 'CURSOR_AGENT',
    source:
      'Cursor agent (closed source): CURSOR_AGENT=1 in its tool shells, as its users and @vercel/detect-agent 1.2.7 report',
  },
  { agent: 'Copilot CLI', variable: 'COPILOT_CLI', source: COPILOT },
  { agent: 'Copilot CLI', variable: 'COPILOT_AGENT_SESSION_ID', source: COPILOT },
  {
    agent: 'a killdate run',
    variable: RUN_MARKER,
    source: 'killdate: set on the executor, planner and VALIDATE',
  },
];

/** The first marker set (non-empty) in env, or undefined when none is. */
export function agentMarkerIn(env: Record<string, string | undefined>): AgentMarker | undefined {
  return AGENT_MARKERS.find((m) => (env[m.variable] ?? '') !== '');
}

/** env with the run marker set to runId: the environment of every process a run starts. */
export function withRunMarker<E extends Record<string, string | undefined>>(env: E, runId: string): E {
  return { ...env, [RUN_MARKER]: runId };
}
