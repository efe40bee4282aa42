// Gemini CLI 0.61 as the loop's executor (real binary, offline, the scripted Gemini server):
// `run` hands it the brief, the scripted write lands inside FILES, the review passes, and the
// run record holds the tokens of Gemini's own `result` line. The planner profile is read-only.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, type OnTestFinishedHandler, test } from 'vitest';
import { runAgent } from '../../src/agents/run.js';
import { type GeminiTurn, startGeminiServer } from '../helpers/gemini-server.js';
import {
  agentBinary,
  executorRepo,
  expectRecorded,
  outputLines,
  PREFS,
  PREFS_PATH,
  runTaskOne,
} from './real-executor.js';

const GEMINI = agentBinary('gemini', '@google/gemini-cli') ?? '';
const MODEL = 'gemini-2.5-flash';

/** Gemini's API-key login, as `gemini` saves it: the folder is not trusted here (killdate trusts the run's tree). */
async function geminiEnv(script: GeminiTurn[], onTestFinished: (fn: OnTestFinishedHandler) => void) {
  const server = await startGeminiServer(script);
  onTestFinished(server.close);
  const home = mkdtempSync(join(tmpdir(), 'kd-gemini-home-'));
  mkdirSync(join(home, '.gemini'));
  writeFileSync(
    join(home, '.gemini/settings.json'),
    JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }),
  );
  const env = {
    ...process.env,
    HOME: home,
    GEMINI_API_KEY: 'test-offline',
    GOOGLE_GEMINI_BASE_URL: server.url,
  };
  return { server, env };
}

describe.skipIf(!GEMINI)('Gemini CLI as executor, real binary', () => {
  test.concurrent('run: the scripted write lands in FILES, the review passes, Gemini’s tokens are recorded', async ({
    onTestFinished,
  }) => {
    const repo = executorRepo('gemini', { model: MODEL });
    onTestFinished(repo.cleanup);
    const { server, env } = await geminiEnv(
      [
        { call: 'write_file', args: { file_path: PREFS_PATH, content: PREFS } },
        { text: 'Wrote src/prefs.js' },
      ],
      onTestFinished,
    );
    const t1 = await runTaskOne(repo, env);
    expect(t1.executor!.version).toBe('0.61.0');
    expect(server.turnsServed).toBe(2);
    // the brief came on stdin, ahead of the short -p marker
    expect(JSON.stringify(server.requests[0]?.body)).toContain('runbook-01-prefs.md');

    const result = outputLines(repo, t1).find((l) => l.type === 'result');
    const stats = result?.stats as Record<string, number>;
    expect(stats.input_tokens).toBeGreaterThan(0);
    await expectRecorded(repo, t1, 'gemini', {
      tokens: { input: stats.input_tokens!, output: stats.output_tokens!, cached: stats.cached! },
    });
  }, 200_000);

  test.concurrent('the planner profile is read-only: Gemini offers no write tool, nothing is written', async ({
    onTestFinished,
  }) => {
    const root = mkdtempSync(join(tmpdir(), 'kd-gemini-plan-'));
    const { server, env } = await geminiEnv(
      [
        { call: 'write_file', args: { file_path: 'PLANNER-WAS-HERE.txt', content: 'x' } },
        { text: 'Diagnosis: scope drift.' },
      ],
      onTestFinished,
    );
    const r = await runAgent({
      root,
      cwd: root,
      agent: {
        name: 'gemini',
        adapter: 'gemini',
        bin: GEMINI,
        model: MODEL,
        extraArgs: [],
        timeoutSeconds: 150,
      },
      role: 'planner',
      prompt: 'Diagnose the drift.',
      env,
      handleSigint: false,
    });
    expect(existsSync(join(root, 'PLANNER-WAS-HERE.txt'))).toBe(false);
    expect(r.filesChanged).toEqual([]);
    const tools = JSON.stringify(server.requests.map((q) => (q.body as { tools?: unknown }).tools ?? []));
    expect(tools).toContain('read_file');
    expect(tools).not.toContain('"write_file"');
  }, 200_000);
});
