// The scope guard inside a real Claude Code session: the real binary, driven by a scripted
// local model server, with `killdate hooks install` done in a temp repo. The model writes one
// file inside FILES (it lands) and one outside (the PreToolUse hook exits 2 and blocks it),
// and the session goes on to its final result. Needs `npm run build` first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { CLAUDE, HAVE_CLAUDE, offlineEnv, runClaude, toolResults } from '../helpers/claude-code.js';
import { humanEnv } from '../helpers/human-env.js';
import { startSilentServer } from '../helpers/silent-server.js';
import { CAN_MOUNT, mountedOn, CLAUDE_POLICY as POLICY_DIR } from '../helpers/system-folder.js';
import { type GuardedRepo, guardedRepo } from '../hooks/agent-session.js';
import { CLI, makeRepo, type Repo, runCli } from './repo.js';

let repo: Repo | undefined;
let server: AnthropicServer | undefined;
let home: string | undefined;
let guarded: GuardedRepo | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  guarded?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!HAVE_CLAUDE)('scope guard in a real Claude Code session', () => {
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
    const env = offlineEnv(server.url);
    home = env.HOME;
    const run = await runClaude(repo.dir, env, 'Write the settings form, then the billing charge.', [
      '--permission-mode',
      'acceptEdits',
    ]);
    const result = run.lines.find((l) => l.type === 'result');
    expect(result, run.stderr).toBeDefined();
    expect(result?.is_error).toBe(false);
    expect(readFileSync(inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(outside)).toBe(false);
    // the block reached the model as the tool result of the second write
    const results = toolResults(run);
    expect(results).toHaveLength(2);
    expect(JSON.stringify(results[1])).toMatch(/src\/billing\/charge\.ts is outside the active task's FILES/);
    // three scripted turns; a Stop hook installed alongside may ask for one more
    expect(server.turnsServed).toBeGreaterThanOrEqual(3);
    expect(run.code).toBe(0);
  }, 120_000);

  // the session and status run with the test's own managed settings (helpers/system-folder.ts)
  it.skipIf(!CAN_MOUNT).each([
    { setting: 'disableAllHooks', why: '', bom: '', label: 'disableAllHooks' },
    {
      setting: 'allowManagedHooksOnly',
      why: ': only managed hooks run',
      bom: '',
      label: 'allowManagedHooksOnly',
    },
    { setting: 'disableAllHooks', why: '', bom: '\ufeff', label: 'disableAllHooks behind a byte order mark' },
  ])(
    'managed settings with $label: the write outside FILES lands, and status says the guard is off',
    async ({ setting, why, bom }) => {
      guarded = guardedRepo('claude');
      const { outside } = guarded;
      server = await startAnthropicServer([
        { tool: 'Write', input: { file_path: outside, content: 'export const charge = 1;\n' } },
        { text: 'Done.' },
      ]);
      const env = offlineEnv(server.url);
      home = env.HOME;
      const policy = join(home, 'policy');
      mkdirSync(policy);
      writeFileSync(join(policy, 'managed-settings.json'), `${bom}{"${setting}": true}\n`);
      const via = mountedOn(POLICY_DIR, policy);
      const run = await runClaude(
        guarded.repo.dir,
        env,
        'Write the billing charge.',
        ['--permission-mode', 'acceptEdits'],
        via,
      );
      expect(
        run.lines.find((l) => l.type === 'result'),
        run.stderr,
      ).toBeDefined();
      // the switch-off is real: Claude Code ran no hook and the write landed
      expect(readFileSync(outside, 'utf8')).toBe('export const charge = 1;\n');
      const status = execFileSync(via[0]!, [...via.slice(1), process.execPath, CLI, 'status', '--json'], {
        cwd: guarded.repo.dir,
        encoding: 'utf8',
        env: humanEnv({ HOME: home }),
      });
      expect(JSON.parse(status).guards.find((g: { agent: string }) => g.agent === 'claude')).toMatchObject({
        live: false,
        detail: `${setting} is set in ${POLICY_DIR}/managed-settings.json${why}`,
      });
    },
    120_000,
  );

  it.each([
    { flags: ['--bare'], shown: 'claude --bare' },
    { flags: ['--restricted'], shown: 'claude --restricted' },
    { flags: ['--setting-sources', 'user'], shown: 'claude --setting-sources' },
    { flags: ['--settings', '{"disableAllHooks":true}'], shown: 'claude --settings' },
  ])(
    '$shown runs no hooks (its edit outside FILES lands); a guarded session starting it through Bash is refused',
    async ({ flags, shown }) => {
      guarded = guardedRepo('claude');
      const readme = join(guarded.repo.dir, 'README.md'); // outside FILES (src/settings/**)
      // the threat, played with the real binary: a session started so (--bare leaves it Bash,
      // Read and Edit) edits a file outside FILES
      server = await startAnthropicServer([
        { tool: 'Read', input: { file_path: readme } },
        { tool: 'Edit', input: { file_path: readme, old_string: '# demo', new_string: '# demo, edited' } },
        { text: 'Done.' },
      ]);
      let env = offlineEnv(server.url);
      home = env.HOME;
      const off = await runClaude(guarded.repo.dir, env, 'Edit the README.', [
        ...flags,
        '--permission-mode',
        'acceptEdits',
      ]);
      expect(
        off.lines.find((l) => l.type === 'result'),
        off.stderr,
      ).toBeDefined();
      expect(readFileSync(readme, 'utf8')).toBe('# demo, edited\n');
      guarded.repo.git('checkout', '--', 'README.md');
      await server.close();
      // the agent's move: a guarded session starts that session through its Bash tool
      const nested = `claude ${flags.map((f) => `'${f}'`).join(' ')} -p 'Edit the README.'`;
      server = await startAnthropicServer([{ tool: 'Bash', input: { command: nested } }, { text: 'Done.' }]);
      env = offlineEnv(server.url, home);
      const run = await runClaude(guarded.repo.dir, env, 'Edit the README.', ['--allowedTools', 'Bash']);
      expect(
        run.lines.find((l) => l.type === 'result'),
        run.stderr,
      ).toBeDefined();
      expect(JSON.stringify(toolResults(run))).toContain(
        `\`${shown}\` starts an agent without killdate's hooks while task 01-form is active; an agent may not run it`,
      );
      expect(readFileSync(readme, 'utf8')).toBe('# demo\n');
      // the nested session never asked the model: only this session's turns (a Stop hook may add one)
      expect(server.turnsServed).toBeLessThanOrEqual(3);
    },
    180_000,
  );

  it('a session started with --bare running in the repo: status says the guard is off while it runs, live again after', async () => {
    guarded = guardedRepo('claude');
    const { repo: r } = guarded;
    const silent = await startSilentServer();
    const env = offlineEnv(silent.url);
    home = env.HOME;
    const claudeGuard = () =>
      JSON.parse(runCli(r.dir, ['status', '--json'], undefined).stdout).guards.find(
        (g: { agent: string }) => g.agent === 'claude',
      );
    const session = (flags: string[]) =>
      spawn(CLAUDE, [...flags, '-p', 'Edit the README.'], {
        cwd: join(r.dir, 'src'),
        env,
        detached: true,
        stdio: 'ignore',
      });
    mkdirSync(join(r.dir, 'src'), { recursive: true });
    const guardedSession = session([]);
    const bare = session(['--bare']);
    const gone = new Promise((ok) => bare.once('exit', ok));
    try {
      let guard = claudeGuard();
      for (let i = 0; i < 100 && guard.live; i++) {
        await new Promise((ok) => setTimeout(ok, 200));
        guard = claudeGuard();
      }
      expect(guard).toMatchObject({
        live: false,
        detail: `a session started with --bare is running in this repo (pid ${bare.pid}): it runs no hooks`,
      });
      process.kill(-bare.pid!, 'SIGKILL');
      await gone;
      // the guarded session still runs: it has its hooks
      expect(claudeGuard()).toMatchObject({ live: true, detail: 'live' });
    } finally {
      for (const child of [bare, guardedSession])
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {}
      silent.close();
    }
  }, 60_000);
});
