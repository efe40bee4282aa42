// `killdate mcp`: the api served over stdio with the official MCP SDK. Read-only tools for
// what an agent needs to know, write tools for what it may add; no tool records a sign-off,
// approves, accepts, rejects, reverts or moves a canary: those are human acts.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { VERSION } from '../version.js';
import { checkTools } from './checks.js';
import { featureTools } from './features.js';
import { registerTools } from './registers.js';
import { registerResources } from './resources.js';
import { sessionTools } from './session.js';
import { type KilldateTool, type McpContext, registerTool } from './tool.js';

export const TOOL_SETS = ['all', 'core'] as const;
export type ToolSet = (typeof TOOL_SETS)[number];

export const TOOLS: KilldateTool[] = [...sessionTools, ...checkTools, ...featureTools, ...registerTools];

export function toolsOf(set: ToolSet): KilldateTool[] {
  return set === 'core' ? TOOLS.filter((t) => t.core) : TOOLS;
}

export function createMcpServer(ctx: McpContext & { tools?: ToolSet }): McpServer {
  const server = new McpServer(
    { name: 'killdate', version: VERSION },
    {
      instructions:
        'killdate enforces the build method of this repo. Sign-offs and task decisions are human acts: prepare them, never record them.',
    },
  );
  for (const tool of toolsOf(ctx.tools ?? 'all')) registerTool(server, tool, ctx);
  registerResources(server, ctx);
  return server;
}

/** Serves until stdin closes. */
export async function serveStdio(ctx: McpContext & { tools?: ToolSet }): Promise<void> {
  const server = createMcpServer(ctx);
  await server.connect(new StdioServerTransport());
  await new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
}
