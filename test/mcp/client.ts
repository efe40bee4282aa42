// The official SDK client connected in-process to killdate's MCP server (linked in-memory
// transports): what every MCP test talks through.
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { createMcpServer, type ToolSet } from '../../src/mcp/server.js';

/** Structured content, as the test reads it. */
type Json = ReturnType<typeof JSON.parse>;

export interface Connected {
  client: Client;
  /** calls a tool; returns its structured content, or the error text when it is a tool error */
  call(name: string, args?: Record<string, unknown>): Promise<{ isError: boolean; data: Json; text: string }>;
  close(): Promise<void>;
}

export async function connect(cwd: string, tools: ToolSet = 'all'): Promise<Connected> {
  const server = createMcpServer({ cwd, tools });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'killdate-test', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    async call(name, args = {}) {
      const r = (await client.callTool({ name, arguments: args })) as {
        isError?: boolean;
        structuredContent?: unknown;
        content: { type: string; text?: string }[];
      };
      const text = r.content.map((c) => c.text ?? '').join('\n');
      return { isError: r.isError === true, data: r.structuredContent, text };
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}
