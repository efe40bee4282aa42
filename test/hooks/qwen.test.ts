// Qwen Code 0.24 (real binary, offline, scripted Chat Completions server): killdate's PreToolUse
// hook in .qwen/settings.json lets a write inside FILES land and blocks one outside; the reason
// reaches the model in its next request.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChatServer } from '../helpers/chat-server.js';
import type { ScriptedServer } from '../helpers/gemini-server.js';
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

describe.skipIf(!existsSync(QWEN))('killdate guard in a real Qwen Code session', () => {
  it('a write inside FILES lands; one outside is blocked and the model is told why', async () => {
    g = guardedRepo('qwen');
    server = await startChatServer([
      { call: 'write_file', arguments: { file_path: g.inside, content: 'export const form = 1;\n' } },
      { call: 'write_file', arguments: { file_path: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    const env = cleanEnv(g.home, {
      OPENAI_API_KEY: 'test-offline',
      OPENAI_BASE_URL: `${server.url}/v1`,
      OPENAI_MODEL: 'm1',
    });
    const args = ['--auth-type', 'openai', '-m', 'm1', '--output-format', 'stream-json', '--yolo'];
    const run = await runAgentBinary(QWEN, args, {
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
