// Token counts for budgets (context Core, start report, brief): cl100k_base, the encoding the
// budgets are written against (no model's tokenizer is exact for Claude; a BPE count is the
// honest figure). Counted here from the sorted token table the build writes (dist/cl100k.bin,
// scripts/token-table.mjs): one file read and a binary search per lookup, about 1 ms to load,
// where building the tokenizer's 100,000-entry map took about 100 ms. The pieces and merges are
// cl100k's: gpt-tokenizer's split pattern, then byte-pair merges lowest rank first, so the
// counts are gpt-tokenizer's exactly (test/core/tokens.property.test.ts compares the two).
import { readFileSync } from 'node:fs';
import { KilldateError } from './errors.js';

/** gpt-tokenizer's cl100k split pattern: contractions, words, 1-3 digits, punctuation runs, spaces. */
const PIECES =
  /'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s+$|\s*[\r\n]|\s+(?!\S)|\s/gu;
const NONE = 0x7fffffff;
/** half of a surrogate pair with no other half: text no UTF-8 can hold */
const LONE_SURROGATE = /\p{Cs}/u;
/** counts of pieces already met in this process (words repeat): bounded */
const MAX_KNOWN = 50_000;

interface Table {
  n: number;
  offsets: Uint32Array;
  ranks: Uint32Array;
  bytes: Uint8Array;
  /** where the tokens starting with each byte begin (the table is sorted by bytes) */
  first: Uint32Array;
}

let table: Table | undefined;
const known = new Map<string, number>();
const utf8 = new TextEncoder();

/** The table beside the bundle's chunks (dist/chunks/ or dist/), or dist/'s from the sources. */
const PLACES = ['../cl100k.bin', './cl100k.bin', '../../dist/cl100k.bin'];

function loadTable(): Table {
  let file: Buffer | undefined;
  for (const place of PLACES) {
    try {
      file = readFileSync(new URL(place, import.meta.url));
      break;
    } catch {}
  }
  const n = file && file.length >= 8 ? file.readUInt32LE(4) : 0;
  if (file?.toString('latin1', 0, 4) !== 'KDT1' || n === 0 || file.length < 8 + (2 * n + 1) * 4)
    throw new KilldateError(
      'INTERNAL',
      'the token table dist/cl100k.bin is missing or damaged',
      'npm run build',
    );
  // typed arrays need 4-byte alignment
  const data = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const at = data.byteOffset;
  const offsets = new Uint32Array(data.buffer, at + 8, n + 1);
  const ranks = new Uint32Array(data.buffer, at + 8 + (n + 1) * 4, n);
  const bytes = new Uint8Array(data.buffer, at + 8 + (n + 1) * 4 + n * 4);
  const first = new Uint32Array(257);
  for (let b = 0, i = 0; b < 256; b++) {
    first[b] = i;
    while (i < n && bytes[offsets[i]!] === b) i++;
  }
  first[256] = n;
  return { n, offsets, ranks, bytes, first };
}

/** The rank of the token whose bytes are piece[start, end), or NONE. */
function rankOf(t: Table, piece: Uint8Array, start: number, end: number): number {
  const f = piece[start]!;
  let lo = t.first[f]!;
  let hi = t.first[f + 1]! - 1;
  const length = end - start;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const from = t.offsets[mid]!;
    const size = t.offsets[mid + 1]! - from;
    const common = Math.min(size, length);
    let cmp = 0;
    for (let k = 0; k < common && cmp === 0; k++) cmp = t.bytes[from + k]! - piece[start + k]!;
    if (cmp === 0) cmp = size - length;
    if (cmp === 0) return t.ranks[mid]!;
    if (cmp < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return NONE;
}

/** Tokens of a piece that is no token itself: merge the adjacent pair of lowest rank until none is one. */
function mergedCount(t: Table, piece: Uint8Array): number {
  const starts: number[] = [];
  const ranks: number[] = [];
  for (let i = 0; i <= piece.length; i++) {
    starts.push(i);
    ranks.push(i < piece.length - 1 ? rankOf(t, piece, i, i + 2) : NONE);
  }
  const pairAt = (i: number) => (i + 2 < starts.length ? rankOf(t, piece, starts[i]!, starts[i + 2]!) : NONE);
  while (starts.length > 1) {
    let lowest = NONE;
    let at = -1;
    for (let i = 0; i < ranks.length - 1; i++)
      if (ranks[i]! < lowest) {
        lowest = ranks[i]!;
        at = i;
      }
    if (at === -1) break;
    starts.splice(at + 1, 1);
    ranks.splice(at, 1);
    ranks[at] = pairAt(at);
    if (at > 0) ranks[at - 1] = pairAt(at - 1);
  }
  return starts.length - 1;
}

/** Tokens in `text` (cl100k_base); special-token strings such as <|endoftext|> count as text. */
export function countTokens(text: string): number {
  table ??= loadTable();
  const t = table;
  let count = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    let tokens = known.get(piece);
    if (tokens === undefined) {
      const bytes = utf8.encode(piece);
      // a piece with a lone surrogate is never looked up whole (gpt-tokenizer looks it up as text)
      tokens =
        !LONE_SURROGATE.test(piece) && rankOf(t, bytes, 0, bytes.length) !== NONE ? 1 : mergedCount(t, bytes);
      if (known.size < MAX_KNOWN) known.set(piece, tokens);
    }
    count += tokens;
  }
  return count;
}

/**
 * Whether `text` is over `budget` tokens. A BPE token covers at least one UTF-8 byte, so a
 * text of no more bytes than the budget is within it without encoding anything.
 */
export function overTokenBudget(text: string, budget: number): { over: boolean; tokens?: number } {
  if (Buffer.byteLength(text, 'utf8') <= budget) return { over: false };
  const tokens = countTokens(text);
  return { over: tokens > budget, tokens };
}
