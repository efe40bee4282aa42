// Qwen Code 0.24 as the loop's executor (real binary, offline, the scripted Chat Completions
// server): `run` hands it the brief on stdin, the scripted write lands inside FILES, the review
// passes, and the run record holds the tokens of Qwen's own `result` line. The planner profile
// (approval mode plan) writes nothing.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, type OnTestFinishedHandler, test } from 'vitest';
import { runAgent } from '../../src/agents/run.js';
import { type ChatTurn, startChatServer } from '../helpers/chat-server.js';
import {
  agentBinary,
  executorRepo,
  expectRecorded,
  outputLines,
  PREFS,
  PREFS_PATH,
  runTaskOne,
} from './real-executor.js';

const QWEN = agentBinary('qwen', '@qwen-code/qwen-code') ?? '';

/** The OpenAI-compatible login `qwen` saves (auth type openai), pointed at the scripted server. */
async function qwenEnv(script: ChatTurn[], onTestFinished: (fn: OnTestFinishedHandler) => void) {
  const server = await startChatServer(script);
  onTestFinished(server.close);
  const home = mkdtempSync(join(tmpdir(), 'kd-qwen-home-'));
  mkdirSync(join(home, '.qwen'));
  writeFileSync(
    join(home, '.qwen/settings.json'),
    JSON.stringify({ security: { auth: { selectedType: 'openai' } } }),
  );
  const env = {
    ...process.env,
    HOME: home,
    OPENAI_API_KEY: 'test-offline',
    OPENAI_BASE_URL: `${server.url}/v1`,
    QWEN_CODE_SUPPRESS_YOLO_WARNING: '1',
  };
  return { server, env };
}

describe.skipIf(!QWEN)('Qwen Code as executor, real binary', () => {
  test.concurrent('run: the scripted write lands in FILES, the review passes, Qwen’s tokens are recorded', async ({
    onTestFinished,
  }) => {
    const repo = executorRepo('qwen', { model: 'm1' });
    onTestFinished(repo.cleanup);
    const { server, env } = await qwenEnv(
      [
        { call: 'write_file', arguments: { file_path: join(repo.dir, PREFS_PATH), content: PREFS } },
        { text: 'Wrote src/prefs.js' },
      ],
      onTestFinished,
    );
    const t1 = await runTaskOne(repo, env);
    expect(t1.executor!.version).toBe('0.24.4');
    expect(server.turnsServed).toBe(2);
    expect(JSON.stringify(server.requests.at(-1)?.body)).toContain('runbook-01-prefs.md');

    const usage = outputLines(repo, t1).find((l) => l.type === 'result')?.usage as Record<string, number>;
    await expectRecorded(repo, t1, 'qwen', {
      tokens: {
        input: usage.input_tokens!,
        output: usage.output_tokens!,
        cached: usage.cache_read_input_tokens!,
      },
    });
  }, 200_000);

  test.concurrent('the planner profile (approval mode plan) writes nothing', async ({ onTestFinished }) => {
    const root = mkdtempSync(join(tmpdir(), 'kd-qwen-plan-'));
    const target = join(root, 'PLANNER-WAS-HERE.txt');
    const { env } = await qwenEnv(
      [
        { call: 'write_file', arguments: { file_path: target, content: 'x' } },
        { text: 'Diagnosis: scope drift.' },
      ],
      onTestFinished,
    );
    const r = await runAgent({
      root,
      cwd: root,
      agent: { name: 'qwen', adapter: 'qwen', bin: QWEN, model: 'm1', extraArgs: [], timeoutSeconds: 150 },
      role: 'planner',
      prompt: 'Diagnose the drift.',
      env,
      handleSigint: false,
    });
    expect(r.status, r.outputTail).toBe('ok');
    expect(existsSync(target)).toBe(false);
    expect(r.filesChanged).toEqual([]);
    expect(r.events).toContainEqual(
      expect.objectContaining({
        type: 'tool_result',
        ok: false,
        output: expect.stringContaining('declined'),
      }),
    );
    expect(r.text).toBe('Diagnosis: scope drift.');
  }, 200_000);
});
