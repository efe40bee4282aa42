// Codex 0.171 (real binary, offline, scripted Responses server): killdate's PreToolUse hook in
// .codex/hooks.json, once the user trusted the project and the hooks (the hashes /hooks saves,
// read here through `codex app-server`), lets an apply_patch inside FILES land and blocks one
// outside; the reason reaches the model in its next request.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { type ResponsesServer, startResponsesServer, writeCodexHome } from '../helpers/responses-server.js';
import {
  BIN,
  cleanEnv,
  type GuardedRepo,
  guardedRepo,
  OUTSIDE_REASON,
  runAgentBinary,
} from './agent-session.js';

const CODEX = join(BIN, 'codex');
let g: GuardedRepo | undefined;
let server: ResponsesServer | undefined;
afterEach(async () => {
  await server?.close();
  g?.cleanup();
});

/** The hooks Codex finds for `repo`, with their current hashes (`hooks/list` over app-server). */
async function codexHooks(
  env: NodeJS.ProcessEnv,
  repo: string,
): Promise<Array<{ key: string; currentHash: string }>> {
  const child = spawn(CODEX, ['app-server'], { cwd: repo, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  const send = (o: unknown) => child.stdin.write(`${JSON.stringify(o)}\n`);
  const reply = (id: number) =>
    new Promise<{ result?: { data?: Array<{ hooks: Array<{ key: string; currentHash: string }> }> } }>(
      (resolve) => {
        lines.on('line', (l) => {
          const o = JSON.parse(l);
          if (o.id === id) resolve(o);
        });
      },
    );
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
    const status = JSON.parse(
      (
        await runAgentBinary(process.execPath, [join(BIN, '../../dist/killdate.js'), 'status', '--json'], {
          cwd: g.repo.dir,
          env,
        })
      ).stdout,
    );
    expect(status.guards.find((s: { agent: string }) => s.agent === 'codex')).toMatchObject({ live: true });
    const args = ['exec', '--skip-git-repo-check', '--json', '--sandbox', 'workspace-write', '-'];
    const run = await runAgentBinary(CODEX, args, {
      cwd: g.repo.dir,
      env,
      stdin: 'Write the settings form, then the billing charge.',
    });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(readFileSync(g.inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(g.outside)).toBe(false);
    const bodies = server.requests.map((q) => JSON.stringify(q.body));
    expect(
      bodies.some((b) => OUTSIDE_REASON.test(b)),
      bodies.join('\n').slice(-3000),
    ).toBe(true);
  }, 120_000);
});
