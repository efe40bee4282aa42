// check(): every rule over the workspace, filtered to the given paths, answered from the
// check cache when nothing changed since the last run (see workspace/cache.ts).
import { runRules } from '../core/check.js';
import { Workspace } from '../core/workspace.js';
import { recordExists, writeCachedCheck } from '../workspace/cache.js';
import { configLineOf } from '../workspace/config.js';
import { readSnapshot } from '../workspace/load.js';
import { markersOf } from '../workspace/markers.js';
import {
  type CheckOptions,
  type CheckResult,
  cachedCheck,
  checkResult,
  type PreparedCheck,
  prepareCheck,
} from './check-cached.js';

export type { CheckOptions, CheckResult } from './check-cached.js';

export function check(opts: CheckOptions = {}): CheckResult {
  const prep = prepareCheck(opts);
  return cachedCheck(prep) ?? freshCheck(prep);
}

/** Read and parse every document, run every rule, and store the findings in the cache. */
export function freshCheck(prep: PreparedCheck): CheckResult {
  const snapshot = readSnapshot(prep.root, prep.config, prep.today, prep.paths, !!prep.key);
  if (prep.markers !== undefined) snapshot.markers = markersOf(prep.markers);
  const exists = recordExists(snapshot);
  const ws = new Workspace({ ...snapshot, configLine: (path) => configLineOf(prep.root, path) });
  const findings = runRules(ws);
  const documents = ws.files().length;
  if (prep.key)
    writeCachedCheck(prep.root, prep.key, { documents, findings }, { exists, files: snapshot.files });
  return checkResult(prep, findings, documents, false);
}
