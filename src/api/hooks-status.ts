// Is each agent's guard live? Installed in the files the agent reads (Claude Code's user settings
// where $CLAUDE_CONFIG_DIR puts them), not switched off (`disableAllHooks`; in Claude Code's
// managed settings `allowManagedHooksOnly` too), trusted where the
// agent asks for trust (Codex hooks at their saved hashes, Gemini and Qwen folders), and pointing
// at a killdate that exists. `status`, `start` and the SessionStart hook say so, for every agent
// the repo uses, its folder deleted or not.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addToList, hooksFor, isOurCommand, mergeHook } from '../agents/hooks/merge.js';
import { OPENCODE_MARKER, opencodePlugin } from '../agents/hooks/opencode-plugin.js';
import { AGENT_HOOKS, type AgentHooks, HOOK_TIMEOUT_SECONDS, type HookAgent } from '../agents/hooks/table.js';
import type { Config } from '../core/config.js';
import { HUMAN_ACTS } from '../core/human-acts.js';
import { storedConfig } from '../workspace/config-reuse.js';
import {
  claudeManagedFiles,
  claudeUserSettings,
  commentsAllowed,
  geminiSettingsFiles,
  type Json,
  qwenSettingsFiles,
  readJson,
  readSwitches,
} from './agent-homes.js';
import { agentsInUse, namesEveryMentioned } from './hooks-agents.js';
import { codexOff, geminiUntrusted, qwenUntrusted } from './hooks-trust.js';
import { type UnhookedSession, unhookedSessions } from './unhooked-sessions.js';

export interface GuardState {
  agent: HookAgent;
  name: string;
  installed: boolean;
  live: boolean;
  /** why not live, or what was checked */
  detail: string;
}

/** Our before-write command in a parsed hook file, if any. */
function ourCommand(data: Json | undefined, agent: AgentHooks): string | undefined {
  const hooks = data?.hooks;
  if (!hooks || typeof hooks !== 'object') return undefined;
  for (const list of Object.values(hooks as Json))
    for (const item of Array.isArray(list) ? list : []) {
      const entries = Array.isArray(item?.hooks) ? item.hooks : [item];
      for (const e of entries) {
        const c = e?.command ?? e?.bash;
        if (isOurCommand(c, agent, 'before-write')) return c;
      }
    }
  return undefined;
}

/**
 * How killdate's hooks in `data` differ from what `hooks install` writes (a matcher that never
 * matches, a zero timeout, a command run after `exit 0`, a hook or a deny rule removed), or
 * undefined when they are as written.
 */
function tampered(agent: AgentHooks, data: Json, command: string, file: string): string | undefined {
  const prefix = command.slice(0, command.lastIndexOf(' hook '));
  try {
    for (const h of hooksFor(agent, prefix))
      if (mergeHook(data, agent, h).outcome !== 'unchanged')
        return `killdate's ${h.name}${h.matcher ? ` (${h.matcher})` : ''} hook in ${file} was changed or removed`;
    if (agent.denyRules && addToList(data, agent.denyRules.list, HUMAN_ACTS.map(agent.denyRules.rule)).added)
      return `the deny rules for the human acts in ${file} were removed`;
  } catch {
    return `${file} is not in the shape killdate writes`;
  }
  return undefined;
}

/** A command whose program (or killdate entry) is missing cannot run. */
function missingProgram(command: string): string | undefined {
  const words = command.match(/'[^']*'|\S+/g) ?? [];
  for (const w of words.slice(0, 2).map((x) => x.replace(/^'|'$/g, '')))
    if (w.startsWith('/') && !existsSync(w)) return w;
  return undefined;
}

function claudeFiles(root: string, env: NodeJS.ProcessEnv): string[] {
  return [
    claudeUserSettings(root, env),
    join(root, '.claude/settings.json'),
    join(root, '.claude/settings.local.json'),
  ];
}

