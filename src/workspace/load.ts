// Read the method documents of a workspace into a Snapshot for core, the config validated
// afresh. Only known method folders are walked; nothing is written.
import { configLineOf, loadConfig } from './config.js';
import { type OpenOptions, type OpenWorkspace, openWith } from './open.js';
import { findRoot } from './root.js';

export { existsInside, methodDocumentPaths } from './documents.js';
export type { OpenOptions, OpenWorkspace } from './open.js';
export { readSnapshot } from './snapshot.js';

export function openWorkspace(opts: OpenOptions = {}): OpenWorkspace {
  const root = findRoot(opts.cwd);
  const { config, file } = loadConfig(root);
  return openWith({ root, config, file, configLine: (path) => configLineOf(root, path) }, opts);
}
