// check(): every rule over the workspace, filtered to the given paths.
import { relative, resolve } from 'node:path';
import { runRules } from '../core/check.js';
import { todayIso } from '../core/dates.js';
import { KilldateError } from '../core/errors.js';
import { type Finding, type FindingSummary, summarise } from '../core/finding.js';
import { Workspace } from '../core/workspace.js';
import {
  cacheKey,
  readCachedCheck,
  readConfigText,
  recordExists,
  writeCachedCheck,
} from '../workspace/cache.js';
import { loadConfig } from '../workspace/config.js';
import { existsInside, methodDocumentPaths, readSnapshot } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';

export interface CheckOptions {
  cwd?: string;
  /** files or folders to report on (relative to cwd); all when empty */
  paths?: string[];
  today?: string;
  /** reuse the last run's findings when nothing changed (default true); see workspace/cache.ts */
  cache?: boolean;
}

export interface CheckResult {
  version: 1;
  root: string;
  findings: Finding[];
  summary: FindingSummary & { documents: number };
  /** true when the findings came from the check cache */
  cached: boolean;
}

export function check(opts: CheckOptions = {}): CheckResult {
  const root = findRoot(opts.cwd);
  const filters = (opts.paths ?? []).map((p) => toWorkspacePath(root, opts.cwd ?? process.cwd(), p));
  const { documents, findings: all, cached } = allFindings(root, opts);
  let findings = all;
  if (filters.length)
    findings = findings.filter((f) =>
      filters.some((p) => p === '' || f.file === p || f.file.startsWith(`${p}/`)),
    );
  return { version: 1, root, findings, summary: { ...summarise(findings), documents }, cached };
}

/** Every finding of the workspace: from the cache when nothing changed, else from the rules. */
function allFindings(
  root: string,
  opts: CheckOptions,
): { documents: number; findings: Finding[]; cached: boolean } {
  const configText = opts.cache === false ? '' : readConfigText(root);
  const { config } = loadConfig(root);
  const today = opts.today ?? todayIso();
  const paths = methodDocumentPaths(root, config);
  const key = opts.cache === false ? undefined : cacheKey({ root, configText, today, paths });
  const hit = key && readCachedCheck(root, key);
  if (hit) return { ...hit, cached: true };
  const snapshot = readSnapshot(root, config, today, paths);
  const exists = recordExists(snapshot);
  const ws = new Workspace(snapshot);
  const findings = runRules(ws);
  const documents = ws.files().length;
  if (key) writeCachedCheck(root, key, { documents, findings }, { exists, files: snapshot.files });
  return { documents, findings, cached: false };
}

function toWorkspacePath(root: string, cwd: string, p: string): string {
  const rel = relative(root, resolve(cwd, p)).split('\\').join('/');
  if (rel.startsWith('..')) throw new KilldateError('USAGE', `${p} is outside the workspace ${root}`);
  if (rel !== '' && !existsInside(root, rel))
    throw new KilldateError('NOT_FOUND', `no such file or folder: ${p}`);
  return rel;
}
