// killDates(): every kill date from lock gate 7, KILLDATE markers in tracked files and the PR
// body, each with its status as of today. Also the few the start report shows.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import {
  alerts,
  evaluateAll,
  evaluate as evaluateEntry,
  findingsOf,
  type KillDateEntry,
  type KillDateItem,
  type KillDateStatus,
  parseMarkerLine,
  parsePrBody,
  within,
} from '../core/killdates.js';
import { lockEntries } from '../core/killdates-lock.js';
import { Workspace } from '../core/workspace.js';
import { reuseConfig } from '../workspace/config-reuse.js';
import { methodDocumentPaths } from '../workspace/documents.js';
import { git } from '../workspace/git.js';
import { isVendored, scanMarkers } from '../workspace/markers.js';
import { findRoot } from '../workspace/root.js';
import { readSnapshot } from '../workspace/snapshot.js';
import { resolveToday } from '../workspace/today.js';

export interface KillDatesOptions {
  cwd?: string;
  today?: string;
  /** a file holding the PR description */
  prBody?: string;
  /** only items due within this many days (overdue and undated included) */
  withinDays?: number;
  /** scan code markers (default true; needs git) */
  markers?: boolean;
  /** read the caches, parses and stored config (display only: see OpenOptions.cache) */
  cache?: boolean;
}

export interface KillDatesResult {
  version: 1;
  root: string;
  today: string;
  items: KillDateItem[];
  /** conflicts: items whose sources give other dates; undeclared: markers no lock names */
  summary: Record<KillDateStatus, number> & { total: number; conflicts: number; undeclared: number };
  /** false when the workspace is not a git repo: only locks were read */
  markersScanned: boolean;
}

export async function killDates(opts: KillDatesOptions = {}): Promise<KillDatesResult> {
  const root = findRoot(opts.cwd);
  const markersScanned = opts.markers !== false && existsSync(resolve(root, '.git'));
  const markers = markersScanned ? scanMarkers(root) : Promise.resolve([]); // git scans while the locks are read
  markers.catch(() => undefined);
  // the kill dates of documents are the locks': the other documents are not read
  const config = await configOf(root, opts.cache === true).catch(async (e) => {
    await Promise.allSettled([markers]); // no git child outlives a failed read
    throw e;
  });
  const locks = methodDocumentPaths(root, config).filter((p) => p.endsWith('/PRE-BUILD-LOCK.md'));
  const ws = new Workspace(readSnapshot(root, config, resolveToday(opts.today), locks, opts.cache === true));
  const entries: KillDateEntry[] = [...lockEntries(ws), ...(await markers)];
  if (opts.prBody)
    entries.push(...parsePrBody(readPrBody(opts.cwd ?? process.cwd(), opts.prBody), 'PR body'));
  let items = evaluate(ws, entries);
  if (opts.withinDays !== undefined) items = within(items, opts.withinDays);
  return { version: 1, root, today: ws.today, items, summary: summarise(items), markersScanned };
}

/** The stored config (see config-reuse.ts) for display; otherwise the file loaded and validated. */
const configOf = (root: string, cache: boolean): Promise<Config> =>
  cache ? reuseConfig(root) : import('../workspace/config.js').then((m) => m.loadConfig(root).config);

/** Overdue, due-soon, missing and inconsistent items: what the start report shows. */
export async function killDateAlerts(opts: { cwd?: string; today?: string } = {}): Promise<KillDateItem[]> {
  return alerts((await killDates(opts)).items);
}

function evaluate(ws: Workspace, entries: KillDateEntry[]): KillDateItem[] {
  return evaluateAll(entries, ws.today, ws.config.killDates.dueSoonDays);
}

export function readPrBody(cwd: string, file: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new KilldateError(
      'NOT_FOUND',
      `cannot read the PR body ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

function summarise(items: KillDateItem[]): KillDatesResult['summary'] {
  const s = {
    total: items.length,
    ok: 0,
    'due-soon': 0,
    overdue: 0,
    missing: 0,
    inconsistent: 0,
    conflicts: 0,
    undeclared: 0,
  };
  for (const i of items) {
    s[i.status]++;
    if (i.conflict) s.conflicts++;
    if (i.undeclared) s.undeclared++;
  }
  return s;
}

/**
 * The fast pre-commit part: KILLDATE markers on lines the commit adds that are already
 * overdue or missing a criterion or a real date. Reads only `git diff --cached`; no locks.
 */
export function stagedKillDateFindings(
  cwd: string,
  today: string = resolveToday(),
  dueSoonDays = 14,
): Finding[] {
  const r = git(cwd, ['diff', '--cached', '-U0', '--no-color', '--no-ext-diff', '-G', 'KILLDATE']);
  if (!r.ok) return [];
  const out: Finding[] = [];
  let file = '';
  let line = 0;
  for (const text of r.stdout.split('\n')) {
    if (text.startsWith('+++ ')) file = text.startsWith('+++ b/') ? text.slice(6) : '';
    else if (text.startsWith('@@')) line = Number(/\+(\d+)/.exec(text)?.[1] ?? 0);
    else if (text.startsWith('+')) {
      const marker = file && !isVendored(file) ? parseMarkerLine(text.slice(1)) : undefined;
      if (marker) {
        const item = evaluateEntry({ ...marker, file, line, source: 'marker' }, today, dueSoonDays);
        if (item.status === 'overdue' || item.status === 'missing')
          out.push(...findingsOf(item).filter((f) => f.rule !== 'killdate/undeclared'));
      }
      line++;
    }
  }
  return out;
}
