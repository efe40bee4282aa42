// Every rule finding of a workspace, shared with check: status, signoff, the board and
// overlap open the workspace with the check cache's key taken first (before any document is
// read, as check does), answer from the cache when nothing changed, and otherwise run the
// rules and store them, so the next check (or status) is warm. See workspace/cache.ts.
import { runRules } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import { Workspace } from '../core/workspace.js';
import {
  type CacheKey,
  cacheKey,
  readCachedCheck,
  readConfigText,
  recordExists,
  writeCachedCheck,
} from '../workspace/cache.js';
import { configLineOf, loadConfig } from '../workspace/config.js';
import { methodDocumentPaths } from '../workspace/documents.js';
import type { OpenOptions, OpenWorkspace } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';
import { readSnapshot } from '../workspace/snapshot.js';
import { resolveToday } from '../workspace/today.js';

export interface RuledWorkspace extends OpenWorkspace {
  /** every rule finding, from the check cache when nothing changed; computed once */
  findings(): Finding[];
}

export function openRuledWorkspace(opts: OpenOptions = {}): RuledWorkspace {
  const root = findRoot(opts.cwd);
  const configText = readConfigText(root);
  const { config, file } = loadConfig(root);
  const today = resolveToday(opts.today);
  const paths = methodDocumentPaths(root, config);
  const key: CacheKey = cacheKey({ root, configText, today, paths });
  const snapshot = readSnapshot(root, config, today, paths);
  const exists = recordExists(snapshot);
  const ws = new Workspace({ ...snapshot, configLine: (path) => configLineOf(root, path) });
  let findings: Finding[] | undefined;
  return {
    root,
    configFile: file,
    ws,
    findings() {
      findings ??= readCachedCheck(root, key)?.findings;
      if (!findings) {
        findings = runRules(ws);
        writeCachedCheck(
          root,
          key,
          { documents: ws.files().length, findings },
          { exists, files: snapshot.files },
        );
      }
      return findings;
    },
  };
}
