// Where each agent reads its user-level settings, as the agent itself finds them: Claude Code in
// $CLAUDE_CONFIG_DIR (else ~/.claude), Codex in $CODEX_HOME (else ~/.codex), Qwen Code in
// $QWEN_HOME (else ~/.qwen) plus its system files, Gemini CLI in ~/.gemini.
import { readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

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

export function codexHome(env: NodeJS.ProcessEnv): string {
  return env.CODEX_HOME || join(home(env), '.codex');
}

/** Qwen Code's user folder: $QWEN_HOME (`~` expanded), else ~/.qwen. */
export function qwenHome(root: string, env: NodeJS.ProcessEnv): string {
  const dir = env.QWEN_HOME;
  if (!dir) return join(home(env), '.qwen');
  return resolve(root, dir === '~' || dir.startsWith('~/') ? join(home(env), dir.slice(2)) : dir);
}

/** Qwen Code's settings files, lowest precedence first: system defaults, user, system. */
export function qwenSettingsFiles(root: string, env: NodeJS.ProcessEnv): string[] {
  const system =
    env.QWEN_CODE_SYSTEM_SETTINGS_PATH ||
    (platform() === 'darwin'
      ? '/Library/Application Support/QwenCode/settings.json'
      : '/etc/qwen-code/settings.json');
  const defaults = env.QWEN_CODE_SYSTEM_DEFAULTS_PATH || join(dirname(system), 'system-defaults.json');
  return [defaults, join(qwenHome(root, env), 'settings.json'), system];
}
