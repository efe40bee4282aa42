// The config a previous run resolved, reused: start runs on every session, and loading the
// YAML parser and the zod schema costs more than the rest of its work on a small repo. The
// stored config (.killdate/cache/config.json) is reused only by the same build, for the same
// bytes of killdate.config.yaml (or its absence), when every file the layout asked about
// (kit detection) still exists or not as it did. Anything else loads and validates the file
// as loadConfig does, errors included, and stores the result when it survives JSON intact.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../core/config.js';
import { BUILD, writeCacheFile } from './cache-dir.js';

/** the config file; here so that what reads it need not load config.ts (the YAML parser, zod) */
export const CONFIG_FILE = 'killdate.config.yaml';
export const CONFIG_REUSE_FILE = '.killdate/cache/config.json';

interface Stored {
  build: string;
  /** the config file's text, null when there is none */
  text: string | null | undefined;
  /** each path the layout asked about, and whether it existed */
  asked: [string, boolean][];
  config: Config;
}

/** The config file's path when there is one (what OpenWorkspace.configFile names). */
export function configFileOf(root: string): string | undefined {
  const file = join(root, CONFIG_FILE);
  return existsSync(file) ? file : undefined;
}

/** The config file's text, null when there is none, undefined when it cannot be read. */
function readText(abs: string): string | null | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

function readStored(root: string): Stored | undefined {
  try {
    return JSON.parse(readFileSync(join(root, CONFIG_REUSE_FILE), 'utf8')) as Stored;
  } catch {
    return undefined;
  }
}

/**
 * The config this build stored for the config file's current text (`text`: null when there is
 * none), while every file the layout asked about is as it was; else undefined. The cache is
 * the agents' to write: what must hold against them does not rest on it alone.
 */
export function storedConfig(
  root: string,
  text: string | null | undefined = readText(join(root, CONFIG_FILE)),
): { text: string | null; config: Config } | undefined {
  const s = readStored(root);
  if (
    s?.build === BUILD &&
    text !== undefined &&
    s.text === text &&
    Array.isArray(s.asked) &&
    s.asked.every(([p, was]) => existsSync(join(root, p)) === was)
  )
    return { text, config: s.config };
  return undefined;
}

/** The resolved config of `root`: the stored one when still valid, else freshly loaded. */
export async function reuseConfig(root: string): Promise<Config> {
  const text = readText(join(root, CONFIG_FILE)); // unreadable: loadConfig reports it
  const stored = storedConfig(root, text);
  if (stored) return stored.config;
  const asked: [string, boolean][] = [];
  const { loadConfig } = await import('./config.js');
  const { config } = loadConfig(root, (p) => {
    const is = existsSync(join(root, p));
    asked.push([p, is]);
    return is;
  });
  const json = JSON.stringify({ build: BUILD, text, asked, config } satisfies Stored);
  if (text !== undefined && isDeepStrictEqual(JSON.parse(json).config, config)) {
    try {
      writeCacheFile(root, 'config.json', `${json}\n`);
    } catch {
      // an unwritable cache only means validating again next time
    }
  }
  return config;
}
