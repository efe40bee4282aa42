// Read the method documents of a workspace into a Snapshot for core. Only known method
// folders are walked; nothing is written.

import { Workspace } from '../core/workspace.js';
import { configLineOf, loadConfig } from './config.js';
import { findRoot } from './root.js';
import { readSnapshot } from './snapshot.js';
import { resolveToday } from './today.js';

export { existsInside, methodDocumentPaths } from './documents.js';
export { readSnapshot } from './snapshot.js';

export interface OpenOptions {
  cwd?: string;
  /** YYYY-MM-DD; defaults to the local date */
  today?: string;
}

export interface OpenWorkspace {
  root: string;
  configFile?: string;
  ws: Workspace;
}

export function openWorkspace(opts: OpenOptions = {}): OpenWorkspace {
  const root = findRoot(opts.cwd);
  const { config, file } = loadConfig(root);
  const snapshot = readSnapshot(root, config, resolveToday(opts.today));
  const configLine = (path: string[]) => configLineOf(root, path);
  return { root, configFile: file, ws: new Workspace({ ...snapshot, configLine }) };
}
