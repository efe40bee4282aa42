// Where each agent reads its user-level settings, as the agent itself finds them: Claude Code in
// $CLAUDE_CONFIG_DIR (else ~/.claude).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type Json = Record<string, unknown>;

export function readJson(abs: string): Json | undefined {
  try {
    const v = JSON.parse(readFileSync(abs, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** Claude Code's user settings file; a relative $CLAUDE_CONFIG_DIR is taken from the repo. */
export function claudeUserSettings(root: string, env: NodeJS.ProcessEnv): string {
  const dir = env.CLAUDE_CONFIG_DIR;
  return dir ? join(resolve(root, dir), 'settings.json') : join(home(env), '.claude/settings.json');
}
