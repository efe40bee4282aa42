// The scope guard inside a real Claude Code session: the real binary, driven by a scripted
// local model server, with `killdate hooks install` done in a temp repo. The model writes one
// file inside FILES (it lands) and one outside (the PreToolUse hook exits 2 and blocks it),
// and the session goes on to its final result. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { CLI, makeRepo, type Repo, runCli } from './repo.js';

const CLAUDE = join(import.meta.dirname, '../../node_modules/.bin/claude');

let repo: Repo | undefined;
let server: AnthropicServer | undefined;
let home: string | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

function runClaude(
  cwd: string,
  env: NodeJS.ProcessEnv,
  prompt: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      CLAUDE,
      ['-p', prompt, '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits'],
      {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!existsSync(CLAUDE))('scope guard in a real Claude Code session', () => {
  it('lets a write inside FILES land and blocks one outside; the session continues', async () => {
    repo = makeRepo({ 'README.md': '# demo\n' });
    const installed = runCli(repo.dir, ['hooks', 'install', '--bin', `${process.execPath} ${CLI}`]);
    expect(installed.status).toBe(0);
    repo.commit('hooks');
    writeActiveTask(repo.dir, {
      version: 1,
      feature: 'settings',
      task: '01-form',
      runbook: 'feature-builds/settings/runbook-01-form.md',
      base: repo.git('rev-parse', 'HEAD').trim(),
      branch: 'main',
      startedAt: new Date().toISOString(),
      files: ['src/settings/**'],
      testPairing: {},
    });
    const inside = join(repo.dir, 'src/settings/form.ts');
    const outside = join(repo.dir, 'src/billing/charge.ts');
    server = await startAnthropicServer([
      { tool: 'Write', input: { file_path: inside, content: 'export const form = 1;\n' } },
      { tool: 'Write', input: { file_path: outside, content: 'export const charge = 1;\n' } },
      { text: 'Done: the form is written; billing was blocked by the scope guard.' },
    ]);
    home = mkdtempSync(join(tmpdir(), 'killdate-claude-home-'));
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'sk-ant-test-offline',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    };
    const run = await runClaude(repo.dir, env, 'Write the settings form, then the billing charge.');
    const lines = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const result = lines.find((l) => l.type === 'result');
    expect(result, run.stderr).toBeDefined();
    expect(result.is_error).toBe(false);
    expect(readFileSync(inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(outside)).toBe(false);
    // the block reached the model as the tool result of the second write
    const toolResults = lines
      .filter((l) => l.type === 'user')
      .flatMap((l) => l.message.content)
      .filter((c: { type: string }) => c.type === 'tool_result');
    expect(toolResults).toHaveLength(2);
    expect(JSON.stringify(toolResults[1])).toMatch(
      /src\/billing\/charge\.ts is outside the active task's FILES/,
    );
    // three scripted turns; a Stop hook installed alongside may ask for one more
    expect(server.turnsServed).toBeGreaterThanOrEqual(3);
    expect(run.code).toBe(0);
  }, 120_000);
});
