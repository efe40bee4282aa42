// End to end: the real Claude Code and Codex binaries, driven by the scripted local model
// servers in test/helpers, run through the adapters and the runner in a temporary git repo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { AgentEvent } from '../../src/agents/events.js';
import { type RunResult, runAgent } from '../../src/agents/run.js';
import type { ResolvedAgent } from '../../src/core/agent-config.js';
import { type AnthropicTurn, startAnthropicServer } from '../helpers/anthropic-server.js';
import { type ResponsesTurn, startResponsesServer, writeCodexHome } from '../helpers/responses-server.js';

const BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin');
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-e2e-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** What went wrong, with the transcript's tail, for a failing assertion. */
const explain = (r: RunResult): string =>
  `${r.agent} ${r.status}: ${r.reason ?? ''}\ntranscript: ${r.transcriptDir}\n--- output tail ---\n${r.outputTail}`;

const ofType = <T extends AgentEvent['type']>(events: AgentEvent[], type: T) =>
  events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);

const agent = (name: 'claude' | 'codex'): ResolvedAgent => ({
  name,
  adapter: name,
  bin: join(BIN, name),
  extraArgs: [],
  timeoutSeconds: 120,
});

async function claudeRun(script: (root: string) => AnthropicTurn[], role: 'executor' | 'planner') {
  const root = repo();
  const server = await startAnthropicServer(script(root));
  closers.push(server.close);
  const env = {
    ...process.env,
    HOME: mkdtempSync(join(tmpdir(), 'kd-home-')),
    ANTHROPIC_BASE_URL: server.url,
    ANTHROPIC_API_KEY: 'test',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  const r = await runAgent({
    root,
    cwd: root,
    agent: agent('claude'),
    role,
    prompt: 'Create hello.txt saying hi.',
    env,
  });
  return { r, root, server };
}

describe('real Claude Code through the claude adapter and the runner', () => {
  test('performs a scripted Write; events show session, tool call, file change, result and usage', async () => {
    const { r, root, server } = await claudeRun(
      (dir) => [
        { tool: 'Write', input: { file_path: join(dir, 'hello.txt'), content: 'hi\n' } },
        { text: 'Created hello.txt' },
      ],
      'executor',
    );
    const file = join(root, 'hello.txt');

    expect(r.status, explain(r)).toBe('ok');
    expect(r.version).toMatch(/^2\.1\./);
    expect(readFileSync(file, 'utf8')).toBe('hi\n');
    expect(r.session?.id, explain(r)).toMatch(/^[0-9a-f-]{36}$/);
    expect(ofType(r.events, 'tool_call')).toMatchObject([{ name: 'Write', files: [file] }]);
    expect(r.events).toContainEqual({ type: 'file_change', path: file, kind: 'add' });
    expect(r.filesChanged).toEqual([file]);
    expect(r.text).toBe('Created hello.txt');
    expect(r.usage.inputTokens, explain(r)).toBeGreaterThan(0);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(r.costUsd).toBeGreaterThan(0);
    expect(server.turnsServed).toBe(2);
    const meta = JSON.parse(readFileSync(join(r.transcriptDir, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ agent: 'claude', status: 'ok', exitCode: 0, version: r.version });
    expect(readFileSync(join(r.transcriptDir, 'events.jsonl'), 'utf8')).toContain('"type":"file_change"');
  }, 120_000);

  test('the planner profile is read-only: a scripted Write is refused and nothing is written', async () => {
    const target = join(tmpdir(), `kd-never-${process.pid}.txt`);
    const { r } = await claudeRun(
      () => [
        { tool: 'Write', input: { file_path: target, content: 'x' } },
        { text: 'Diagnosis: scope drift in task 2.' },
      ],
      'planner',
    );
    expect(r.status, explain(r)).toBe('ok');
    expect(existsSync(target)).toBe(false);
    expect(ofType(r.events, 'tool_result')[0]?.ok).toBe(false);
    expect(r.filesChanged).toEqual([]);
    expect(r.text).toBe('Diagnosis: scope drift in task 2.');
  }, 120_000);

  test('a refused API key ends the run early as a login failure', async () => {
    const { r } = await claudeRun(
      () => [{ status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key' } }],
      'executor',
    );
    expect(r.failure, explain(r)).toBe('auth');
    expect(r.reason).toContain('401');
  }, 120_000);
});

async function codexRun(script: ResponsesTurn[], role: 'executor' | 'planner') {
  const server = await startResponsesServer(script);
  closers.push(server.close);
  const home = mkdtempSync(join(tmpdir(), 'kd-home-'));
  writeCodexHome(home, server.url);
  const root = repo();
  const env = { ...process.env, HOME: home, OPENAI_API_KEY: 'test' };
  const r = await runAgent({
    root,
    cwd: root,
    agent: agent('codex'),
    role,
    prompt: 'Create hello.txt saying hi.',
    env,
  });
  return { r, root, server };
}

const echoHi: ResponsesTurn[] = [
  { call: 'exec_command', arguments: { cmd: 'echo hi > hello.txt' } },
  { text: 'Created hello.txt' },
];

describe('real Codex through the codex adapter and the runner', () => {
  test('runs a scripted `echo hi > hello.txt`; events show thread, command, message and usage', async () => {
    const { r, root, server } = await codexRun(echoHi, 'executor');
    expect(r.status, explain(r)).toBe('ok');
    expect(r.version).toMatch(/^0\.\d+\.\d+$/);
    expect(readFileSync(join(root, 'hello.txt'), 'utf8')).toBe('hi\n');
    expect(r.session?.id, explain(r)).toBeTruthy();
    const call = ofType(r.events, 'tool_call')[0];
    expect(call?.name).toBe('shell');
    expect(JSON.stringify(call?.input)).toContain('echo hi > hello.txt');
    expect(ofType(r.events, 'tool_result')[0]?.ok).toBe(true);
    expect(r.text).toBe('Created hello.txt');
    expect(r.usage.inputTokens, explain(r)).toBeGreaterThan(0);
    expect(r.usage.cachedTokens).toBeGreaterThan(0);
    expect(r.costUsd).toBeUndefined();
    expect(server.turnsServed).toBe(2);
  }, 120_000);

  test('the planner profile runs in the read-only sandbox: the write fails, nothing is written', async () => {
    const { r, root, server } = await codexRun(echoHi, 'planner');
    expect(r.status, explain(r)).toBe('ok');
    expect(existsSync(join(root, 'hello.txt'))).toBe(false);
    // the sandbox refused the write; Codex reported it back to the model. (Codex 0.169 does not
    // always print the command_execution item of a command that fails at once, so the proof is
    // the tool output the model received.)
    const outputs = JSON.stringify(server.requests.map((q) => q.body));
    expect(outputs, explain(r)).toContain('Read-only file system');
  }, 120_000);
});
