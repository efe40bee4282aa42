// The cl100k_base token table killdate counts with (src/core/tokens.ts), written at build time
// from gpt-tokenizer's ranks into dist/cl100k.bin: the bytes of every token it uses, sorted, so a count
// reads one 1.4 MB file and binary-searches it instead of building a 100,000-entry map.
//
// Layout, little-endian: "KDT1", n (u32); n + 1 offsets (u32) into the bytes; n ranks (u32);
// the tokens' bytes, concatenated in byte order.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const TOKEN_TABLE = 'cl100k.bin';

export function tokenTable() {
  const ranks = createRequire(import.meta.url)('gpt-tokenizer/bpeRanks/cl100k_base').default;
  const utf8 = new TextEncoder();
  const tokens = [];
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  ranks.forEach((value, rank) => {
    if (value === undefined) return;
    const bytes = typeof value === 'string' ? utf8.encode(value) : Uint8Array.from(value);
    // gpt-tokenizer keeps the eight tokens that start with a byte order mark as bytes, and looks
    // text up as text, so it never uses them: left out, the counts stay gpt-tokenizer's exactly
    if (typeof value !== 'string' && readable(text, bytes)) return;
    tokens.push([bytes, rank]);
  });
  tokens.sort((a, b) => Buffer.compare(a[0], b[0]));
  const n = tokens.length;
  const offsetsAt = 8;
  const ranksAt = offsetsAt + (n + 1) * 4;
  const bytesAt = ranksAt + n * 4;
  const size = tokens.reduce((s, [bytes]) => s + bytes.length, 0);
  const table = Buffer.alloc(bytesAt + size);
  table.write('KDT1', 0, 'latin1');
  table.writeUInt32LE(n, 4);
  let offset = 0;
  tokens.forEach(([bytes, rank], i) => {
    table.writeUInt32LE(offset, offsetsAt + i * 4);
    table.writeUInt32LE(rank, ranksAt + i * 4);
    table.set(bytes, bytesAt + offset);
    offset += bytes.length;
  });
  table.writeUInt32LE(offset, offsetsAt + n * 4);
  return table;
}

function readable(decoder, bytes) {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function writeTokenTable(file) {
  writeFileSync(file, tokenTable());
}
