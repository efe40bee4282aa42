// The real Claude Code binary (node_modules/.bin/claude) run headless and offline against a
// scripted model server: `-p` with stream-json output, HOME in a temp folder, a wall-clock
// limit that kills the whole process group.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLAUDE = join(import.meta.dirname, '../../node_modules/.bin/claude');
export const HAVE_CLAUDE = existsSync(CLAUDE);

/** Parsed JSON of the binary's own format. */
type Json = ReturnType<typeof JSON.parse>;

export interface ClaudeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** the stream-json lines, parsed */
  lines: Json[];
}

/** The environment of an offline session: the scripted server, a fresh HOME, no extra traffic. */
export function offlineEnv(serverUrl: string, home = mkdtempSync(join(tmpdir(), 'killdate-claude-home-'))) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    ANTHROPIC_BASE_URL: serverUrl,
    ANTHROPIC_API_KEY: 'sk-ant-test-offline',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  };
}

/**
 * `claude -p <prompt> --output-format stream-json --verbose <args>` in cwd; with `via`, that
 * command runs it (`via` then the claude command line).
 */
export function runClaude(
  cwd: string,
  env: NodeJS.ProcessEnv,
  prompt: string,
  args: string[] = [],
  via: string[] = [],
): Promise<ClaudeRun> {
  return new Promise((resolve) => {
    const argv = [
      ...via.slice(1),
      ...(via.length ? [CLAUDE] : []),
      '-p',
      prompt,
      '--output-format',
      'stream-json',
      '--verbose',
      ...args,
    ];
    const child = spawn(via[0] ?? CLAUDE, argv, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      resolve({ code, stdout, stderr, lines });
    });
  });
}

/** The tool_result blocks the session fed back to the model, in order. */
export function toolResults(run: ClaudeRun): Json[] {
  return run.lines
    .filter((l) => l.type === 'user')
    .flatMap((l) => l.message.content)
    .filter((c: { type: string }) => c.type === 'tool_result');
}
