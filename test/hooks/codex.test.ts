// Codex 0.171 (real binary, offline, scripted Responses server): killdate's PreToolUse hook in
// .codex/hooks.json, once the user trusted the project and the hooks (the hashes /hooks saves,
// read here through `codex app-server`), lets an apply_patch inside FILES land and blocks one
// outside; the reason reaches the model in its next request. killdate computes the same hashes
// itself, so status sees a hooks.json Codex no longer trusts.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { codexHookHash } from '../../src/agents/hooks/codex-trust.js';
import { type ResponsesServer, startResponsesServer, writeCodexHome } from '../helpers/responses-server.js';
import { CAN_MOUNT, CODEX_SYSTEM, mountedOn } from '../helpers/system-folder.js';
import {
  BIN,
  cleanEnv,
  type GuardedRepo,
  guardedRepo,
  OUTSIDE_REASON,
  runAgentBinary,
} from './agent-session.js';

const CODEX = join(BIN, 'codex');
const KILLDATE = join(BIN, '../../dist/killdate.js');
let g: GuardedRepo | undefined;
let server: ResponsesServer | undefined;
afterEach(async () => {
  await server?.close();
  g?.cleanup();
});

interface CodexHook {
  key: string;
  currentHash: string;
  trustStatus: string;
}

/** The hooks Codex finds for `repo`, with their current hashes (`hooks/list` over app-server). */
async function codexHooks(env: NodeJS.ProcessEnv, repo: string): Promise<CodexHook[]> {
  const child = spawn(CODEX, ['app-server'], { cwd: repo, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  const send = (o: unknown) => child.stdin.write(`${JSON.stringify(o)}\n`);
  const reply = (id: number) =>
    new Promise<{ result?: { data?: Array<{ hooks: CodexHook[] }> } }>((resolve) => {
      lines.on('line', (l) => {
        const o = JSON.parse(l);
        if (o.id === id) resolve(o);
      });
    });
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { clientInfo: { name: 'killdate-test', version: '0' } },
  });
  await reply(1);
  send({ jsonrpc: '2.0', method: 'initialized' });
  send({ jsonrpc: '2.0', id: 2, method: 'hooks/list', params: { cwds: [repo] } });
  const r = await reply(2);
  child.kill();
  return (r.result?.data ?? []).flatMap((d) => d.hooks);
}

/** What the user's trust steps save in config.toml: the project trusted, each hook's hash trusted. */
async function trustAsTheUser(home: string, env: NodeJS.ProcessEnv, repo: string): Promise<void> {
  const toml = join(home, '.codex/config.toml');
  appendFileSync(toml, `\n[projects."${repo}"]\ntrust_level = "trusted"\n`);
  for (const h of await codexHooks(env, repo))
    appendFileSync(toml, `\n[hooks.state."${h.key}"]\ntrusted_hash = "${h.currentHash}"\n`);
}

/** Each hook of a hooks.json with Codex's key and killdate's reading of Codex's hash. */
function hashedByKilldate(file: string): Map<string, string> {
  const hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]> = JSON.parse(
    readFileSync(file, 'utf8'),
  ).hooks;
  const out = new Map<string, string>();
  for (const [event, groups] of Object.entries(hooks)) {
    const label = event.replace(/(?<!^)[A-Z]/g, (c) => `_${c}`).toLowerCase();
    groups.forEach((g, gi) => {
      g.hooks.forEach((h, hi) => {
        out.set(`${file}:${label}:${gi}:${hi}`, codexHookHash(label, g.matcher, h));
      });
    });
  }
  return out;
}

/** `killdate status`'s Codex guard; with `via`, run through that command (helpers/system-folder.ts). */
const codexGuard = async (g: GuardedRepo, env: NodeJS.ProcessEnv, via: string[] = []) => {
  const argv = [...via, process.execPath, KILLDATE, 'status', '--json'];
  const r = await runAgentBinary(argv[0]!, argv.slice(1), { cwd: g.repo.dir, env });
  return (JSON.parse(r.stdout).guards as { agent: string; live: boolean; detail: string }[]).find(
    (s) => s.agent === 'codex',
  );
};

