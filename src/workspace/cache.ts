// The check cache: when nothing a check reads has changed since the last run, its findings
// are returned without parsing a document. Stored in .killdate/cache/check.json.
//
// The key covers everything the rules see: the build, the config file's bytes, today's date,
// the KILLDATE lines git grep finds in tracked files and, for every method document, its path,
// size and mtime. Rules also ask whether other
// paths exist (dead references): those answers are stored and re-checked on every hit.
// A document modified within RACY_MS of the run may change again without moving its mtime,
// so its content hash is stored and compared too. Anything new that a rule reads from
// outside the method documents must join the key or the recorded answers.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { Listing, Snapshot } from '../core/workspace.js';
import { VERSION } from '../version.js';
import { BUILD, CACHE_DIR, writeCacheFile } from './cache-dir.js';
import { CONFIG_FILE } from './config-reuse.js';
import { existsInside, listedEntry } from './documents.js';

const FORMAT = 1;
const RACY_MS = 3000;
const FILE = 'check.json';
export const CACHE_FILE = `${CACHE_DIR}/${FILE}`;

/**
 * What rules can see, and how the cache covers it: config (config text + document list),
 * today (key), markers (the grep output, key), files (sizes, mtimes, racy hashes), exists
 * (recorded answers), problems (from the files), configLine (the config text), docStore
 * (keyed by each document's own text and the build: it cannot change a finding), listing (no
 * rule reads it: the evidence does, for status and signoff, never cached). A new
 * Snapshot field fails to compile here until the cache covers it too.
 */
type Covered =
  | 'config'
  | 'today'
  | 'files'
  | 'exists'
  | 'problems'
  | 'configLine'
  | 'markers'
  | 'docStore'
  | 'listing';
const snapshotCovered: Record<Exclude<keyof Snapshot, Covered>, never> = {};
void snapshotCovered;

export interface CheckInputs {
  root: string;
  /** the config file's text, '' when there is none */
  configText: string;
  today: string;
  /** method document paths, sorted */
  paths: string[];
  /** the marker scan's raw output (undefined: not a git repo) */
  markers?: string;
  /** the documents' stats, already taken (statDocuments, readSnapshot); otherwise each is stat'ed */
  stats?: Map<string, DocStat>;
}

export interface DocStat {
  size: number;
  mtimeMs: number;
}

export interface CacheKey {
  key: string;
  /** documents whose mtime is too recent to trust */
  racy: string[];
}

export interface CachedCheck {
  documents: number;
  findings: Finding[];
}

interface CacheFile extends CachedCheck {
  format: number;
  key: string;
  exists: Record<string, boolean>;
  racy: Record<string, string>;
}

/** Hash the inputs; stat every document (a vanished one is keyed as missing). */
export function cacheKey(inputs: CheckInputs): CacheKey {
  const h = createHash('sha256');
  h.update(`${FORMAT}\0${VERSION}\0${BUILD}\0${inputs.today}\0${inputs.configText}\0`);
  h.update(`${inputs.markers ?? '-'}\0`);
  const racy: string[] = [];
  const now = Date.now();
  for (const p of inputs.paths) {
    const st = inputs.stats ? inputs.stats.get(p) : statOrUndefined(join(inputs.root, p));
    h.update(`${p}\0${st ? `${st.size}:${st.mtimeMs}` : '-'}\n`);
    if (st && now - st.mtimeMs < RACY_MS) racy.push(p);
  }
  return { key: h.digest('hex'), racy };
}

/** Each document's size and mtime; a vanished one (or a symlink loop) is left out. */
export function statDocuments(root: string, paths: string[]): Map<string, DocStat> {
  const out = new Map<string, DocStat>();
  for (const p of paths) {
    const st = statOrUndefined(join(root, p));
    if (st) out.set(p, { size: st.size, mtimeMs: st.mtimeMs });
  }
  return out;
}

/** The config file's text ('' when absent), read before the config is loaded. */
export function readConfigText(root: string): string {
  try {
    return readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch {
    return '';
  }
}

/**
 * The cached findings when the key matches and every recorded answer still holds. A path the
 * `listing` (folders read with the documents) shows needs no stat to exist.
 */
export function readCachedCheck(root: string, key: CacheKey, listing?: Listing): CachedCheck | undefined {
  let data: CacheFile;
  try {
    data = JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
  if (data?.format !== FORMAT || data.key !== key.key || !Array.isArray(data.findings)) return undefined;
  for (const [p, answer] of Object.entries(data.exists ?? {}))
    if ((listedEntry(listing, p) || existsInside(root, p)) !== answer) return undefined;
  const racy = new Set([...key.racy, ...Object.keys(data.racy ?? {})]);
  for (const p of racy) if (data.racy?.[p] !== contentHash(root, p)) return undefined;
  settleRacy(root, data, key);
  return { documents: data.documents, findings: data.findings };
}

/**
 * Documents stored as racy that are settled now (their mtime old enough, their content as
 * stored) are keyed by mtime from here on: without this, a check after a fresh clone (every
 * document racy) would read every document again on every later hit.
 */
function settleRacy(root: string, data: CacheFile, key: CacheKey): void {
  const racyNow = new Set(key.racy);
  const settled = Object.keys(data.racy ?? {}).filter((p) => !racyNow.has(p));
  if (settled.length === 0) return;
  for (const p of settled) delete data.racy[p];
  writeCacheData(root, data);
}

/**
 * Write the cache atomically; a workspace where .killdate/ cannot be written is not cached.
 * Racy documents are hashed from the text the rules read (`files`), not from disk again.
 */
export function writeCachedCheck(
  root: string,
  key: CacheKey,
  value: CachedCheck,
  seen: { exists: Map<string, boolean>; files: Map<string, string> },
): boolean {
  const racy: Record<string, string> = {};
  for (const p of key.racy) {
    const text = seen.files.get(p);
    racy[p] = text === undefined ? '-' : createHash('sha256').update(text, 'utf8').digest('hex');
  }
  const exists = Object.fromEntries(seen.exists);
  return writeCacheData(root, { format: FORMAT, key: key.key, ...value, exists, racy });
}

/** Atomically, or not at all (false). */
function writeCacheData(root: string, data: CacheFile): boolean {
  try {
    writeCacheFile(root, FILE, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

/** Wrap the snapshot's exists() so every path a rule asks about is recorded with its answer. */
export function recordExists(snapshot: Snapshot): Map<string, boolean> {
  const asked = new Map<string, boolean>();
  const exists = snapshot.exists.bind(snapshot);
  snapshot.exists = (p) => {
    const answer = exists(p);
    asked.set(p, answer);
    return answer;
  };
  return asked;
}

/** A document that vanished or cannot be stat'ed (a symlink loop) is keyed as missing. */
function statOrUndefined(abs: string): DocStat | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function contentHash(root: string, p: string): string {
  try {
    return createHash('sha256')
      .update(readFileSync(join(root, p)))
      .digest('hex');
  } catch {
    return '-';
  }
}
