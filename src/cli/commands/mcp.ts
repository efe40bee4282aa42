// `killdate mcp`: the MCP server over stdio (stdout carries the protocol; nothing else is
// printed there). Loaded only when this command runs: the SDK stays off every other path.
import type { Command } from 'commander';
import { KilldateError } from '../../core/errors.js';
import { serveStdio, TOOL_SETS, type ToolSet } from '../../mcp/server.js';
import { resolveToday } from '../../workspace/today.js';
import { globalCwd } from '../output.js';

export function register(program: Command): void {
  program
    .command('mcp')
    .description('Serve the killdate api to agents over MCP (stdio)')
    .option('--tools <set>', `which tools: ${TOOL_SETS.join(' | ')}`, 'all')
    .option('--today <date>', 'the date the tools work with (YYYY-MM-DD)')
    .action(async (o: { tools: string; today?: string }, cmd: Command) => {
      if (!(TOOL_SETS as readonly string[]).includes(o.tools))
        throw new KilldateError('USAGE', `unknown --tools ${o.tools}: expected ${TOOL_SETS.join(' or ')}`);
      if (o.today !== undefined) resolveToday(o.today); // a bad date is a usage error before serving
      await serveStdio({ cwd: globalCwd(cmd) ?? process.cwd(), today: o.today, tools: o.tools as ToolSet });
    });
}
