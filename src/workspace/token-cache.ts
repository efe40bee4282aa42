// The token cache: cl100k counts of report pieces (tokenSegments), keyed by the piece's own
// text, in .killdate/cache/tokens.json. A start whose every piece is known adds up cached
// counts, which are real tokenizer counts, and never loads the tokenizer's ranks. Bounded:
// the pieces of the latest count first, then older ones, MAX_ENTRIES in all. A missing,
// unreadable or foreign file is an empty cache; a file that cannot be written is no cache.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCacheFile } from './cache-dir.js';

export const TOKEN_CACHE_FILE = '.killdate/cache/tokens.json';
const FORMAT = 1;
const ENCODING = 'cl100k_base';
export const MAX_ENTRIES = 5000;

interface CacheFile {
  format: number;
  encoding: string;
  /** [piece, tokens], the most recently used first */
  counts: [string, number][];
}

export function readTokenCache(root: string): Map<string, number> {
  try {
    const f = JSON.parse(readFileSync(join(root, TOKEN_CACHE_FILE), 'utf8')) as CacheFile;
    if (f.format !== FORMAT || f.encoding !== ENCODING || !Array.isArray(f.counts)) return new Map();
    const ok = (e: unknown): e is [string, number] =>
      Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1]) && e[1] >= 0;
    return new Map(f.counts.filter(ok));
  } catch {
    return new Map();
  }
}

/** Stores `cache` with the pieces `used` first; false when it could not be written. */
export function writeTokenCache(root: string, cache: Map<string, number>, used: string[]): boolean {
  const counts = new Map<string, number>();
  for (const piece of [...used, ...cache.keys()]) {
    if (counts.size >= MAX_ENTRIES) break;
    const n = cache.get(piece);
    if (n !== undefined && !counts.has(piece)) counts.set(piece, n);
  }
  const file: CacheFile = { format: FORMAT, encoding: ENCODING, counts: [...counts] };
  try {
    writeCacheFile(root, 'tokens.json', `${JSON.stringify(file)}\n`);
    return true;
  } catch {
    return false;
  }
}
