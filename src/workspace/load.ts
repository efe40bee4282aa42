// Read the method documents of a workspace into a Snapshot for core. Only known method
// folders are walked; nothing is written.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../core/workspace.js';
import { configLineOf, loadConfig } from './config.js';
import { methodDocumentPaths } from './documents.js';
import { findRoot } from './root.js';
import { readSnapshot } from './snapshot.js';
import { resolveToday } from './today.js';

export { existsInside, methodDocumentPaths } from './documents.js';
export { readSnapshot } from './snapshot.js';

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

export function openWorkspace(opts: OpenOptions = {}): OpenWorkspace {
  const root = findRoot(opts.cwd);
  const { config, file } = loadConfig(root);
  const paths = methodDocumentPaths(root, config);
  const snapshot = readSnapshot(root, config, resolveToday(opts.today), paths, opts.cache === true);
  const configLine = (path: string[]) => configLineOf(root, path);
  return { root, configFile: file, ws: new Workspace({ ...snapshot, configLine }) };
}

/**
 * The workspace as one feature sees it: only the documents of its folder (active and
 * completed) are read, so a brief on a 10,000-feature repo reads a handful of files.
 * Undefined when the folder holds no document (the caller opens the whole workspace, whose
 * answer, an error naming the features, needs them all).
 */
export function openFeatureWorkspace(opts: OpenOptions, slug: string): OpenWorkspace | undefined {
  if (!slug || slug.includes('/') || slug.startsWith('.')) return undefined;
  const root = findRoot(opts.cwd);
  const { config, file } = loadConfig(root);
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
  if (!paths.length) return undefined;
  const snapshot = readSnapshot(root, config, resolveToday(opts.today), paths.sort(), opts.cache === true);
  const configLine = (path: string[]) => configLineOf(root, path);
  return { root, configFile: file, ws: new Workspace({ ...snapshot, configLine }) };
}
