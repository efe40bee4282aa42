// The real Claude Code calling killdate's MCP server through the project `.mcp.json` that
// `killdate hooks install` wrote: the server connects, the scripted model calls
// mcp__killdate__status, and the tool's answer (the repo's real feature states) comes back as
// the tool result. Needs `npm run build` first.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from '../../src/api/init.js';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { HAVE_CLAUDE, offlineEnv, runClaude, toolResults } from '../helpers/claude-code.js';

let repo: Repo | undefined;
let server: AnthropicServer | undefined;
let home: string | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!HAVE_CLAUDE)('killdate mcp inside a real Claude Code session', () => {
  it('answers mcp__killdate__status through the .mcp.json that hooks install wrote', async () => {
    repo = makeRepo({ 'README.md': '# app\n' });
    init({ dir: repo.dir, answers: { product: 'Tally', testCommand: 'npm test' } });
    expect(runCli(repo.dir, ['feature', 'new', 'csv-export']).status).toBe(0);
    const installed = runCli(repo.dir, ['hooks', 'install', '--bin', `${process.execPath} ${CLI}`]);
    expect(installed.status, installed.stderr).toBe(0);
    repo.commit('init');
    server = await startAnthropicServer([
      { tool: 'mcp__killdate__status', input: { feature: 'csv-export' } },
      { text: 'csv-export is a draft waiting on CP-0.' },
    ]);
    const env = offlineEnv(server.url);
    home = env.HOME;
    const run = await runClaude(repo.dir, env, 'Where does csv-export stand?', [
      '--allowedTools',
      'mcp__killdate__status',
    ]);
    const init_ = run.lines.find((l) => l.type === 'system' && l.subtype === 'init');
    expect(init_?.mcp_servers, run.stderr).toContainEqual(
      expect.objectContaining({ name: 'killdate', status: 'connected' }),
    );
    expect(init_?.tools).toContain('mcp__killdate__status');
    const [result] = toolResults(run);
    expect(result?.is_error ?? false, JSON.stringify(result)).toBe(false);
    expect(JSON.stringify(result)).toMatch(
      /\\"slug\\":\\"csv-export\\",\\"state\\":\\"draft\\",\\"next\\":\\"CP-0\\"/,
    );
    expect(run.lines.find((l) => l.type === 'result')?.is_error).toBe(false);
    expect(run.code).toBe(0);
  }, 120_000);
});
