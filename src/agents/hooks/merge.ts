// Merging killdate's hooks into an agent's hook file, keeping every other key and every other
// hook, and taking them out again. Pure: the parsed file in, the new one out. Idempotent: an
// entry of killdate's for the same event is updated in place, not added twice.
import { type AgentHooks, HOOK_TIMEOUT_SECONDS, type HookEvent } from './table.js';

export interface OurHook {
  event: HookEvent;
  /** the agent's event name and matcher */
  name: string;
  matcher?: string;
  command: string;
  timeoutSeconds: number;
}

/** The hooks one agent gets: one per (event name, matcher); the guard checks writes and shell calls alike. */
export function hooksFor(agent: AgentHooks, prefix: string): OurHook[] {
  const out: OurHook[] = [];
  for (const [event, spec] of Object.entries(agent.events) as [
    HookEvent,
    { name: string; matcher?: string },
  ][]) {
    if (out.some((h) => h.name === spec.name && h.matcher === spec.matcher)) continue;
    out.push({
      event,
      name: spec.name,
      ...(spec.matcher ? { matcher: spec.matcher } : {}),
      command: `${prefix} hook ${event} --agent ${agent.id}`,
      timeoutSeconds: HOOK_TIMEOUT_SECONDS[event],
    });
  }
  return out;
}

export type MergeOutcome = 'added' | 'updated' | 'unchanged';
type Json = Record<string, unknown>;
type Entry = Json & { command?: unknown; bash?: unknown };
type Group = Json & { matcher?: string; hooks?: Entry[] };

const LEGACY: Partial<Record<HookEvent, RegExp>> = {
  'before-write': /\bhook pre-tool-use\s*$/,
  'session-start': /\bstart --hook\s*$/,
  'session-end': /\bend --check\s*$/,
};

/** Is `command` killdate's hook for `event` (or, without an event, any of killdate's hooks)? */
export function isOurCommand(command: unknown, agent: AgentHooks, event?: HookEvent): boolean {
  if (typeof command !== 'string' || !/killdate/.test(command)) return false;
  const ev = event ?? '(?:session-start|before-write|before-shell|session-end)';
  if (new RegExp(`\\bhook ${ev} --agent ${agent.id}\\b`).test(command)) return true;
  if (agent.id !== 'claude') return false;
  return event ? !!LEGACY[event]?.test(command) : Object.values(LEGACY).some((re) => re.test(command));
}

const commandOf = (e: Entry): unknown => e.command ?? e.bash;

function entryFor(agent: AgentHooks, h: OurHook): Entry {
  const timeout = agent.timeout.unit === 'ms' ? h.timeoutSeconds * 1000 : h.timeoutSeconds;
  if (agent.layout === 'copilot') return { type: 'command', bash: h.command, [agent.timeout.key]: timeout };
  if (agent.layout === 'cursor')
    return { command: h.command, ...(h.matcher ? { matcher: h.matcher } : {}), [agent.timeout.key]: timeout };
  return { type: 'command', command: h.command, [agent.timeout.key]: timeout };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function hooksObject(settings: Json): Json {
  const hooks = settings.hooks ?? {};
  if (!hooks || typeof hooks !== 'object' || Array.isArray(hooks))
    throw new Error('"hooks" is not an object');
  return hooks as Json;
}

function listOf(hooks: Json, name: string): unknown[] {
  const list = hooks[name] ?? [];
  if (!Array.isArray(list)) throw new Error(`"hooks.${name}" is not a list`);
  return list;
}

/** Adds or updates one of killdate's hooks; throws on a file of the wrong shape. */
export function mergeHook(
  settings: Json,
  agent: AgentHooks,
  h: OurHook,
): { settings: Json; outcome: MergeOutcome } {
  const next = structuredClone(settings);
  const hooks = hooksObject(next);
  const list = listOf(hooks, h.name);
  const entry = entryFor(agent, h);
  const grouped = agent.layout === 'matcher-groups';
  let outcome: MergeOutcome = 'added';
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i] as Group;
    const entries = grouped ? (Array.isArray(item?.hooks) ? item.hooks : []) : [item as Entry];
    const at = entries.findIndex((e) => isOurCommand(commandOf(e), agent, h.event));
    if (at < 0) continue;
    const unchanged = same(entries[at], entry) && (!grouped || (item.matcher ?? undefined) === h.matcher);
    if (unchanged) return { settings, outcome: 'unchanged' };
    outcome = 'updated';
    if (!grouped || entries.length === 1) list.splice(i, 1);
    else entries.splice(at, 1);
  }
  list.push(grouped ? { ...(h.matcher ? { matcher: h.matcher } : {}), hooks: [entry] } : entry);
  next.hooks = { ...hooks, [h.name]: list };
  if (agent.layout === 'cursor' || agent.layout === 'copilot') next.version ??= 1;
  return { settings: next, outcome };
}

