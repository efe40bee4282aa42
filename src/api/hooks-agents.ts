// Which agents `hooks install` guards: the ones named with --agents, else those the config names
// (planner, executor, per-feature overrides), those it guarded before in this clone and those
// whose folder is in the repo; Claude Code when there is none (it is the config's default planner
// and executor). `status` reports the same agents, Claude Code always.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_HOOKS, HOOK_AGENTS, type HookAgent, isHookAgent } from '../agents/hooks/table.js';
import type { Config } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import { guardedAgents } from './hooks-files.js';

export function parseAgentList(list: string): HookAgent[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !isHookAgent(n));
  if (unknown.length || !names.length)
    throw new KilldateError(
      'USAGE',
      `--agents: unknown agent ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}`,
      `use a comma-separated list of ${HOOK_AGENTS.join(', ')}`,
    );
  return [...new Set(names)] as HookAgent[];
}

function configNamed(config: Config | undefined): string[] {
  const agents = config?.agents;
  if (!agents) return [];
  const features = Object.values(agents.features ?? {}).flatMap((f) => [f.executor, f.planner]);
  const adapters = Object.values(agents.settings ?? {}).map((s) => s.adapter);
  return [agents.planner, agents.executor, ...features, ...adapters].filter((n): n is string => !!n);
}

/** The agents the config names, `hooks install` guarded in this clone, or whose folder is here. */
function usedBy(root: string, named: string[]): HookAgent[] {
  const guarded = guardedAgents(root);
  return HOOK_AGENTS.filter(
    (id) => named.includes(id) || guarded.includes(id) || existsSync(join(root, AGENT_HOOKS[id].folder)),
  );
}

/**
 * Whether `config` names every hook agent that the config file's `text` (null: no file) could
 * name. A name is in the text as it is, unless a YAML escape spells it (a backslash in a
 * double-quoted string): a text with a backslash never passes. When this holds, `config` names
 * at least the agents the file does, whatever else it says.
 */
export function namesEveryMentioned(text: string | null, config: Config): boolean {
  if (text === null) return true; // the defaults name Claude Code, which is always reported
  if (text.includes('\\')) return false;
  const named = configNamed(config);
  return HOOK_AGENTS.every((id) => !text.includes(id) || named.includes(id));
}

/** `config`: the repo's, validated (hooks install loads it). */
export function defaultHookAgents(root: string, config: Config): HookAgent[] {
  const found = usedBy(root, configNamed(config));
  return found.length ? found : ['claude'];
}

/**
 * The agents whose guard state `status` reports: those, and Claude Code always (the default
 * planner). An agent stays listed when its folder is deleted. `config` undefined: a config
 * that does not load names none.
 */
export function agentsInUse(root: string, config: Config | undefined): HookAgent[] {
  const found = usedBy(root, configNamed(config));
  return found.includes('claude') ? found : ['claude', ...found];
}
