// Where each agent reads its user-level settings, as the agent itself finds them: Claude Code in
// $CLAUDE_CONFIG_DIR (else ~/.claude) plus its managed settings, Codex in $CODEX_HOME (else
// ~/.codex) plus /etc/codex, Qwen Code in $QWEN_HOME (else ~/.qwen) plus its system files, Gemini CLI in
// $GEMINI_CLI_HOME/.gemini (else ~/.gemini) plus its system files.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { withoutComments } from '../core/json-comments.js';

export type Json = Record<string, unknown>;

/**
 * A JSON object file, undefined when absent or not one. With `comments`, read as Gemini CLI and
 * Qwen Code read their settings: a line or block comment outside a string counts as blank. With
 * `bom`, a leading byte order mark is dropped.
 */
export function readJson(abs: string, comments = false, bom = false): Json | undefined {
  let raw: string;
  try {
    raw = readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  const text = bom && raw.startsWith('\ufeff') ? raw.slice(1) : raw;
  return jsonObject(comments ? withoutComments(text) : text);
}

/** JSON text that is an object, or undefined. */
export function jsonObject(text: string): Json | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The agents whose settings files may hold comments (their trusted-folder files are read strictly). */
export const commentsAllowed = (agent: string): boolean => agent === 'gemini' || agent === 'qwen';

/**
 * A settings file read for what switches a guard off, as leniently as the agent may read it: a
 * leading byte order mark dropped (Claude Code reads such a file) and comments blank where
 * commentsAllowed. Leniency here can only show more switch-offs; a file read for trust or for
 * killdate's own hooks stays strict.
 */
export const readSwitches = (abs: string, agent: string): Json | undefined =>
  readJson(abs, commentsAllowed(agent), true);

export function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** Claude Code's user settings file; a relative $CLAUDE_CONFIG_DIR is taken from the repo. */
export function claudeUserSettings(root: string, env: NodeJS.ProcessEnv): string {
  const dir = env.CLAUDE_CONFIG_DIR;
  return dir ? join(resolve(root, dir), 'settings.json') : join(home(env), '.claude/settings.json');
}

/**
 * Claude Code's managed (policy) settings, as it reads them: managed-settings.json in its system
 * folder, then each `.json` file of managed-settings.d/ not starting with a dot, by name.
 */
export function claudeManagedFiles(): string[] {
  const dir = platform() === 'darwin' ? '/Library/Application Support/ClaudeCode' : '/etc/claude-code';
  const dropIns = join(dir, 'managed-settings.d');
  let names: string[] = [];
  try {
    names = readdirSync(dropIns).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    // no drop-in folder
  }
  return [join(dir, 'managed-settings.json'), ...names.sort().map((n) => join(dropIns, n))];
}

export function codexHome(env: NodeJS.ProcessEnv): string {
  return env.CODEX_HOME || join(home(env), '.codex');
}

/** Codex's system config files, which it reads besides the user's and the project's. */
export const CODEX_SYSTEM_FILES = ['config.toml', 'managed_config.toml', 'requirements.toml'].map(
  (f) => `/etc/codex/${f}`,
);

/** Qwen Code's user folder: $QWEN_HOME (`~` expanded), else ~/.qwen. */
export function qwenHome(root: string, env: NodeJS.ProcessEnv): string {
  const dir = env.QWEN_HOME;
  if (!dir) return join(home(env), '.qwen');
  return resolve(root, dir === '~' || dir.startsWith('~/') ? join(home(env), dir.slice(2)) : dir);
}

/** Gemini CLI's user folder: .gemini in $GEMINI_CLI_HOME, else in the home folder. */
export function geminiHome(root: string, env: NodeJS.ProcessEnv): string {
  return join(env.GEMINI_CLI_HOME ? resolve(root, env.GEMINI_CLI_HOME) : home(env), '.gemini');
}

/**
 * Gemini CLI's settings files, lowest precedence first: system defaults, user, system. A system
 * file Gemini CLI skips as insecure (rootOwned) is left out.
 */
export function geminiSettingsFiles(root: string, env: NodeJS.ProcessEnv): string[] {
  const [defaults, system] = systemFiles(
    env.GEMINI_CLI_SYSTEM_SETTINGS_PATH,
    env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH,
    'GeminiCli',
    'gemini-cli',
  );
  const user = join(geminiHome(root, env), 'settings.json');
  return [defaults, user, system].filter((f) => f === user || rootOwned(f));
}

/**
 * Whether Gemini CLI reads a system file: it skips one when the file, a folder above it (on the
 * path as given or as resolved) or a link on the way is not owned by root, or the file or such a
 * folder is writable by group or others. A path that does not exist is no objection.
 */
export function rootOwned(abs: string): boolean {
  const chain = (p: string) => {
    const out = [p];
    for (let d = dirname(p); ; d = dirname(d)) {
      out.push(d);
      if (dirname(d) === d) return out;
    }
  };
  const secure = (p: string) => {
    try {
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) return true;
      if (st.uid !== 0 || (st.mode & 0o022) !== 0) return false;
      const link = lstatSync(p);
      return !link.isSymbolicLink() || link.uid === 0;
    } catch {
      return false; // cannot be checked: Gemini CLI skips it too
    }
  };
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    // not there: the path as given is all there is
  }
  return [...chain(abs), ...(real === abs ? [] : chain(real))].every(secure);
}

/** Qwen Code's settings files, lowest precedence first: system defaults, user, system. */
export function qwenSettingsFiles(root: string, env: NodeJS.ProcessEnv): string[] {
  const [defaults, system] = systemFiles(
    env.QWEN_CODE_SYSTEM_SETTINGS_PATH,
    env.QWEN_CODE_SYSTEM_DEFAULTS_PATH,
    'QwenCode',
    'qwen-code',
  );
  return [defaults, join(qwenHome(root, env), 'settings.json'), system];
}

/**
 * A Gemini-style agent's system defaults and system settings: each where its variable puts it,
 * else settings.json in the system folder (`/Library/Application Support/<mac>` on macOS,
 * `/etc/<linux>` elsewhere) and system-defaults.json beside the settings.
 */
function systemFiles(
  settingsPath: string | undefined,
  defaultsPath: string | undefined,
  mac: string,
  linux: string,
): [string, string] {
  const system =
    settingsPath ||
    (platform() === 'darwin'
      ? `/Library/Application Support/${mac}/settings.json`
      : `/etc/${linux}/settings.json`);
  return [defaultsPath || join(dirname(system), 'system-defaults.json'), system];
}
