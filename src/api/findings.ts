// Every rule finding of a workspace, shared with check. For display (status, the board) the
// check cache is keyed as check keys it (config, today, markers, each document's size and
// mtime, taken before it is read), answered from when nothing changed and filled otherwise, so
// the next check (or status) is warm; see workspace/cache.ts. signoff reads no cache (any agent
// can write one: see OpenOptions.cache) and passes in the rules it loaded; status loads the
// rules and the config validator only when the cached findings do not hold.
import type { Config } from '../core/config.js';
import type { Finding } from '../core/finding.js';
import { type FeatureRef, type Listing, type Snapshot, Workspace } from '../core/workspace.js';
import {
  cacheKey,
  type DocStat,
  readCachedCheck,
  readConfigText,
  recordExists,
  writeCachedCheck,
} from '../workspace/cache.js';
import { configFileOf, reuseConfig } from '../workspace/config-reuse.js';
import { methodDocumentPaths } from '../workspace/documents.js';
import { FolderCache, folderCacheKey } from '../workspace/folder-cache.js';
import type { OpenOptions, OpenWorkspace } from '../workspace/load.js';
import { grepMarkers, grepMarkersSync, markersOf } from '../workspace/markers.js';
import { findRoot } from '../workspace/root.js';
import { readSnapshot } from '../workspace/snapshot.js';
import { resolveToday } from '../workspace/today.js';
import type { Rules } from './rules.js';

export interface RuledWorkspace extends OpenWorkspace {
  /** every rule finding, from the check cache when nothing changed; computed once */
  findings(): Finding[];
  /**
   * findings() when known; otherwise a run of one feature folder's rules and those over the
   * whole workspace, with the same findings on that feature's documents (signoff asks about one).
   */
  featureFindings(feature: FeatureRef): Finding[];
}

/** With the rules at hand (a caller that imported them); the caches only with `opts.cache`. */
export function openRuledWorkspace(opts: OpenOptions, rules: Rules): RuledWorkspace {
  const root = findRoot(opts.cwd);
  const configText = readConfigText(root);
  const { config, file } = rules.loadConfig(root);
  const read = readDocuments(root, config, opts.today, opts.cache === true);
  return openRuled(read, configText, file, grepMarkersSync(root), () => rules, false).open;
}

/**
 * For display (status): the caches are read, and the rules imported only when they do not hold
 * (`whenCached` is called when they do).
 */
export async function openRuledWorkspaceLazily(
  opts: OpenOptions & { whenCached?: () => void },
): Promise<RuledWorkspace> {
  const root = findRoot(opts.cwd);
  const markers = grepMarkers(root); // git scans the code while the documents are read
  const configText = readConfigText(root);
  const config = await reuseConfig(root);
  const file = configFileOf(root);
  const read = readDocuments(root, config, opts.today, true);
  let rules: Rules | undefined;
  const { open, cached } = openRuled(read, configText, file, await markers, () => rules!, true);
  if (cached) opts.whenCached?.();
  else rules = (await import('./rules.js')).rules;
  return open;
}

interface ReadDocuments {
  root: string;
  today: string;
  paths: string[];
  snapshot: Snapshot;
  /** each document's size and mtime, taken before its read (a later edit is a miss) */
  stats: Map<string, DocStat>;
  /** read and write the check cache and the parse cache */
  cache: boolean;
}

function readDocuments(root: string, config: Config, day: string | undefined, cache: boolean): ReadDocuments {
  const today = resolveToday(day);
  const listing: Listing = new Map();
  const paths = methodDocumentPaths(root, config, listing);
  const stats = new Map<string, DocStat>();
  const snapshot = readSnapshot(root, config, today, paths, cache, stats, listing);
  return { root, today, paths, snapshot, stats, cache };
}

/**
 * The same inputs and key as check's (check-cached.ts), so either one warms the other. With
 * `release`, the rules let each feature's whole parses go once its rules ran, after taking the
 * digests status reads next (display: memory stays flat on 10,000 features, and no lock is
 * parsed twice); without, they stay for the caller (signoff plans with them).
 */
function openRuled(
  { root, today, paths, snapshot, stats, cache }: ReadDocuments,
  configText: string,
  file: string | undefined,
  markers: string | undefined,
  rules: () => Rules,
  release: boolean,
): { open: RuledWorkspace; cached: boolean } {
  const key = cache ? cacheKey({ root, configText, today, paths, markers, stats }) : undefined;
  if (markers !== undefined) snapshot.markers = markersOf(markers);
  const exists = recordExists(snapshot);
  const ws = new Workspace({ ...snapshot, configLine: (path) => rules().configLineOf(root, path) });
  let findings = key ? readCachedCheck(root, key, snapshot.listing)?.findings : undefined;
  const open: RuledWorkspace = {
    root,
    configFile: file,
    ws,
    findings() {
      if (!findings) {
        const folders = key && new FolderCache(root, folderCacheKey(today, configText));
        findings = rules().runRules(ws, undefined, {
          release,
          // status reads every lock's digests (gates, cover, kill date), a runbook's for a few
          ...(release ? { digestsOf: 'lock' as const } : {}),
          ...(folders ? { folders } : {}),
        });
        folders?.save();
        if (key)
          writeCachedCheck(
            root,
            key,
            { documents: ws.files().length, findings },
            { exists, files: snapshot.files },
          );
      }
      return findings;
    },
    featureFindings(feature) {
      return findings ?? rules().runRules(ws, undefined, { folders: rules().onlyFolder(feature.dir) });
    },
  };
  return { open, cached: !!findings };
}
