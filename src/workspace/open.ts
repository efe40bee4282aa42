// The workspace from a resolved config: the one place a Snapshot becomes an OpenWorkspace.
// load.ts opens it with the config validated afresh (records, gates, runs); openForDisplay
// reuses the config a previous run resolved and reads the caches, so a display command loads
// neither the YAML parser nor the zod schema.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { Workspace } from '../core/workspace.js';
import { configFileOf, reuseConfig } from './config-reuse.js';
import { methodDocumentPaths } from './documents.js';
import { findRoot } from './root.js';
import { readSnapshot } from './snapshot.js';
import { resolveToday } from './today.js';

export interface OpenOptions {
  cwd?: string;
  /** YYYY-MM-DD; defaults to the local date */
  today?: string;
  /**
   * Read and write the caches under .killdate/cache/ (speed only). Off unless asked: any agent
   * can write those files, so what records, gates or runs something never reads them.
   */
  cache?: boolean;
}

export interface OpenWorkspace {
  root: string;
  configFile?: string;
  ws: Workspace;
}

export interface Opened {
  root: string;
  config: Config;
  file?: string;
  /** the line of a config key, for rule findings */
  configLine: (path: string[]) => number | undefined;
}

/** The workspace of every method document, or of `paths` when given. */
export function openWith(o: Opened, opts: OpenOptions, paths?: string[]): OpenWorkspace {
  const docs = paths ?? methodDocumentPaths(o.root, o.config);
  const snapshot = readSnapshot(o.root, o.config, resolveToday(opts.today), docs, opts.cache === true);
  return { root: o.root, configFile: o.file, ws: new Workspace({ ...snapshot, configLine: o.configLine }) };
}

/**
 * The documents of one feature's folder (active and completed), so a brief on a
 * 10,000-feature repo reads a handful of files. Undefined when the folder holds no document
 * (the caller opens the whole workspace, whose answer, an error naming the features, needs
 * them all).
 */
export function featurePaths(root: string, config: Config, slug: string): string[] | undefined {
  if (!slug || slug.includes('/') || slug.startsWith('.')) return undefined;
  const paths: string[] = [];
  for (const dir of [`${config.paths.features}/${slug}`, `${config.paths.features}/_completed/${slug}`]) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries)
      if ((e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.md')) paths.push(`${dir}/${e.name}`);
  }
  return paths.length ? paths.sort() : undefined;
}

/**
 * For display: the caches are read and the config a previous run resolved is reused (see
 * config-reuse.ts). With `feature`, only its folder when it has documents. No rule runs on
 * this workspace, so it knows no config lines.
 */
export async function openForDisplay(opts: OpenOptions, feature?: string): Promise<OpenWorkspace> {
  const root = findRoot(opts.cwd);
  const config = await reuseConfig(root);
  const file = configFileOf(root);
  const paths = feature === undefined ? undefined : featurePaths(root, config, feature);
  return openWith({ root, config, file, configLine: () => undefined }, { ...opts, cache: true }, paths);
}
