// The light half of check(): find the workspace, load the config, list the method documents
// and answer from the check cache when nothing changed. It imports no parser and no rule, so
// a cache hit never pays for loading them (the CLI loads api/check.ts only on a miss).
import { relative, resolve } from 'node:path';
import type { Config } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import { type Finding, type FindingSummary, summarise } from '../core/finding.js';
import type { Listing } from '../core/workspace.js';
import {
  type CacheKey,
  cacheKey,
  readCachedCheck,
  readConfigText,
  statDocuments,
} from '../workspace/cache.js';
import { reuseConfig } from '../workspace/config-reuse.js';
import { existsInside, methodDocumentPaths } from '../workspace/documents.js';
import { grepMarkers } from '../workspace/markers.js';
import { findRoot } from '../workspace/root.js';
import { resolveToday } from '../workspace/today.js';

export interface CheckOptions {
  cwd?: string;
  /** files or folders to report on (relative to cwd); all when empty */
  paths?: string[];
  today?: string;
  /** reuse the last run's findings when nothing changed (default true); see workspace/cache.ts */
  cache?: boolean;
  /** the config to check under in place of the file's (ci --base: the base's); no cache then */
  config?: Config;
}

export interface CheckResult {
  version: 1;
  root: string;
  findings: Finding[];
  summary: FindingSummary & { documents: number };
  /** true when the findings came from the check cache */
  cached: boolean;
}

/** Everything a check needs before reading a document. */
export interface PreparedCheck {
  root: string;
  config: Config;
  today: string;
  /** method document paths, sorted */
  paths: string[];
  /** workspace-relative files or folders to report on; all when empty */
  filters: string[];
  /** `git grep` lines naming KILLDATE in tracked files; undefined outside a git repo */
  markers?: string;
  /** undefined when the cache is off */
  key?: CacheKey;
  /** the config file's text ('' without one), for the caches' keys */
  configText: string;
  /** the folders read while the paths were found */
  listing: Listing;
}

/**
 * Git scans the markers while the documents are listed and stat'ed; the config validator loads
 * only when the stored config does not hold (always with --no-cache).
 */
export async function prepareCheck(opts: CheckOptions = {}): Promise<PreparedCheck> {
  const root = findRoot(opts.cwd);
  const grep = grepMarkers(root);
  const configText = opts.cache === false ? '' : readConfigText(root);
  const config =
    opts.cache === false
      ? (await import('../workspace/config.js')).loadConfig(root).config
      : await reuseConfig(root);
  const prep = prepared(root, opts, config, configText);
  const stats = opts.cache === false || opts.config ? undefined : statDocuments(root, prep.paths);
  prep.markers = await grep;
  if (stats) prep.key = cacheKey({ ...prep, stats });
  return prep;
}

/** What both prepares share; the caller adds the markers and the key. */
export function prepared(
  root: string,
  opts: CheckOptions,
  config: Config,
  configText: string,
): PreparedCheck {
  const filters = (opts.paths ?? []).map((p) => toWorkspacePath(root, opts.cwd ?? process.cwd(), p));
  const today = resolveToday(opts.today);
  const used = opts.config ?? config;
  const listing: Listing = new Map();
  const paths = methodDocumentPaths(root, used, listing);
  return { root, config: used, today, paths, filters, configText, listing };
}

/** The result from the cache, or undefined when something changed (or the cache is off). */
export function cachedCheck(prep: PreparedCheck): CheckResult | undefined {
  const hit = prep.key && readCachedCheck(prep.root, prep.key, prep.listing);
  return hit ? checkResult(prep, hit.findings, hit.documents, true) : undefined;
}

export function checkResult(
  prep: PreparedCheck,
  all: Finding[],
  documents: number,
  cached: boolean,
): CheckResult {
  const { root, filters } = prep;
  const findings = filters.length
    ? all.filter((f) => filters.some((p) => p === '' || f.file === p || f.file.startsWith(`${p}/`)))
    : all;
  return { version: 1, root, findings, summary: { ...summarise(findings), documents }, cached };
}

function toWorkspacePath(root: string, cwd: string, p: string): string {
  const rel = relative(root, resolve(cwd, p)).split('\\').join('/');
  if (rel.startsWith('..')) throw new KilldateError('USAGE', `${p} is outside the workspace ${root}`);
  if (rel !== '' && !existsInside(root, rel))
    throw new KilldateError('NOT_FOUND', `no such file or folder: ${p}`);
  return rel;
}
