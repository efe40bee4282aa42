// check(): every rule over the workspace, filtered to the given paths, answered from the
// check cache when nothing changed since the last run (see workspace/cache.ts).
import { runRules } from '../core/check.js';
import { Workspace } from '../core/workspace.js';
import { cacheKey, readConfigText, recordExists, writeCachedCheck } from '../workspace/cache.js';
import { configLineOf, loadConfig } from '../workspace/config.js';
import { FolderCache, folderCacheKey } from '../workspace/folder-cache.js';
import { readSnapshot } from '../workspace/load.js';
import { grepMarkersSync, markersOf } from '../workspace/markers.js';
import { findRoot } from '../workspace/root.js';
import {
  type CheckOptions,
  type CheckResult,
  cachedCheck,
  checkResult,
  type PreparedCheck,
  prepared,
} from './check-cached.js';

export type { CheckOptions, CheckResult } from './check-cached.js';

/** prepareCheck() (check-cached.ts) for the synchronous check(): one step after another. */
function prepareCheckSync(opts: CheckOptions = {}): PreparedCheck {
  const root = findRoot(opts.cwd);
  const configText = opts.cache === false ? '' : readConfigText(root);
  const { config } = loadConfig(root);
  const prep = prepared(root, opts, config, configText);
  prep.markers = grepMarkersSync(root);
  if (opts.cache !== false && !opts.config) prep.key = cacheKey(prep);
  return prep;
}

export function check(opts: CheckOptions = {}): CheckResult {
  const prep = prepareCheckSync(opts);
  return cachedCheck(prep) ?? freshCheck(prep);
}

/** Read and parse every document, run every rule, and store the findings in the cache. */
export function freshCheck(prep: PreparedCheck): CheckResult {
  const snapshot = readSnapshot(
    prep.root,
    prep.config,
    prep.today,
    prep.paths,
    !!prep.key,
    undefined,
    prep.listing,
  );
  if (prep.markers !== undefined) snapshot.markers = markersOf(prep.markers);
  const exists = recordExists(snapshot);
  const ws = new Workspace({ ...snapshot, configLine: (path) => configLineOf(prep.root, path) });
  const folders = prep.key && new FolderCache(prep.root, folderCacheKey(prep.today, prep.configText));
  const findings = runRules(ws, undefined, { release: true, ...(folders ? { folders } : {}) });
  folders?.save();
  const documents = ws.files().length;
  if (prep.key)
    writeCachedCheck(prep.root, prep.key, { documents, findings }, { exists, files: snapshot.files });
  return checkResult(prep, findings, documents, false);
}