/** Takes every one of killdate's hooks out; empty lists and an empty `hooks` go too. */
export function removeOurHooks(settings: Json, agent: AgentHooks): { settings: Json; removed: number } {
  const next = structuredClone(settings);
  const hooks = hooksObject(next);
  let removed = 0;
  const grouped = agent.layout === 'matcher-groups';
  for (const [name, value] of Object.entries(hooks)) {
    if (!Array.isArray(value)) continue;
    const kept: unknown[] = [];
    for (const item of value) {
      if (!grouped) {
        if (isOurCommand(commandOf(item as Entry), agent)) removed++;
        else kept.push(item);
        continue;
      }
      const g = item as Group;
      const entries = Array.isArray(g?.hooks) ? g.hooks : [];
      const mine = entries.filter((e) => isOurCommand(commandOf(e), agent));
      removed += mine.length;
      if (mine.length === 0) kept.push(item);
      else if (mine.length < entries.length)
        kept.push({ ...g, hooks: entries.filter((e) => !mine.includes(e)) });
    }
    if (kept.length) hooks[name] = kept;
    else delete hooks[name];
  }
  if (Object.keys(hooks).length) next.hooks = hooks;
  else delete next.hooks;
  return { settings: removed ? next : settings, removed };
}

/** Adds `values` to the string list at `path` (e.g. permissions.deny); returns how many were new. */
export function addToList(
  settings: Json,
  path: [string, string],
  values: string[],
): { settings: Json; added: number } {
  const next = structuredClone(settings);
  const outer = (next[path[0]] ?? {}) as Json;
  if (!outer || typeof outer !== 'object' || Array.isArray(outer))
    throw new Error(`"${path[0]}" is not an object`);
  const list = (outer[path[1]] ?? []) as unknown[];
  if (!Array.isArray(list)) throw new Error(`"${path.join('.')}" is not a list`);
  const fresh = values.filter((v) => !list.includes(v));
  if (!fresh.length) return { settings, added: 0 };
  next[path[0]] = { ...outer, [path[1]]: [...list, ...fresh] };
  return { settings: next, added: fresh.length };
}

/** Takes `values` out of the list at `path`; an emptied list (and its emptied parent) goes too. */
export function removeFromList(
  settings: Json,
  path: [string, string],
  values: string[],
): { settings: Json; removed: number } {
  const outer = settings[path[0]] as Json | undefined;
  const list = outer?.[path[1]];
  if (!Array.isArray(list)) return { settings, removed: 0 };
  const kept = list.filter((v) => !values.includes(v as string));
  if (kept.length === list.length) return { settings, removed: 0 };
  const next = structuredClone(settings);
  const o = next[path[0]] as Json;
  if (kept.length) o[path[1]] = kept;
  else delete o[path[1]];
  if (!Object.keys(o).length) delete next[path[0]];
  return { settings: next, removed: list.length - kept.length };
}
