// The trust steps some agents ask before they run a project's hooks, read from the agents' own
// files: Codex's trusted project and trusted hook hashes, Gemini CLI's trusted folders, and Qwen
// Code's trusted folders once its folder trust is on. Each answer is why the guard is off.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { codexHookHash } from '../agents/hooks/codex-trust.js';
import { isOurCommand } from '../agents/hooks/merge.js';
import type { AgentHooks } from '../agents/hooks/table.js';
import { CODEX_SYSTEM_FILES, codexHome, geminiHome, type Json, qwenHome, readJson } from './agent-homes.js';

const readText = (f: string): string => (existsSync(f) ? readFileSync(f, 'utf8') : '');
const within = (p: string, dir: string): boolean =>
  p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/** killdate's PreToolUse hooks in .codex/hooks.json: Codex's key for each, and its hash now. */
function codexGuardHooks(abs: string, agent: AgentHooks): { key: string; hash: string }[] {
  const groups = (readJson(abs)?.hooks as Json | undefined)?.PreToolUse;
  const out: { key: string; hash: string }[] = [];
  (Array.isArray(groups) ? groups : []).forEach((g, gi) => {
    (Array.isArray(g?.hooks) ? g.hooks : []).forEach((h: Json, hi: number) => {
      if (isOurCommand(h?.command, agent))
        out.push({
          key: `${abs}:pre_tool_use:${gi}:${hi}`,
          hash: codexHookHash('pre_tool_use', g.matcher, h as { command: string }),
        });
    });
  });
  return out;
}

/** A TOML file parsed as Codex parses it: {} when absent, undefined when it is not TOML. */
function readToml(abs: string): Json | undefined {
  try {
    return parseToml(readText(abs)) as Json;
  } catch {
    return undefined;
  }
}

const table = (data: Json | undefined, key: string): Json | undefined => {
  const v = data?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
};

/**
 * Codex: hooks switched off, killdate's hook disabled, or the project or the hooks not trusted.
 * Its config files (the user's, the project's and /etc/codex's) are parsed as TOML, so a
 * switch-off counts however it is spelled (a dotted key, an inline table, a quoted key).
 */
export function codexOff(agent: AgentHooks, root: string, env: NodeJS.ProcessEnv): string | undefined {
  const toml = join(codexHome(env), 'config.toml');
  const project = join(root, '.codex/config.toml');
  const user = readToml(toml);
  for (const [f, data] of [
    [toml, user],
    [project, readToml(project)],
    ...CODEX_SYSTEM_FILES.map((f) => [f, readToml(f)] as const),
  ] as const) {
    if (!data) return `${f} is not valid TOML: Codex does not start with it`;
    if (table(data, 'features')?.codex_hooks === false) return `codex_hooks = false in ${f}`;
  }
  const states = table(table(user, 'hooks'), 'state');
  const hooks = codexGuardHooks(join(root, agent.file), agent);
  if (hooks.some((h) => table(states, h.key)?.enabled === false))
    return `killdate's hook is disabled (enabled = false) in ${toml}`;
  if (table(table(user, 'projects'), root)?.trust_level !== 'trusted')
    return `Codex has not trusted this project (${toml})`;
  for (const h of hooks) {
    const trusted = table(states, h.key)?.trusted_hash;
    if (!trusted) return `Codex has not trusted the killdate hooks (${toml})`;
    if (trusted !== h.hash)
      return `killdate's hooks in ${agent.file} changed since Codex trusted them (${toml})`;
  }
  return undefined;
}

/** Gemini CLI follows the entry nearest the folder: a nearer DO_NOT_TRUST wins over a parent's trust. */
export function geminiUntrusted(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GEMINI_CLI_TRUST_WORKSPACE === 'true') return undefined;
  const file = env.GEMINI_CLI_TRUSTED_FOLDERS_PATH
    ? resolve(root, env.GEMINI_CLI_TRUSTED_FOLDERS_PATH)
    : join(geminiHome(root, env), 'trustedFolders.json');
  const folders = readJson(file) ?? {};
  const nearest = Object.entries(folders)
    .map(([k, v]) => ({ dir: v === 'TRUST_PARENT' ? dirname(k) : k, v }))
    .filter((e) => within(root, e.dir))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (!nearest || nearest.v === 'DO_NOT_TRUST')
    return `this folder is not trusted in ${file}: Gemini CLI skips project hooks`;
  return undefined;
}

/** A path and its real path, as Qwen Code compares them. */
function variants(p: string): string[] {
  const out = [normalize(resolve(p))];
  try {
    out.push(realpathSync(p));
  } catch {}
  return out;
}

/** Qwen Code's rule: the deepest entry enclosing the folder wins; at equal depth DO_NOT_TRUST wins. */
function qwenTrusts(folders: Json, root: string): boolean {
  let best: { depth: number; trusted: boolean } | undefined;
  const here = variants(root);
  for (const [path, level] of Object.entries(folders)) {
    if (level !== 'TRUST_FOLDER' && level !== 'TRUST_PARENT' && level !== 'DO_NOT_TRUST') continue;
    const trusted = level !== 'DO_NOT_TRUST';
    for (const dir of variants(level === 'TRUST_PARENT' ? dirname(path) : path)) {
      if (!here.some((r) => within(r, dir))) continue;
      const depth = dir.split('/').filter(Boolean).length;
      if (!best || depth > best.depth || (depth === best.depth && !trusted)) best = { depth, trusted };
    }
  }
  return best?.trusted === true;
}

/**
 * Qwen Code skips project settings, its hooks with them, in an untrusted folder once folder trust
 * is on. `settings`: its files of qwenSettingsFiles(), read.
 */
export function qwenUntrusted(
  root: string,
  env: NodeJS.ProcessEnv,
  settings: (Json | undefined)[],
): string | undefined {
  const on = settings
    .map((data) => ((data?.security as Json | undefined)?.folderTrust as Json | undefined)?.enabled)
    .filter((v) => typeof v === 'boolean')
    .at(-1);
  if (on !== true) return undefined;
  const file = env.QWEN_CODE_TRUSTED_FOLDERS_PATH
    ? resolve(root, env.QWEN_CODE_TRUSTED_FOLDERS_PATH)
    : join(qwenHome(root, env), 'trustedFolders.json');
  if (qwenTrusts(readJson(file) ?? {}, root)) return undefined;
  return `folder trust is on and this folder is not trusted in ${file}: Qwen Code skips project hooks`;
}
