// One agent's hook file: killdate's hooks (and the agent's deny rules for the human acts)
// merged in, or taken out again. A file killdate created and that is empty once its hooks are
// out is deleted; any other file keeps everything else it had.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addToList,
  type MergeOutcome,
  mergeHook,
  type OurHook,
  removeFromList,
  removeOurHooks,
} from '../agents/hooks/merge.js';
import { OPENCODE_MARKER, opencodePlugin } from '../agents/hooks/opencode-plugin.js';
import { type AgentHooks, HOOK_TIMEOUT_SECONDS } from '../agents/hooks/table.js';
import { KilldateError } from '../core/errors.js';
import { HUMAN_ACTS } from '../core/human-acts.js';
import { ensureStateDir, STATE_DIR } from '../workspace/active-task.js';
import {
  type Json,
  readJsonObject,
  removeFile,
  writablePath,
  writeJsonObject,
} from '../workspace/hook-files.js';
import { replaceFile } from '../workspace/replace.js';

export interface AgentFileResult {
  file: string;
  outcome: MergeOutcome;
  denyRules: number;
}

const CREATED = `${STATE_DIR}/hooks-created.json`;
const GUARDED = `${STATE_DIR}/hooks-guarded.json`;

function readList(root: string, rel: string): string[] {
  try {
    const v = JSON.parse(readFileSync(join(root, rel), 'utf8'));
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeList(root: string, rel: string, list: string[]): void {
  ensureStateDir(root);
  replaceFile(join(root, rel), `${JSON.stringify(list, null, 2)}\n`);
}

const created = (root: string): string[] => readList(root, CREATED);

function noteCreated(root: string, rel: string, add: boolean): void {
  const now = created(root).filter((f) => f !== rel);
  if (add) now.push(rel);
  writeList(root, CREATED, now);
}

/** The agents `hooks install` guarded in this clone that `hooks uninstall` has not taken out since. */
export const guardedAgents = (root: string): string[] => readList(root, GUARDED);

export function noteGuarded(root: string, ids: string[], add: boolean): void {
  const before = guardedAgents(root);
  const now = add ? [...new Set([...before, ...ids])] : before.filter((id) => !ids.includes(id));
  if (now.join() !== before.join()) writeList(root, GUARDED, now);
}

const denyList = (agent: AgentHooks): string[] =>
  agent.denyRules ? HUMAN_ACTS.map(agent.denyRules.rule) : [];

export function writeAgentFile(
  root: string,
  agent: AgentHooks,
  hooks: OurHook[],
  argv: string[],
): AgentFileResult {
  if (agent.layout === 'opencode-plugin') return writePlugin(root, agent, argv);
  const { abs, data, existed } = readJsonObject(root, agent.file);
  let settings = data;
  const outcomes: MergeOutcome[] = [];
  try {
    for (const h of hooks) {
      const m = mergeHook(settings, agent, h);
      settings = m.settings;
      outcomes.push(m.outcome);
    }
    const rules = agent.denyRules ? addToList(settings, agent.denyRules.list, denyList(agent)) : undefined;
    if (rules) settings = rules.settings;
    if (rules?.added) outcomes.push('updated');
  } catch (e) {
    throw new KilldateError('REFUSED', `${agent.file}: ${(e as Error).message}; left as it is`);
  }
  const changed = outcomes.some((o) => o !== 'unchanged');
  const outcome: MergeOutcome = !changed
    ? 'unchanged'
    : !existed || outcomes.every((o) => o === 'added')
      ? 'added'
      : 'updated';
  if (changed) writeJsonObject(abs, settings);
  if (!existed) noteCreated(root, agent.file, true);
  return { file: agent.file, outcome, denyRules: denyList(agent).length };
}

function writePlugin(root: string, agent: AgentHooks, argv: string[]): AgentFileResult {
  const abs = writablePath(root, agent.file);
  const text = opencodePlugin(agent, argv, HOOK_TIMEOUT_SECONDS['before-write']);
  const existed = existsSync(abs);
  const before = existed ? readFileSync(abs, 'utf8') : undefined;
  if (before !== undefined && !before.startsWith(OPENCODE_MARKER))
    throw new KilldateError('REFUSED', `${agent.file} exists and is not killdate's; left as it is`);
  if (before === text) return { file: agent.file, outcome: 'unchanged', denyRules: 0 };
  replaceFile(abs, text);
  if (!existed) noteCreated(root, agent.file, true);
  return { file: agent.file, outcome: existed ? 'updated' : 'added', denyRules: 0 };
}

export function removeAgentFile(
  root: string,
  agent: AgentHooks,
): { file: string; outcome: 'removed' | 'absent'; hooks: number; denyRules: number } {
  const none = { file: agent.file, outcome: 'absent' as const, hooks: 0, denyRules: 0 };
  const abs = writablePath(root, agent.file);
  if (!existsSync(abs)) return none;
  if (agent.layout === 'opencode-plugin') {
    if (!readFileSync(abs, 'utf8').startsWith(OPENCODE_MARKER)) return none;
    removeFile(abs);
    noteCreated(root, agent.file, false);
    return { ...none, outcome: 'removed', hooks: 1 };
  }
  const { data } = readJsonObject(root, agent.file);
  const hooks = removeOurHooks(data, agent);
  const rules = agent.denyRules
    ? removeFromList(hooks.settings, agent.denyRules.list, denyList(agent))
    : { settings: hooks.settings, removed: 0 };
  if (!hooks.removed && !rules.removed) return none;
  const left: Json = { ...rules.settings };
  if (agent.layout !== 'matcher-groups' && Object.keys(left).join() === 'version') delete left.version;
  if (!Object.keys(left).length && created(root).includes(agent.file)) removeFile(abs);
  else writeJsonObject(abs, rules.settings);
  noteCreated(root, agent.file, false);
  return { ...none, outcome: 'removed', hooks: hooks.removed, denyRules: rules.removed };
}
