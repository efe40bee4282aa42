// End to end through the whole loop with real agent CLIs, offline: the real Claude Code binary
// (and the real Codex binary) as executor, driven by the scripted model servers of
// test/helpers; a second, read-only Claude Code run as the planner. Task 1 stays in FILES and
// passes VALIDATE; task 2 also writes src/server.js, is caught, diagnosed and reverted.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approve, revert } from '../../src/api/decide.js';
import { type RunFeatureResult, run } from '../../src/api/run.js';
import type { Repo } from '../gates/repo.js';
import { type AnthropicTurn, startAnthropicServer } from '../helpers/anthropic-server.js';
import { type ResponsesTurn, startResponsesServer, writeCodexHome } from '../helpers/responses-server.js';
import { FORM, PREFS, readyRepo, TODAY } from './fixture.js';

const BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin');
const REVIEW = 'feature-builds/settings-page/REVIEW.md';
const closers: Array<() => Promise<void>> = [];
let repo: Repo;
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  repo?.cleanup();
});

/** One local address in front of several scripted servers: each request goes where `pick` says. */
async function router(pick: (body: string) => string): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = new URL(req.url ?? '/', pick(body.toString('utf8')));
      const out = request(target, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function anthropic(script: AnthropicTurn[]) {
  const s = await startAnthropicServer(script);
  closers.push(s.close);
  return s;
}

const planner = (tree: string): AnthropicTurn[] => [
  // the planner tries to write: its read-only profile refuses
  { tool: 'Write', input: { file_path: join(tree, 'PLANNER-WAS-HERE.txt'), content: 'x' } },
  {
    text: 'Diagnosis: task 2 also rewrote src/server.js, which is outside FILES. Revert the task; the runbook is fine.',
  },
];

const isPlanner = (body: string) => body.includes('You are the planner reviewing');
const isTask2 = (body: string) => body.includes('runbook-02-form.md');

function baseEnv(url: string): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'kd-loop-home-'));
  return {
    ...process.env,
    HOME: home,
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: 'test',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    OPENAI_API_KEY: 'test',
  };
}

const explain = (r: RunFeatureResult) =>
  JSON.stringify(
    r.runs.map((t) => ({ checks: t.checks, executor: t.executor })),
    null,
    1,
  );

/** Task 1 passes and is approved; task 2 drifts, is caught, diagnosed read-only and reverted. */
async function twoTasks(env: NodeJS.ProcessEnv) {
  const go = () => run({ cwd: repo.dir, feature: 'settings-page', today: TODAY, env, handleSigint: false });
  const one = await go();
  const t1 = one.runs[0]!;
  expect(t1.allPassed, explain(one)).toBe(true);
  expect(t1.changes!.map((c) => c.path)).toEqual(['src/prefs.js']);
  expect(readFileSync(join(repo.dir, 'src/prefs.js'), 'utf8')).toBe(PREFS);
  await approve({ cwd: repo.dir, feature: 'settings-page', task: '1' });

  const two = await go();
  const t2 = two.runs[0]!;
  expect(two.stopped, explain(two)).toBe('checks-failed');
  expect(t2.executor!.status).toBe('ok');
  expect(t2.checks!.find((c) => c.name === 'FILES scope')).toMatchObject({ ok: false });
  expect(t2.checks!.find((c) => c.name === 'FILES scope')!.detail).toContain('src/server.js');
  expect(t2.checks!.find((c) => c.name === 'VALIDATE 1: node check-form.mjs')).toMatchObject({ ok: true });
  expect(t2.diagnosis).toContain('Diagnosis: task 2 also rewrote src/server.js');
  expect(existsSync(join(repo.dir, 'PLANNER-WAS-HERE.txt'))).toBe(false);
  const text = readFileSync(join(repo.dir, REVIEW), 'utf8');
  expect(text).toMatch(/Drift diagnosis by the planner \(claude 2\.1\.\d+, read-only\)/);
  expect(readFileSync(join(repo.dir, 'src/server.js'), 'utf8')).toBe('export const port = 4000;\n');

  const v = await revert({ cwd: repo.dir, feature: 'settings-page', task: '2', paths: ['src/server.js'] });
  expect(v.reverted!.restored).toEqual(['src/server.js']);
  expect(v.reverted!.removed).toEqual(['src/form.js']);
  expect(readFileSync(join(repo.dir, 'src/server.js'), 'utf8')).toBe('export const port = 3000;\n');
  expect(readFileSync(join(repo.dir, 'src/prefs.js'), 'utf8')).toBe(PREFS); // task 1 kept
  expect(readFileSync(join(repo.dir, REVIEW), 'utf8')).toMatch(
    /## Task 02-form — decision[\s\S]*\*\*Decision:\*\* reverted/,
  );
  return { t1, t2 };
}

