// The one hook table: killdate's four events -> each agent's hook file, event names, tool
// names, project-dir variable and answer format. `hooks install` writes from it, `killdate
// hook <event> --agent <id>` reads the agent's input and answers with it. Adding an agent is
// one entry here (plus a file writer when its file has a new layout). Loaded by the hook fast
// path: plain data, no imports.

export const HOOK_EVENTS = ['session-start', 'before-write', 'before-shell', 'session-end'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export const HOOK_AGENTS = ['claude', 'codex', 'gemini', 'qwen', 'opencode', 'cursor', 'copilot'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

/** How the agent's hook file is laid out. */
export type FileLayout =
  /** `{hooks: {Event: [{matcher, hooks: [{type, command, timeout}]}]}}` (Claude Code and its kin) */
  | 'matcher-groups'
  /** `{version: 1, hooks: {event: [{command, matcher?, timeout}]}}` */
  | 'cursor'
  /** `{version: 1, hooks: {event: [{type, bash, timeoutSec}]}}` */
  | 'copilot'
  /** a JavaScript plugin module that killdate owns whole */
  | 'opencode-plugin';

/** How a refusal (or the report, or the end-of-session request) reaches the model. */
export type AnswerFormat = 'claude' | 'gemini' | 'cursor' | 'copilot' | 'exit-code';

export interface AgentEventSpec {
  /** the agent's own event name */
  name: string;
  /** tool matcher, where the agent filters by tool */
  matcher?: string;
}

export interface AgentHooks {
  id: HookAgent;
  name: string;
  /** its folder in a repo: when present, `hooks install` guards the agent by default */
  folder: string;
  /** the hook file, repo-relative */
  file: string;
  layout: FileLayout;
  events: Partial<Record<HookEvent, AgentEventSpec>>;
  /** tool names that write files / run shell commands (as the hook input names them) */
  writeTools: readonly string[];
  shellTools: readonly string[];
  /** environment variables that carry the project folder to the hook */
  projectDirEnv: readonly string[];
  answer: AnswerFormat;
  /** the hook timeout's key and unit in the file */
  timeout: { key: string; unit: 's' | 'ms' };
  /** what the user must do before the agent runs the hooks (empty: nothing) */
  trust?: string;
  /** the agent's own deny rules for the human acts: the settings list they go in, and one rule */
  denyRules?: { list: [string, string]; rule: (act: string) => string };
  /** why only the file format is tested here, not a real session */
  untested?: string;
}

const CLAUDE_WRITES = ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'];

export const AGENT_HOOKS: Record<HookAgent, AgentHooks> = {
  claude: {
    id: 'claude',
    name: 'Claude Code',
    folder: '.claude',
    file: '.claude/settings.json',
    layout: 'matcher-groups',
    events: {
      'session-start': { name: 'SessionStart' },
      'before-write': { name: 'PreToolUse', matcher: CLAUDE_WRITES.join('|') },
      'before-shell': { name: 'PreToolUse', matcher: 'Bash' },
      'session-end': { name: 'Stop' },
    },
    writeTools: CLAUDE_WRITES,
    shellTools: ['Bash'],
    projectDirEnv: ['CLAUDE_PROJECT_DIR'],
    answer: 'claude',
    timeout: { key: 'timeout', unit: 's' },
    denyRules: { list: ['permissions', 'deny'], rule: (act) => `Bash(killdate ${act}:*)` },
  },
  codex: {
    id: 'codex',
    name: 'Codex',
    folder: '.codex',
    file: '.codex/hooks.json',
    layout: 'matcher-groups',
    events: {
      'session-start': { name: 'SessionStart' },
      'before-write': { name: 'PreToolUse', matcher: 'apply_patch|Edit|Write' },
      'before-shell': { name: 'PreToolUse', matcher: 'Bash' },
      'session-end': { name: 'Stop' },
    },
    writeTools: ['apply_patch', 'Edit', 'Write'],
    shellTools: ['Bash'],
    projectDirEnv: [],
    answer: 'claude',
    timeout: { key: 'timeout', unit: 's' },
    trust:
      'Codex runs project hooks only once you trust them: run `codex` in this repo, trust the project when asked, then type /hooks and trust the killdate hooks (again after each hooks install that changes them).',
  },
  gemini: {
    id: 'gemini',
    name: 'Gemini CLI',
    folder: '.gemini',
    file: '.gemini/settings.json',
    layout: 'matcher-groups',
    events: {
      'session-start': { name: 'SessionStart' },
      'before-write': { name: 'BeforeTool', matcher: 'write_file|replace' },
      'before-shell': { name: 'BeforeTool', matcher: 'run_shell_command' },
      'session-end': { name: 'AfterAgent' },
    },
    writeTools: ['write_file', 'replace'],
    shellTools: ['run_shell_command'],
    projectDirEnv: ['GEMINI_PROJECT_DIR', 'CLAUDE_PROJECT_DIR'],
    answer: 'gemini',
    timeout: { key: 'timeout', unit: 'ms' },
    denyRules: { list: ['tools', 'exclude'], rule: (act) => `run_shell_command(killdate ${act})` },
    trust:
      'Gemini CLI loads project settings, and so the hooks, only in a trusted folder: run `gemini` in this repo and choose "Trust folder" (it is saved in ~/.gemini/trustedFolders.json).',
  },
  qwen: {
    id: 'qwen',
    name: 'Qwen Code',
    folder: '.qwen',
    file: '.qwen/settings.json',
    layout: 'matcher-groups',
    events: {
      'session-start': { name: 'SessionStart' },
      'before-write': { name: 'PreToolUse', matcher: 'write_file|edit|replace|notebook_edit' },
      'before-shell': { name: 'PreToolUse', matcher: 'run_shell_command' },
      'session-end': { name: 'Stop' },
    },
    writeTools: ['write_file', 'edit', 'replace', 'notebook_edit'],
    shellTools: ['run_shell_command'],
    projectDirEnv: ['QWEN_PROJECT_DIR', 'CLAUDE_PROJECT_DIR'],
    answer: 'claude',
    timeout: { key: 'timeout', unit: 's' },
    denyRules: { list: ['permissions', 'deny'], rule: (act) => `Bash(killdate ${act} *)` },
  },
  opencode: {
    id: 'opencode',
    name: 'opencode',
    folder: '.opencode',
    file: '.opencode/plugin/killdate.js',
    layout: 'opencode-plugin',
    events: {
      'before-write': { name: 'tool.execute.before' },
      'before-shell': { name: 'tool.execute.before' },
    },
    writeTools: ['write', 'edit', 'multiedit', 'patch', 'apply_patch'],
    shellTools: ['bash'],
    projectDirEnv: [],
    answer: 'exit-code',
    timeout: { key: 'timeout', unit: 'ms' },
  },
  cursor: {
    id: 'cursor',
    name: "Cursor's agent",
    folder: '.cursor',
    file: '.cursor/hooks.json',
    layout: 'cursor',
    events: {
      'session-start': { name: 'sessionStart' },
      'before-write': { name: 'preToolUse', matcher: 'Write|StrReplace|Edit|Delete' },
      'before-shell': { name: 'beforeShellExecution' },
      'session-end': { name: 'stop' },
    },
    writeTools: ['Write', 'StrReplace', 'Edit', 'Delete'],
    shellTools: ['Shell'],
    projectDirEnv: ['CURSOR_PROJECT_DIR'],
    answer: 'cursor',
    timeout: { key: 'timeout', unit: 's' },
    untested:
      "Cursor's agent has no package that installs here: its file is tested against Cursor's documented format",
  },
  copilot: {
    id: 'copilot',
    name: 'Copilot CLI',
    folder: '.github/hooks',
    file: '.github/hooks/killdate.json',
    layout: 'copilot',
    events: {
      'before-write': { name: 'preToolUse' },
      'before-shell': { name: 'preToolUse' },
      'session-end': { name: 'agentStop' },
    },
    writeTools: ['create', 'edit', 'apply_patch'],
    shellTools: ['bash'],
    projectDirEnv: [],
    answer: 'copilot',
    timeout: { key: 'timeoutSec', unit: 's' },
    untested: 'Copilot CLI is not driven in the tests: its file is tested against the documented format',
  },
};

/** Hook timeouts, in seconds: the guards must answer at once; the session hooks read git. */
export const HOOK_TIMEOUT_SECONDS: Record<HookEvent, number> = {
  'session-start': 60,
  'before-write': 10,
  'before-shell': 10,
  'session-end': 30,
};

export const isHookAgent = (s: string): s is HookAgent => (HOOK_AGENTS as readonly string[]).includes(s);
export const isHookEvent = (s: string): s is HookEvent => (HOOK_EVENTS as readonly string[]).includes(s);
