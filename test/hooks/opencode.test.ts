// opencode 1.18 (real binary, offline, the scripted Anthropic server through a custom provider):
// killdate's plugin .opencode/plugin/killdate.js lets a write inside FILES land and throws on
// one outside; the reason reaches the model in its next request.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import {
  BIN,
  cleanEnv,
  type GuardedRepo,
  guardedRepo,
  OUTSIDE_REASON,
  runAgentBinary,
} from './agent-session.js';

const OPENCODE = join(BIN, 'opencode');
/** opencode installs its provider and plugin packages at run time: kept here, fetched once */
const CACHE = join(BIN, '../.cache/killdate-opencode');
let g: GuardedRepo | undefined;
let server: AnthropicServer | undefined;
afterEach(async () => {
  await server?.close();
  g?.cleanup();
});

/** opencode's config for the scripted server: one provider, one model, edits and shell allowed. */
export function opencodeEnv(home: string, url: string): NodeJS.ProcessEnv {
  const config = {
    provider: {
      fake: {
        npm: '@ai-sdk/anthropic',
        name: 'Fake',
        options: { baseURL: `${url}/v1`, apiKey: 'sk-test-offline' },
        models: { m1: { name: 'm1', tool_call: true, limit: { context: 200000, output: 8000 } } },
      },
    },
    model: 'fake/m1',
    permission: { edit: 'allow', bash: 'allow' },
    autoupdate: false,
    share: 'disabled',
  };
  return cleanEnv(home, {
    XDG_CACHE_HOME: join(CACHE, 'xdg'),
    OPENCODE_CONFIG_CONTENT: JSON.stringify(config),
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
  });
}

/** A guarded repo with opencode's plugin packages at hand (fetched once into the cache). */
function guardedForOpencode(): GuardedRepo {
  const guarded = guardedRepo('opencode');
  mkdirSync(join(CACHE, 'plugin-deps'), { recursive: true });
  symlinkSync(join(CACHE, 'plugin-deps'), join(guarded.repo.dir, '.opencode/node_modules'));
  return guarded;
}

/** `opencode run` headless on `prompt` with `flags`, against the scripted server; it must end well. */
async function opencodeRun(guarded: GuardedRepo, url: string, prompt: string, flags: string[] = []) {
  const args = ['run', ...flags, '--format', 'json', prompt];
  const run = await runAgentBinary(OPENCODE, args, {
    cwd: guarded.repo.dir,
    env: opencodeEnv(guarded.home, url),
    timeoutMs: 280_000,
  });
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  return run;
}

describe.skipIf(!existsSync(OPENCODE))('killdate guard in a real opencode session', () => {
  it('a write inside FILES lands; one outside is blocked and the model is told why', async () => {
    g = guardedForOpencode();
    server = await startAnthropicServer([
      { tool: 'write', input: { filePath: g.inside, content: 'export const form = 1;\n' } },
      { tool: 'write', input: { filePath: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    await opencodeRun(g, server.url, 'Write the settings form, then the billing charge.');
    expect(readFileSync(g.inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(g.outside)).toBe(false);
    const bodies = server.requests.map((q) => JSON.stringify(q.body));
    expect(
      bodies.some((b) => OUTSIDE_REASON.test(b)),
      bodies.join('\n').slice(-3000),
    ).toBe(true);
  }, 300_000);

  it('started with --pure, opencode loads no plugin: the write outside FILES lands (the guard refuses that start)', async () => {
    g = guardedForOpencode();
    server = await startAnthropicServer([
      { tool: 'write', input: { filePath: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    await opencodeRun(g, server.url, 'Write the billing charge.', ['--pure']);
    expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
  }, 300_000);
});