describe('the loop with real agent CLIs', () => {
  it('Claude Code as executor and as read-only planner', async () => {
    const claude = { bin: join(BIN, 'claude'), timeoutSeconds: 180 };
    repo = readyRepo({ agents: { extra: '' } });
    const cfg = readyConfig({ executor: 'claude', planner: 'claude', claude });
    repo.write({ 'killdate.config.yaml': cfg });
    repo.commit('claude config');
    const tree = repo.dir;
    const e1 = await anthropic([
      { tool: 'Write', input: { file_path: join(tree, 'src/prefs.js'), content: PREFS } },
      { text: 'Wrote src/prefs.js' },
    ]);
    const e2 = await anthropic([
      { tool: 'Write', input: { file_path: join(tree, 'src/form.js'), content: FORM } },
      // Claude Code writes over a file only after reading it
      { tool: 'Read', input: { file_path: join(tree, 'src/server.js') } },
      {
        tool: 'Write',
        input: { file_path: join(tree, 'src/server.js'), content: 'export const port = 4000;\n' },
      },
      { text: 'Wrote the form, and moved the port while I was there' },
    ]);
    const p = await anthropic(planner(tree));
    const url = await router((b) => (isPlanner(b) ? p.url : isTask2(b) ? e2.url : e1.url));
    const { t1 } = await twoTasks(baseEnv(url));
    expect(t1.executor).toMatchObject({ agent: 'claude', status: 'ok' });
    expect(t1.executor!.version).toMatch(/^2\.1\./);
    expect(t1.executor!.tokens.input).toBeGreaterThan(0);
    expect(t1.executor!.costUsd).toBeGreaterThan(0);
    expect(readFileSync(join(repo.dir, REVIEW), 'utf8')).toMatch(
      /- \*\*Executor:\*\* claude 2\.1\.\d+ \(ok\)/,
    );
  }, 300_000);

  it('Codex as executor (scripted Responses endpoint), Claude Code as planner', async () => {
    repo = readyRepo();
    const cfg = readyConfig({
      executor: 'codex',
      planner: 'claude',
      claude: { bin: join(BIN, 'claude'), timeoutSeconds: 180 },
      codex: { bin: join(BIN, 'codex'), timeoutSeconds: 180 },
    });
    repo.write({ 'killdate.config.yaml': cfg });
    repo.commit('codex config');
    const sh = (s: string) => s.replace(/'/g, "'\\''");
    const c1 = await startResponsesServer([
      { call: 'exec_command', arguments: { cmd: `printf '%s' '${sh(PREFS)}' > src/prefs.js` } },
      { text: 'Wrote src/prefs.js' },
    ] satisfies ResponsesTurn[]);
    const c2 = await startResponsesServer([
      {
        call: 'exec_command',
        arguments: {
          cmd: `printf '%s' '${sh(FORM)}' > src/form.js && echo 'export const port = 4000;' > src/server.js`,
        },
      },
      { text: 'Wrote the form and moved the port' },
    ]);
    closers.push(c1.close, c2.close);
    const p = await anthropic(planner(repo.dir));
    const url = await router((b) => (isPlanner(b) ? p.url : isTask2(b) ? c2.url : c1.url));
    const env = baseEnv(url);
    writeCodexHome(env.HOME!, url);
    const { t1, t2 } = await twoTasks(env);
    expect(t1.executor).toMatchObject({ agent: 'codex', status: 'ok' });
    expect(t1.executor!.version).toMatch(/^0\.\d+\.\d+$/);
    expect(t2.executor!.tokens.input).toBeGreaterThan(0);
  }, 300_000);
});

function readyConfig(o: { executor: string; planner: string; [agent: string]: unknown }): string {
  const { executor, planner: plan, ...settings } = o;
  return [
    'version: 1',
    'agents:',
    `  executor: ${executor}`,
    `  planner: ${plan}`,
    '  settings:',
    ...Object.entries(settings).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    '',
  ].join('\n');
}
