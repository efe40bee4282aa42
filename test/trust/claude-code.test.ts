// A human act inside a real Claude Code session: the real binary, driven by a scripted local
// model server, runs `killdate signoff ... --yes` through its Bash tool. Claude Code marks its
// shell commands (CLAUDECODE, AI_AGENT ...): the sign-off is refused and nothing is recorded.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { CLI, makeRepo, type Repo } from '../gates/repo.js';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { TODAY } from '../helpers/dates.js';
import { humanEnv } from '../helpers/human-env.js';

const CLAUDE = join(import.meta.dirname, '../../node_modules/.bin/claude');
const DIR = 'feature-builds/settings-page';

let repo: Repo | undefined;
let server: AnthropicServer | undefined;
let home: string | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

function claude(
  cwd: string,
  env: NodeJS.ProcessEnv,
  prompt: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const args = ['-p', prompt, '--output-format', 'stream-json', '--verbose', '--allowedTools', 'Bash'];
    const child = spawn(CLAUDE, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', () => {});
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

describe.skipIf(!existsSync(CLAUDE))('a human act in a real Claude Code session', () => {
  it("the model's Bash call `killdate signoff ... --yes` is refused and SIGNOFFS.md is not written", async () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
    });
    const command = `${process.execPath} ${CLI} signoff settings-page cp0 --yes --today ${TODAY}`;
    server = await startAnthropicServer([
      { tool: 'Bash', input: { command, description: 'Record the CP-0 sign-off' } },
      { text: 'The sign-off was refused.' },
    ]);
    home = mkdtempSync(join(tmpdir(), 'killdate-claude-home-'));
    const env = humanEnv({
      HOME: home,
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'sk-ant-test-offline',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    });
    const run = await claude(repo.dir, env, 'Sign off CP-0 of settings-page.');
    const lines = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const results = lines
      .filter((l) => l.type === 'user')
      .flatMap((l) => l.message.content)
      .filter((c: { type: string }) => c.type === 'tool_result');
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results[0])).toMatch(/signoff is a human act: refused inside Claude Code/);
    expect(existsSync(join(repo.dir, DIR, 'SIGNOFFS.md'))).toBe(false);
    expect(repo.git('log', '--format=%s').trim()).toBe('initial');
    expect(lines.find((l) => l.type === 'result')?.is_error).toBe(false);
  }, 120_000);
});
