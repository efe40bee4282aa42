// Registering killdate's MCP server in a project's `.mcp.json` (Claude Code's project file,
// `{"mcpServers": {"<name>": {"command", "args"}}}`), keeping every other server and key.
// Idempotent; a server of the same name that is not killdate's is left as it is. Pure.

export interface McpServerEntry {
  command: string;
  args: string[];
  [k: string]: unknown;
}

export type McpMergeOutcome = 'added' | 'updated' | 'unchanged' | 'refused';

export const MCP_SERVER_NAME = 'killdate';

/** The server entry that runs `killdate mcp` through argv (the hooks' command, e.g. node and the entry). */
export function killdateServer(argv: string[]): McpServerEntry {
  const [command = 'killdate', ...args] = argv;
  return { command, args: [...args, 'mcp'] };
}

function isKilldate(entry: unknown): boolean {
  if (!entry || typeof entry !== 'object') return false;
  const e = entry as { command?: unknown; args?: unknown };
  const words = [e.command, ...(Array.isArray(e.args) ? e.args : [])].filter((w) => typeof w === 'string');
  return words.at(-1) === 'mcp' && words.some((w) => /killdate/.test(w as string));
}

/** The merged config (a new object) and what happened; throws when the shape is wrong. */
export function mergeMcpServer(
  config: Record<string, unknown>,
  entry: McpServerEntry,
): { config: Record<string, unknown>; outcome: McpMergeOutcome } {
  const servers = config.mcpServers ?? {};
  if (!servers || typeof servers !== 'object' || Array.isArray(servers))
    throw new Error('"mcpServers" is not an object');
  const current = (servers as Record<string, unknown>)[MCP_SERVER_NAME];
  if (current !== undefined && !isKilldate(current)) return { config, outcome: 'refused' };
  const next = { ...(current as Record<string, unknown> | undefined), ...entry };
  if (current && JSON.stringify(current) === JSON.stringify(next)) return { config, outcome: 'unchanged' };
  return {
    config: { ...config, mcpServers: { ...servers, [MCP_SERVER_NAME]: next } },
    outcome: current ? 'updated' : 'added',
  };
}
