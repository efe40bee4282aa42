// opencode 1.18 as the loop's executor (real binary, offline, the scripted Anthropic server
// through a custom provider with a price): `run` hands it the brief on stdin, the scripted
// write lands inside FILES, the review passes, and the run record holds the tokens and cost of
// opencode's own step_finish lines. The planner profile (opencode's plan agent) writes nothing.
// No .opencode/ folder here: opencode would install its plugin package into one at run time.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, type OnTestFinishedHandler, test } from 'vitest';
import { runAgent } from '../../src/agents/run.js';
import { type AnthropicTurn, startAnthropicServer } from '../helpers/anthropic-server.js';
import {
  agentBinary,
  executorRepo,
  expectRecorded,
  outputLines,
  PREFS,
  PREFS_PATH,
  runTaskOne,
} from './real-executor.js';

const OPENCODE = agentBinary('opencode', 'opencode-ai') ?? '';
const MODEL = 'fake/m1';

/** opencode's config for the scripted server: one provider, one priced model, nothing fetched. */
async function opencodeEnv(script: AnthropicTurn[], onTestFinished: (fn: OnTestFinishedHandler) => void) {
  const server = await startAnthropicServer(script);
  onTestFinished(server.close);
  const home = mkdtempSync(join(tmpdir(), 'kd-opencode-home-'));
  const config = {
    provider: {
      fake: {
        npm: '@ai-sdk/anthropic',
        name: 'Fake',
        options: { baseURL: `${server.url}/v1`, apiKey: 'sk-test-offline' },
        models: {
          m1: {
            name: 'm1',
            tool_call: true,
            cost: { input: 3, output: 15 },
            limit: { context: 200000, output: 8000 },
          },
        },
      },
    },
    autoupdate: false,
    share: 'disabled',
  };
  const env = {
    ...process.env,
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    OPENCODE_CONFIG_CONTENT: JSON.stringify(config),
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
  };
  return { server, env };
}

describe.skipIf(!OPENCODE)('opencode as executor, real binary', () => {
  test.concurrent('run: the scripted write lands in FILES, the review passes, opencode’s tokens and cost are recorded', async ({
    onTestFinished,
  }) => {
    const repo = executorRepo('opencode', { model: MODEL });
    onTestFinished(repo.cleanup);
    const { server, env } = await opencodeEnv(
      [
        { tool: 'write', input: { filePath: join(repo.dir, PREFS_PATH), content: PREFS } },
        { text: 'Wrote src/prefs.js' },
      ],
      onTestFinished,
    );
    const t1 = await runTaskOne(repo, env);
    expect(t1.executor!.version).toBe('1.18.33');
    expect(server.turnsServed).toBe(2);
    expect(JSON.stringify(server.requests.at(-1)?.body)).toContain('runbook-01-prefs.md');

    const steps = outputLines(repo, t1)
      .filter((l) => l.type === 'step_finish')
      .map(
        (l) => l.part as { tokens: Record<string, number> & { cache: Record<string, number> }; cost: number },
      );
    expect(steps).toHaveLength(2);
    const sum = (f: (s: (typeof steps)[number]) => number) => steps.reduce((n, s) => n + f(s), 0);
    const costUsd = sum((s) => s.cost);
    expect(costUsd).toBeGreaterThan(0);
    await expectRecorded(repo, t1, 'opencode', {
      tokens: {
        input: sum((s) => s.tokens.input! + s.tokens.cache.write!),
        output: sum((s) => s.tokens.output! + s.tokens.reasoning!),
        cached: sum((s) => s.tokens.cache.read!),
      },
      costUsd,
    });
  }, 200_000);

  test.concurrent('the planner profile (the plan agent) writes nothing', async ({ onTestFinished }) => {
    const root = mkdtempSync(join(tmpdir(), 'kd-opencode-plan-'));
    const target = join(root, 'PLANNER-WAS-HERE.txt');
    const { env } = await opencodeEnv(
      [{ tool: 'write', input: { filePath: target, content: 'x' } }, { text: 'Diagnosis: scope drift.' }],
      onTestFinished,
    );
    const r = await runAgent({
      root,
      cwd: root,
      agent: {
        name: 'opencode',
        adapter: 'opencode',
        bin: OPENCODE,
        model: MODEL,
        extraArgs: [],
        timeoutSeconds: 150,
      },
      role: 'planner',
      prompt: 'Diagnose the drift.',
      env,
      handleSigint: false,
    });
    expect(r.status, r.outputTail).toBe('ok');
    expect(existsSync(target)).toBe(false);
    expect(r.filesChanged).toEqual([]);
    // the plan agent asks before an edit and `opencode run` refuses every ask; the run ends there
    expect(r.events).toContainEqual(
      expect.objectContaining({
        type: 'tool_result',
        ok: false,
        output: expect.stringContaining('rejected'),
      }),
    );
  }, 200_000);
});
