// The Claude Code plugin killdate ships, in the real Claude Code binary offline: loaded with
// --plugin-dir from this checkout, its skills, MCP server and hooks are in the session, its
// before-write hook blocks a write outside the active task's FILES (no project hook is
// installed: the plugin's is the only guard), and its MCP tool answers. Then the installed
// package's folder as a marketplace: `claude plugin marketplace add` and
// `claude plugin install --scope project`, and a session using it. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from '../../src/api/init.js';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { makeRepo, type Repo } from '../gates/repo.js';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { CLAUDE, HAVE_CLAUDE, offlineEnv, runClaude, toolResults } from '../helpers/claude-code.js';

const ROOT = join(import.meta.dirname, '../..');
const TOOL = 'mcp__plugin_killdate_killdate__status';

let repo: Repo | undefined;
let server: AnthropicServer | undefined;
const temps: string[] = [];
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function initRepo(): Repo {
  const r = makeRepo({ 'README.md': '# app\n' });
  init({ dir: r.dir, answers: { product: 'Tally', testCommand: 'npm test' } });
  r.commit('init');
  return r;
}

const initLine = (lines: Array<Record<string, unknown>>) =>
  lines.find((l) => l.type === 'system' && l.subtype === 'init') as Record<string, unknown[]> | undefined;

describe.skipIf(!HAVE_CLAUDE)('the killdate plugin in a real Claude Code session', () => {
  it('--plugin-dir loads its skills and server; its hook blocks a write outside FILES; its tool answers', async () => {
    repo = initRepo();
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
    const outside = join(repo.dir, 'src/billing/charge.ts');
    server = await startAnthropicServer([
      { tool: 'Write', input: { file_path: outside, content: 'export const charge = 1;\n' } },
      { tool: TOOL, input: {} },
      { text: 'Billing was blocked; status read.' },
    ]);
    const env = offlineEnv(server.url);
    temps.push(env.HOME);
    const run = await runClaude(repo.dir, env, 'Write the billing charge, then read the status.', [
      '--plugin-dir',
      ROOT,
      '--permission-mode',
      'acceptEdits',
      '--allowedTools',
      TOOL,
    ]);
    const info = initLine(run.lines);
    expect(info?.plugins, run.stderr).toContainEqual(
      expect.objectContaining({ name: 'killdate', path: ROOT }),
    );
    expect(info?.skills).toEqual(
      expect.arrayContaining(['killdate:killdate-lock', 'killdate:killdate-session-end']),
    );
    expect(info?.mcp_servers).toContainEqual(
      expect.objectContaining({ name: 'plugin:killdate:killdate', status: 'connected' }),
    );
    expect(existsSync(outside)).toBe(false);
    const [blocked, status] = toolResults(run);
    expect(JSON.stringify(blocked)).toMatch(/src\/billing\/charge\.ts is outside the active task's FILES/);
    expect(status?.is_error ?? false, JSON.stringify(status)).toBe(false);
    expect(JSON.stringify(status)).toMatch(/\\"features\\":\[\]/);
    expect(run.code).toBe(0);
  }, 150_000);

  it('installs offline from the package folder with claude plugin marketplace add and install', async () => {
    repo = initRepo();
    const pkg = mkdtempSync(join(tmpdir(), 'killdate-package-'));
    temps.push(pkg);
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    for (const f of [...files, 'package.json']) cpSync(join(ROOT, f), join(pkg, f), { recursive: true });
    server = await startAnthropicServer([{ tool: TOOL, input: {} }, { text: 'Read the status.' }]);
    const env = offlineEnv(server.url);
    temps.push(env.HOME);
    const claude = (...args: string[]) =>
      spawnSync(CLAUDE, ['plugin', ...args], { cwd: repo!.dir, env, encoding: 'utf8', timeout: 60_000 });
    const added = claude('marketplace', 'add', pkg);
    expect(added.status, added.stdout + added.stderr).toBe(0);
    const installed = claude('install', 'killdate@killdate', '--scope', 'project');
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
    const settings = JSON.parse(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8'));
    expect(settings.enabledPlugins).toEqual({ 'killdate@killdate': true });
    const run = await runClaude(repo.dir, env, 'Read the status.', ['--allowedTools', TOOL]);
    expect(initLine(run.lines)?.mcp_servers, run.stderr).toContainEqual(
      expect.objectContaining({ name: 'plugin:killdate:killdate', status: 'connected' }),
    );
    const [status] = toolResults(run);
    expect(status?.is_error ?? false, JSON.stringify(status)).toBe(false);
    expect(JSON.stringify(status)).toMatch(/\\"features\\":\[\]/);
  }, 150_000);
});