/** `codex exec` (with `flags`) on `prompt` to its end, in the repo; with `via`, run through that command. */
async function codexExec(
  g: GuardedRepo,
  env: NodeJS.ProcessEnv,
  prompt: string,
  via: string[] = [],
  flags: string[] = [],
) {
  const argv = [
    ...via,
    CODEX,
    'exec',
    ...flags,
    '--skip-git-repo-check',
    '--json',
    '--sandbox',
    'workspace-write',
    '-',
  ];
  const run = await runAgentBinary(argv[0]!, argv.slice(1), { cwd: g.repo.dir, env, stdin: prompt });
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  return run;
}

/** A session whose model writes src/billing/charge.ts, outside FILES, with Codex trusting the repo's hooks. */
async function chargeSession(): Promise<{ g: GuardedRepo; env: NodeJS.ProcessEnv }> {
  const repo = guardedRepo('codex');
  g = repo;
  server = await startResponsesServer([
    { custom: 'apply_patch', input: patch('src/billing/charge.ts', 'export const charge = 1;') },
    { text: 'Done.' },
  ]);
  writeCodexHome(repo.home, server.url, 'gpt-5.5');
  const env = cleanEnv(repo.home, { OPENAI_API_KEY: 'test-offline' });
  await trustAsTheUser(repo.home, env, repo.repo.dir);
  return { g: repo, env };
}

const patch = (file: string, line: string) =>
  `*** Begin Patch\n*** Add File: ${file}\n+${line}\n*** End Patch\n`;

