// Merging a killdate hook into Claude Code's `.claude/settings.json`, keeping every other key
// and every other hook. Idempotent: a killdate entry for the same event is updated in place.
// Later hooks (SessionStart, Stop) go through the same function.

export interface ClaudeHookSpec {
  /** PreToolUse, SessionStart, Stop, ... */
  event: string;
  /** tool matcher, e.g. `Edit|Write|MultiEdit|NotebookEdit`; omitted for events without tools */
  matcher?: string;
  command: string;
  /** recognises killdate's own command for this event, whatever binary path it was installed with */
  isOurs: (command: string) => boolean;
  timeout?: number;
}

export type MergeOutcome = 'added' | 'updated' | 'unchanged';

interface HookCommand {
  type: string;
  command?: string;
  timeout?: number;
  [k: string]: unknown;
}
interface MatcherGroup {
  matcher?: string;
  hooks?: HookCommand[];
  [k: string]: unknown;
}

/** Returns the merged settings (a new object) and what happened. Throws on a wrong shape. */
export function mergeClaudeHook(
  settings: Record<string, unknown>,
  spec: ClaudeHookSpec,
): { settings: Record<string, unknown>; outcome: MergeOutcome } {
  const next = structuredClone(settings);
  const hooks = (next.hooks ?? {}) as Record<string, unknown>;
  if (typeof hooks !== 'object' || Array.isArray(hooks)) throw new Error('"hooks" is not an object');
  const groups = (hooks[spec.event] ?? []) as MatcherGroup[];
  if (!Array.isArray(groups)) throw new Error(`"hooks.${spec.event}" is not a list`);
  const entry: HookCommand = {
    type: 'command',
    command: spec.command,
    ...(spec.timeout ? { timeout: spec.timeout } : {}),
  };
  for (const g of groups)
    for (const [i, h] of (g.hooks ?? []).entries()) {
      if (typeof h?.command !== 'string' || !spec.isOurs(h.command)) continue;
      const same = h.command === spec.command && (g.matcher ?? undefined) === spec.matcher;
      if (same) return { settings, outcome: 'unchanged' };
      g.hooks![i] = { ...h, ...entry };
      if (spec.matcher !== undefined) g.matcher = spec.matcher;
      next.hooks = { ...hooks, [spec.event]: groups };
      return { settings: next, outcome: 'updated' };
    }
  groups.push({ ...(spec.matcher !== undefined ? { matcher: spec.matcher } : {}), hooks: [entry] });
  next.hooks = { ...hooks, [spec.event]: groups };
  return { settings: next, outcome: 'added' };
}
