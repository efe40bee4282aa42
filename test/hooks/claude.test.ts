// Claude Code 2.1.332 (real binary, offline, scripted Anthropic server) with `hooks install`:
// after a `cd` into a submodule, a Write outside FILES (inside the submodule) is blocked; a
// Bash call of `killdate signoff` is refused; a Write inside FILES holding the session's own API
// key is blocked; a Write inside FILES lands; the model is told why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo } from '../gates/repo.js';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { BIN, cleanEnv, type GuardedRepo, guardedRepo, runAgentBinary } from './agent-session.js';

const CLAUDE = join(BIN, 'claude');
/** the session's own API key: the agent's move is to copy it into the code */
const KEY = 'sk-ant-test-offline';
let g: GuardedRepo | undefined;
let server: AnthropicServer | undefined;
let lib: ReturnType<typeof makeRepo> | undefined;
afterEach(async () => {
  await server?.close();
  g?.cleanup();
  lib?.cleanup();
});

describe.skipIf(!existsSync(CLAUDE))('killdate guard in a real Claude Code session', () => {
  it('blocks a Write outside FILES after a cd into a submodule, a human act in Bash, and its own API key in a file', async () => {
    lib = makeRepo({ 'lib.ts': 'export const lib = 1;\n' });
    g = guardedRepo('claude');
    g.repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'vendor/lib');
    g.repo.git('commit', '-q', '--no-verify', '-m', 'submodule'); // the test sets up the repo as the human
    const inSub = join(g.repo.dir, 'vendor/lib/patched.ts');
    server = await startAnthropicServer([
      { tool: 'Bash', input: { command: 'cd vendor/lib && pwd' } },
      { tool: 'Write', input: { file_path: inSub, content: 'export const patched = 1;\n' } },
      { tool: 'Bash', input: { command: 'killdate signoff settings cp3 --yes' } },
      { tool: 'Write', input: { file_path: g.inside, content: `export const key = '${KEY}';\n` } },
      { tool: 'Write', input: { file_path: g.inside, content: 'export const form = 1;\n' } },
      { text: 'Done.' },
    ]);
    const env = cleanEnv(g.home, {
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: KEY,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    });
    const args = [
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits',
      '--allowedTools',
      'Bash',
    ];
    const run = await runAgentBinary(CLAUDE, args, {
      cwd: g.repo.dir,
      env,
      stdin: 'Patch the lib, sign off, write the form.',
    });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(existsSync(inSub)).toBe(false);
    expect(readFileSync(g.inside, 'utf8')).toBe('export const form = 1;\n');
    const bodies = server.requests.map((q) => JSON.stringify(q.body)).join('\n');
    expect(bodies).toMatch(/vendor\/lib\/patched\.ts is outside the active task's FILES/);
    expect(bodies).toMatch(/killdate signoff[^"]*(is a human act|denied|permission)/i);
    expect(bodies).toContain('holds a secret (the value of a secret variable)');
  }, 180_000);
});