/** Extra conditions per agent: an answer means the guard is off, with the reason. */
function blocker(agent: AgentHooks, root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (agent.id === 'claude') {
    const policy = claudeManagedFiles().map((f) => [f, readSwitches(f, agent.id)] as const);
    const off = policy.find(([, data]) => data?.disableAllHooks === true);
    if (off) return `disableAllHooks is set in ${off[0]}`;
    const only = policy.find(([, data]) => data?.allowManagedHooksOnly === true);
    if (only) return `allowManagedHooksOnly is set in ${only[0]}: only managed hooks run`;
  }
  if (agent.id === 'claude' || agent.id === 'qwen') {
    const files =
      agent.id === 'claude'
        ? claudeFiles(root, env)
        : [...qwenSettingsFiles(root, env), join(root, agent.file)];
    const settings = files.map((f) => readSwitches(f, agent.id));
    const off = settings.findIndex((data) => data?.disableAllHooks === true);
    if (off >= 0) return `disableAllHooks is set in ${files[off]}`;
    // folder trust is set in the user and system files only, not the project's
    if (agent.id === 'qwen') return qwenUntrusted(root, env, settings.slice(0, -1));
  }
  if (agent.id === 'codex') return codexOff(agent, root, env);
  if (agent.id === 'gemini') {
    for (const f of [...geminiSettingsFiles(root, env), join(root, agent.file)]) {
      const hooksConfig = readSwitches(f, agent.id)?.hooksConfig as
        | { enabled?: unknown; disabled?: unknown }
        | undefined;
      if (hooksConfig?.enabled === false) return `hooksConfig.enabled is false in ${f}`;
      const disabled = Array.isArray(hooksConfig?.disabled) ? hooksConfig.disabled : [];
      if (disabled.some((c) => isOurCommand(c, agent, 'before-write')))
        return `killdate's hook is in hooksConfig.disabled in ${f}`;
    }
    return geminiUntrusted(root, env);
  }
  return undefined;
}

export function guardState(
  agent: AgentHooks,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  sessions: UnhookedSession[] = unhookedSessions(root),
): GuardState {
  const base = { agent: agent.id, name: agent.name };
  let command: string | undefined;
  let changed: string | undefined;
  if (agent.layout === 'opencode-plugin') {
    const abs = join(root, agent.file);
    const text = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
    command = text.startsWith(OPENCODE_MARKER)
      ? (text.match(/const KILLDATE = (\[.*\]);/)?.[1] ?? '')
      : undefined;
    if (command) {
      const argv = JSON.parse(command) as string[];
      command = argv.join(' ');
      if (text !== opencodePlugin(agent, argv, HOOK_TIMEOUT_SECONDS['before-write']))
        changed = `${agent.file} differs from the plugin killdate writes`;
    }
  } else {
    const files = agent.id === 'claude' ? claudeFiles(root, env) : [join(root, agent.file)];
    for (const f of files) {
      const data = readJson(f, commentsAllowed(agent.id));
      command = ourCommand(data, agent);
      if (command) {
        changed = tampered(agent, data!, command, f);
        break;
      }
    }
  }
  if (!command)
    return { ...base, installed: false, live: false, detail: `no killdate hooks in ${agent.file}` };
  if (changed)
    return { ...base, installed: true, live: false, detail: `${changed}: run killdate hooks install` };
  const missing = missingProgram(command);
  if (missing)
    return { ...base, installed: true, live: false, detail: `the hooks call ${missing}, which is missing` };
  const off = blocker(agent, root, env);
  if (off) return { ...base, installed: true, live: false, detail: off };
  const session = sessions.find((x) => x.agent === agent.id);
  if (session) {
    const detail = `a session started with ${session.flag} is running in this repo (pid ${session.pid}): it runs no hooks`;
    return { ...base, installed: true, live: false, detail };
  }
  const detail = agent.untested ? 'installed (the agent itself is not run here)' : 'live';
  return { ...base, installed: true, live: true, detail };
}

/** The agents this repo uses (see agentsInUse), each with its guard state. */
export async function guardStates(root: string, env: NodeJS.ProcessEnv = process.env): Promise<GuardState[]> {
  const config = await configNamingAgents(root);
  const sessions = unhookedSessions(root);
  return agentsInUse(root, config).map((id) => guardState(AGENT_HOOKS[id], root, env, sessions));
}

/**
 * The config whose agents the guards are reported for; undefined when it does not load (it
 * then names none: check and status report it). An agent can rewrite the stored config to drop
 * the one whose guard is off, so the stored one is taken only when it names every agent the
 * file's text could name (namesEveryMentioned): a forged one can add a warning, never hide
 * one. Else the file is loaded, without the YAML parser and the schema when it need not be.
 */
async function configNamingAgents(root: string): Promise<Config | undefined> {
  const stored = storedConfig(root);
  if (stored && namesEveryMentioned(stored.text, stored.config)) return stored.config;
  const { loadConfig } = await import('../workspace/config.js');
  try {
    return loadConfig(root).config;
  } catch {
    return undefined;
  }
}

/** One line per agent whose guard is not live. */
export async function guardWarnings(root: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  return (await guardStates(root, env))
    .filter((s) => !s.live)
    .map((s) => `${s.name}'s guard is off: ${s.detail}`);
}
