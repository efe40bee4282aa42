// installHooks() / uninstallHooks(): killdate's hooks in each agent's own hook file (from the
// one table in agents/hooks), the agents' deny rules for the human acts, and the git
// pre-commit scope check. Merged, idempotent and reversible; a file killdate cannot read is
// refused; each command is run once to prove it works on this machine.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hooksFor, type MergeOutcome } from '../agents/hooks/merge.js';
import { AGENT_HOOKS, type HookAgent } from '../agents/hooks/table.js';
import { KilldateError } from '../core/errors.js';
import { loadConfig } from '../workspace/config.js';
import { hookCommand } from '../workspace/hook-command.js';
import { type GitHookResult, installGitPreCommit, uninstallGitPreCommit } from '../workspace/hooks.js';
import { type McpJsonResult, registerMcpServer } from '../workspace/mcp-json.js';
import { findRoot } from '../workspace/root.js';
import { defaultHookAgents, parseAgentList } from './hooks-agents.js';
import { type AgentFileResult, noteGuarded, removeAgentFile, writeAgentFile } from './hooks-files.js';
import { proveHook } from './hooks-prove.js';

export type AgentOutcome = MergeOutcome | 'removed' | 'absent';

export interface AgentHookResult {
  agent: HookAgent;
  name: string;
  file: string;
  outcome: AgentOutcome;
  /** the agent's events killdate hooks, e.g. `PreToolUse (Edit|Write|MultiEdit|NotebookEdit)` */
  events: string[];
  denyRules: number;
  /** what the user must still do before the agent runs the hooks */
  trust?: string;
  /** the before-write command run once: ok, or why it failed */
  proof?: string;
}

export interface HooksResult {
  version: 1;
  root: string;
  /** what the hooks run, before `hook <event> --agent <id>` */
  command: string;
  warnings: string[];
  agents: AgentHookResult[];
  git: GitHookResult & { command: string };
  /** killdate's MCP server in the project `.mcp.json`, when Claude Code is guarded */
  mcp?: McpJsonResult;
}

/** The git top level, or REFUSED: hooks are written only inside a git repo. */
function gitRoot(cwd?: string): string {
  const root = findRoot(cwd);
  if (!existsSync(join(root, '.git')))
    throw new KilldateError(
      'REFUSED',
      `${root} is not inside a git repo; hooks install wrote nothing`,
      'run git init first, or run it inside your repo',
    );
  return root;
}

export function installHooks(opts: { cwd?: string; agents?: string; bin?: string } = {}): HooksResult {
  const root = gitRoot(opts.cwd);
  const ids = opts.agents ? parseAgentList(opts.agents) : defaultHookAgents(root, loadConfig(root).config);
  const cmd = hookCommand(opts.bin);
  const agents: AgentHookResult[] = [];
  for (const id of ids) {
    const agent = AGENT_HOOKS[id];
    const hooks = hooksFor(agent, cmd.prefix);
    const written: AgentFileResult = writeAgentFile(root, agent, hooks, cmd.argv);
    agents.push({
      agent: id,
      name: agent.name,
      file: written.file,
      outcome: written.outcome,
      events: hooks.map((h) => (h.matcher ? `${h.name} (${h.matcher})` : h.name)),
      denyRules: written.denyRules,
      ...(agent.trust ? { trust: agent.trust } : {}),
      proof: proveHook(root, agent, cmd.prefix),
    });
  }
  noteGuarded(root, ids, true);
  const commitCommand = `${cmd.prefix} hook pre-commit`;
  const git = { ...installGitPreCommit(root, commitCommand), command: commitCommand };
  const mcp = ids.includes('claude') ? registerMcpServer(root, cmd.argv) : undefined;
  return {
    version: 1,
    root,
    command: cmd.prefix,
    warnings: cmd.warnings,
    agents,
    git,
    ...(mcp ? { mcp } : {}),
  };
}

export interface UninstallResult {
  version: 1;
  agents: {
    agent: HookAgent;
    file: string;
    outcome: 'removed' | 'absent';
    hooks: number;
    denyRules: number;
  }[];
  git: { file: string; outcome: 'removed' | 'absent' };
}

export function uninstallHooks(opts: { cwd?: string; agents?: string } = {}): UninstallResult {
  const root = gitRoot(opts.cwd);
  const ids = opts.agents ? parseAgentList(opts.agents) : (Object.keys(AGENT_HOOKS) as HookAgent[]);
  const agents = ids.map((id) => ({ agent: id, ...removeAgentFile(root, AGENT_HOOKS[id]) }));
  noteGuarded(root, ids, false);
  return { version: 1, agents, git: uninstallGitPreCommit(root) };
}
