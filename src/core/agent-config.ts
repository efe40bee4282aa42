// The `agents` section of killdate.config.yaml: which agent plays which role (planner,
// executor, with per-feature overrides) and each agent's binary, model, extra flags and
// timeout. resolveAgent() is pure: config in, the agent to run out.

import { KilldateError } from './errors.js';
import { z } from './zod.js';

export const ADAPTER_NAMES = ['claude', 'codex', 'cursor', 'gemini', 'qwen', 'opencode', 'command'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];
export type AgentRole = 'executor' | 'planner';

export const DEFAULT_AGENT_TIMEOUT_SECONDS = 1800;

const agentName = z
  .string()
  .min(1)
  .describe('An agent: claude, codex, cursor, gemini, qwen, opencode, or a name under settings');

export const agentSettingsSchema = z
  .object({
    adapter: z
      .enum(ADAPTER_NAMES)
      .optional()
      .describe(
        'How to run it and read its output: claude (claude -p), codex (codex exec), cursor (cursor-agent -p), gemini (gemini -p), qwen (qwen), opencode (opencode run), command (any argv, plain text); defaults to the name, else command',
      ),
    bin: z.string().optional().describe('Binary to run; found on PATH by default'),
    model: z.string().optional().describe('Passed as the agent’s model flag (opencode: provider/model)'),
    extraArgs: z
      .array(z.string())
      .default(() => [])
      .describe('Flags added after the adapter’s own'),
    timeoutSeconds: z
      .number()
      .positive()
      .optional()
      .describe(`Wall-clock limit (default ${DEFAULT_AGENT_TIMEOUT_SECONDS})`),
  })
  .strict();

export const agentsSchema = z
  .object({
    planner: agentName.default('claude').describe('Diagnoses drift, read-only'),
    executor: agentName.default('claude').describe('Runs the tasks of a runbook'),
    features: z
      .record(
        z.string(),
        z.object({ executor: agentName.optional(), planner: agentName.optional() }).strict(),
      )
      .default(() => ({}))
      .describe('Per-feature overrides, by feature slug'),
    settings: z
      .record(z.string(), agentSettingsSchema)
      .default(() => ({}))
      .describe('Per agent, by the name used above'),
  })
  .strict();

export type AgentsConfig = z.infer<typeof agentsSchema>;
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

export interface ResolvedAgent {
  /** the configured name, e.g. `claude` or `aider` */
  name: string;
  adapter: AdapterName;
  bin?: string;
  model?: string;
  extraArgs: string[];
  timeoutSeconds: number;
}

const isAdapter = (n: string): n is AdapterName => (ADAPTER_NAMES as readonly string[]).includes(n);

/** The agent for `role`: the override (e.g. --executor), else the feature's, else the default. */
export function resolveAgent(
  config: { agents?: AgentsConfig },
  role: AgentRole,
  feature?: string,
  override?: string,
): ResolvedAgent {
  const agents = config.agents ?? agentsSchema.parse({});
  const name = override ?? (feature ? agents.features[feature]?.[role] : undefined) ?? agents[role];
  const s = agents.settings[name];
  const adapter = s?.adapter ?? (isAdapter(name) ? name : s?.bin ? 'command' : undefined);
  if (!adapter)
    throw new KilldateError(
      'CONFIG_INVALID',
      `unknown agent "${name}" for the ${role}`,
      `use one of ${ADAPTER_NAMES.join(', ')}, or add agents.settings.${name} with a bin`,
    );
  if (adapter === 'command' && !s?.bin)
    throw new KilldateError(
      'CONFIG_INVALID',
      `agent "${name}" runs a command but has no bin`,
      `set agents.settings.${name}.bin`,
    );
  return {
    name,
    adapter,
    ...(s?.bin ? { bin: s.bin } : {}),
    ...(s?.model ? { model: s.model } : {}),
    extraArgs: s?.extraArgs ?? [],
    timeoutSeconds: s?.timeoutSeconds ?? DEFAULT_AGENT_TIMEOUT_SECONDS,
  };
}