describe.skipIf(!existsSync(CODEX))('killdate guard in a real Codex session', () => {
  it('an apply_patch inside FILES lands; one outside is blocked and the model is told why', async () => {
    g = guardedRepo('codex');
    server = await startResponsesServer([
      { custom: 'apply_patch', input: patch('src/settings/form.ts', 'export const form = 1;') },
      { custom: 'apply_patch', input: patch('src/billing/charge.ts', 'export const charge = 1;') },
      { text: 'Done.' },
    ]);
    writeCodexHome(g.home, server.url, 'gpt-5.5');
    const env = cleanEnv(g.home, { OPENAI_API_KEY: 'test-offline' });
    await trustAsTheUser(g.home, env, g.repo.dir);
    expect(await codexGuard(g, env)).toMatchObject({ live: true });
    await codexExec(g, env, 'Write the settings form, then the billing charge.');
    expect(readFileSync(g.inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(g.outside)).toBe(false);
    const bodies = server.requests.map((q) => JSON.stringify(q.body));
    expect(
      bodies.some((b) => OUTSIDE_REASON.test(b)),
      bodies.join('\n').slice(-3000),
    ).toBe(true);
  }, 120_000);

  it("killdate's hash of each hook is Codex's; a hook of the agent's own put first leaves killdate's untrusted, and status says so", async () => {
    g = guardedRepo('codex');
    writeCodexHome(g.home, 'http://127.0.0.1:9', 'gpt-5.5');
    const env = cleanEnv(g.home, { OPENAI_API_KEY: 'test-offline' });
    const toml = join(g.home, '.codex/config.toml');
    appendFileSync(toml, `\n[projects."${g.repo.dir}"]\ntrust_level = "trusted"\n`);
    const file = join(g.repo.dir, '.codex/hooks.json');
    const installed = readFileSync(file, 'utf8');
    // a hook with Codex's defaults left out, quotes, a control character and non-ASCII text
    const odd = JSON.parse(installed);
    odd.hooks.PreToolUse.push({
      matcher: 'Read',
      hooks: [{ type: 'command', command: `echo 'a"b' \\ \u0001 é 🎉`, statusMessage: 'é', async: true }],
    });
    writeFileSync(file, JSON.stringify(odd));
    const listed = await codexHooks(env, g.repo.dir);
    expect(listed).toHaveLength(5);
    const ours = hashedByKilldate(file);
    expect(new Map(listed.map((h) => [h.key, h.currentHash]))).toEqual(ours);

    writeFileSync(file, installed);
    for (const h of await codexHooks(env, g.repo.dir))
      appendFileSync(toml, `\n[hooks.state."${h.key}"]\ntrusted_hash = "${h.currentHash}"\n`);
    expect(await codexGuard(g, env)).toMatchObject({ live: true });
    const moved = JSON.parse(installed);
    moved.hooks.PreToolUse.unshift({ matcher: 'Read', hooks: [{ type: 'command', command: 'true' }] });
    writeFileSync(file, JSON.stringify(moved));
    const after = await codexHooks(env, g.repo.dir);
    const guards = after.filter((h) => /:pre_tool_use:[12]:0$/.test(h.key));
    expect(guards.map((h) => h.trustStatus)).toEqual(['modified', 'untrusted']);
    expect(await codexGuard(g, env)).toMatchObject({
      live: false,
      detail: expect.stringContaining(
        "killdate's hooks in .codex/hooks.json changed since Codex trusted them",
      ),
    });
  }, 60_000);

  // the agent's move: hooks switched off in ~/.codex/config.toml, spelled any way TOML allows
  it.each([
    { spelling: 'a [features] table', top: '', table: '[features]\ncodex_hooks = false\n' },
    { spelling: 'a dotted key', top: 'features.codex_hooks = false\n', table: '' },
    { spelling: 'an inline table', top: 'features = { codex_hooks = false }\n', table: '' },
    { spelling: 'a quoted key', top: '', table: '[features]\n"codex_hooks" = false\n' },
  ])(
    'codex_hooks = false as $spelling: the write outside FILES lands, and status says the guard is off',
    async ({ top, table }) => {
      const { g, env } = await chargeSession();
      expect(await codexGuard(g, env)).toMatchObject({ live: true });
      const toml = join(g.home, '.codex/config.toml');
      writeFileSync(toml, `${top}${readFileSync(toml, 'utf8')}\n${table}`);
      await codexExec(g, env, 'Write the billing charge.');
      // the switch-off is real: no hook ran and the patch landed
      expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
      expect(await codexGuard(g, env)).toMatchObject({
        live: false,
        detail: `codex_hooks = false in ${toml}`,
      });
    },
    120_000,
  );

  // Codex reads /etc/codex/ too, with no way to point it elsewhere: the session and status run
  // with a folder of the test's mounted there (helpers/system-folder.ts)
  it.skipIf(!CAN_MOUNT).each(['config.toml', 'managed_config.toml', 'requirements.toml'])(
    'codex_hooks = false in /etc/codex/%s: the write outside FILES lands, and status says the guard is off',
    async (name) => {
      const { g, env } = await chargeSession();
      const system = join(g.home, 'etc-codex');
      mkdirSync(system);
      writeFileSync(join(system, name), '[features]\ncodex_hooks = false\n');
      const via = mountedOn(CODEX_SYSTEM, system);
      await codexExec(g, env, 'Write the billing charge.', via);
      // the switch-off is real: no hook ran and the patch landed
      expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
      expect(await codexGuard(g, env, via)).toMatchObject({
        live: false,
        detail: `codex_hooks = false in ${CODEX_SYSTEM}/${name}`,
      });
    },
    120_000,
  );

  it.each([[['--disable', 'codex_hooks']], [['-c', 'features.codex_hooks=false']]])(
    'started with %j, Codex runs no hooks: the patch outside FILES lands (the guard refuses that start)',
    async (flags) => {
      const { g, env } = await chargeSession();
      await codexExec(g, env, 'Write the billing charge.', [], flags);
      expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
    },
    120_000,
  );
});
