// Qwen Code 0.24 (real binary, offline, scripted Chat Completions server): killdate's PreToolUse
// hook in .qwen/settings.json lets a write inside FILES land and blocks one outside; the reason
// reaches the model in its next request. With folder trust on, an untrusted folder's hooks are
// skipped, and status says so.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../gates/repo.js';
import { startChatServer } from '../helpers/chat-server.js';
import type { ScriptedServer } from '../helpers/gemini-server.js';
import { startSilentServer } from '../helpers/silent-server.js';
import {
  BIN,
  cleanEnv,
  type GuardedRepo,
  guardedRepo,
  OUTSIDE_REASON,
  runAgentBinary,
} from './agent-session.js';

const QWEN = join(BIN, 'qwen');
let g: GuardedRepo | undefined;
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  g?.cleanup();
});

/** The offline session's environment: the scripted server as its OpenAI endpoint. */
const qwenEnv = (home: string, url: string, extra: Record<string, string> = {}) =>
  cleanEnv(home, {
    OPENAI_API_KEY: 'test-offline',
    OPENAI_BASE_URL: `${url}/v1`,
    OPENAI_MODEL: 'm1',
    ...extra,
  });

/** `killdate status`'s Qwen Code guard. */
async function qwenGuard(g: GuardedRepo, env: NodeJS.ProcessEnv) {
  const r = await runAgentBinary(process.execPath, [CLI, 'status', '--json'], { cwd: g.repo.dir, env });
  return (JSON.parse(r.stdout).guards as { agent: string; live: boolean; detail: string }[]).find(
    (s) => s.agent === 'qwen',
  );
}

/** `qwen` headless on `prompt` to its end, in the repo, with `extra` start flags. */
async function qwenRun(g: GuardedRepo, env: NodeJS.ProcessEnv, prompt: string, extra: string[] = []) {
  const args = ['--auth-type', 'openai', '-m', 'm1', '--output-format', 'stream-json', '--yolo', ...extra];
  const run = await runAgentBinary(QWEN, args, { cwd: g.repo.dir, env, stdin: prompt });
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  return run;
}

describe.skipIf(!existsSync(QWEN))('killdate guard in a real Qwen Code session', () => {
  it('a write inside FILES lands; one outside is blocked and the model is told why', async () => {
    g = guardedRepo('qwen');
    server = await startChatServer([
      { call: 'write_file', arguments: { file_path: g.inside, content: 'export const form = 1;\n' } },
      { call: 'write_file', arguments: { file_path: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    const env = qwenEnv(g.home, server.url);
    await qwenRun(g, env, 'Write the settings form, then the billing charge.');
    expect(readFileSync(g.inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(g.outside)).toBe(false);
    const bodies = server.requests.map((q) => JSON.stringify(q.body));
    expect(
      bodies.some((b) => OUTSIDE_REASON.test(b)),
      bodies.join('\n').slice(-3000),
    ).toBe(true);
  }, 120_000);

  it('folder trust on and this folder untrusted: Qwen Code skips the project hooks, and status says the guard is off', async () => {
    g = guardedRepo('qwen');
    const write = {
      call: 'write_file',
      arguments: { file_path: g.outside, content: 'export const charge = 1;\n' },
    };
    server = await startChatServer([write, { text: 'Done.' }, write, { text: 'Done.' }]);
    const env = qwenEnv(g.home, server.url);
    const session = async () => {
      const from = server!.requests.length;
      await qwenRun(g!, env, 'Write the billing charge.');
      return server!.requests.slice(from).some((q) => OUTSIDE_REASON.test(JSON.stringify(q.body)));
    };
    const status = () => qwenGuard(g!, env);

    // the agent turns folder trust on in the user settings: no trust entry covers this folder
    mkdirSync(join(g.home, '.qwen'));
    writeFileSync(
      join(g.home, '.qwen/settings.json'),
      JSON.stringify({ security: { folderTrust: { enabled: true } } }),
    );
    expect(await status()).toMatchObject({ live: false, detail: expect.stringContaining('not trusted') });
    expect(await session()).toBe(false);
    // once the person trusts the folder, the guard runs again
    writeFileSync(
      join(g.home, '.qwen/trustedFolders.json'),
      JSON.stringify({ [g.repo.dir]: 'TRUST_FOLDER' }),
    );
    expect(await status()).toMatchObject({ live: true });
    expect(await session()).toBe(true);
    expect(existsSync(g.outside)).toBe(false);
  }, 120_000);

  // the agent's move: disableAllHooks in Qwen Code's system settings, which it reads wherever
  // QWEN_CODE_SYSTEM_SETTINGS_PATH points (no ownership check, unlike Gemini CLI)
  it('disableAllHooks in the system settings: the write outside FILES lands, and status says the guard is off', async () => {
    g = guardedRepo('qwen');
    const system = join(g.home, 'qwen-system/settings.json');
    mkdirSync(join(g.home, 'qwen-system'));
    writeFileSync(system, JSON.stringify({ disableAllHooks: true }));
    server = await startChatServer([
      { call: 'write_file', arguments: { file_path: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    const env = qwenEnv(g.home, server.url, { QWEN_CODE_SYSTEM_SETTINGS_PATH: system });
    await qwenRun(g, env, 'Write the billing charge.');
    // the switch-off is real: no hook ran and the write landed
    expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
    expect(await qwenGuard(g, env)).toMatchObject({
      live: false,
      detail: `disableAllHooks is set in ${system}`,
    });
  }, 120_000);

  it('started with --safe-mode, Qwen Code runs no hooks: the write outside FILES lands (the guard refuses that start)', async () => {
    g = guardedRepo('qwen');
    server = await startChatServer([
      { call: 'write_file', arguments: { file_path: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    await qwenRun(g, qwenEnv(g.home, server.url), 'Write the billing charge.', ['--safe-mode']);
    expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
  }, 120_000);

  it('a session started with --safe-mode running in the repo: status says the guard is off', async () => {
    g = guardedRepo('qwen');
    const silent = await startSilentServer();
    const args = ['--auth-type', 'openai', '-m', 'm1', '--safe-mode', '-p', 'Write the billing charge.'];
    const env = qwenEnv(g.home, silent.url);
    const session = spawn(QWEN, args, { cwd: g.repo.dir, env, detached: true, stdio: 'ignore' });
    try {
      let guard = await qwenGuard(g, env);
      for (let i = 0; i < 100 && guard?.live; i++) {
        await new Promise((ok) => setTimeout(ok, 200));
        guard = await qwenGuard(g, env);
      }
      expect(guard).toMatchObject({ live: false });
      expect(guard?.detail).toMatch(
        /^a session started with --safe-mode is running in this repo \(pid \d+\): it runs no hooks$/,
      );
    } finally {
      process.kill(-session.pid!, 'SIGKILL');
      silent.close();
    }
  }, 60_000);
});
