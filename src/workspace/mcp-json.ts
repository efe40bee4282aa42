// The project `.mcp.json` on disk: killdate's server merged in, written atomically; a file
// that is not a JSON object is left as it is and reported.

import { join } from 'node:path';
import { jsonProblem } from '../core/json-error.js';
import { killdateServer, type McpMergeOutcome, mergeMcpServer } from '../core/mcp-json.js';
import { replaceFile } from './replace.js';
import { readForRewrite } from './utf8.js';

export const MCP_JSON = '.mcp.json';

export interface McpJsonResult {
  file: string;
  outcome: McpMergeOutcome;
  command: string;
  note?: string;
}

export function registerMcpServer(root: string, argv: string[]): McpJsonResult {
  const abs = join(root, MCP_JSON);
  const entry = killdateServer(argv);
  const command = [entry.command, ...entry.args].join(' ');
  const refused = (note: string): McpJsonResult => ({ file: MCP_JSON, outcome: 'refused', command, note });
  let current: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    text = readForRewrite(abs, MCP_JSON);
  } catch (e) {
    return refused((e as Error).message);
  }
  if (text !== undefined && text.trim() !== '') {
    try {
      current = JSON.parse(text);
    } catch {
      return refused(`${jsonProblem(MCP_JSON, text)}; left as it is`);
    }
    if (!current || typeof current !== 'object' || Array.isArray(current))
      return refused('not a JSON object; left as it is');
  }
  let merged: ReturnType<typeof mergeMcpServer>;
  try {
    merged = mergeMcpServer(current, entry);
  } catch (e) {
    return refused(`${(e as Error).message}; left as it is`);
  }
  if (merged.outcome === 'refused')
    return refused(
      'a server named "killdate" that does not run killdate mcp is already there; left as it is',
    );
  if (merged.outcome !== 'unchanged') replaceFile(abs, `${JSON.stringify(merged.config, null, 2)}\n`);
  return { file: MCP_JSON, outcome: merged.outcome, command };
}
