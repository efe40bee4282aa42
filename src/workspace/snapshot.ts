// Read the method documents of a workspace into a Snapshot for core. Only known method
// folders are walked; nothing is written. Apart from load.ts so that a caller holding a
// config already (start) does not load the config validator with it.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import type { Finding } from '../core/finding.js';
import type { Listing, Snapshot } from '../core/workspace.js';
import type { DocStat } from './cache.js';
import { openDocStore } from './doc-store.js';
import { existsInside, listedEntry, methodDocumentPaths } from './documents.js';

export function readSnapshot(
  root: string,
  config: Config,
  today: string,
  paths: string[] = methodDocumentPaths(root, config),
  /** keep parses in the parse cache (.killdate/cache/md/): only where the answer is for display */
  cache: boolean,
  /** filled with each document's size and mtime, taken before it was read (the check cache's key) */
  stats?: Map<string, DocStat>,
  /** the folders read while the paths were found: a path they show exists, without a stat */
  listing?: Listing,
): Snapshot {
  const files = new Map<string, string>();
  const problems: Finding[] = [];
  for (const rel of paths) readDocument(root, rel, config, files, problems, stats);
  return {
    config,
    today,
    files,
    problems,
    exists: (p) => listedEntry(listing, p) || existsInside(root, p),
    ...(listing ? { listing } : {}),
    ...(cache ? { docStore: openDocStore(root) } : {}),
  };
}

function readDocument(
  root: string,
  rel: string,
  config: Config,
  files: Map<string, string>,
  problems: Finding[],
  stats?: Map<string, DocStat>,
) {
  const abs = join(root, rel);
  const problem = (message: string, fix?: string, line?: number) =>
    problems.push({
      rule: 'doc/unreadable',
      severity: 'error',
      file: rel,
      ...(line ? { line } : {}),
      message,
      ...(fix ? { fix } : {}),
    });
  let fd: number;
  try {
    // non-blocking: a FIFO named like a document is seen as "not a file", never waited on
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') problem('symlink loop: the link never reaches a file');
    else if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink())
      problem('broken symlink: it points at nothing');
    else if (code !== 'EISDIR') problem(`cannot read (${code ?? 'error'})`);
    return;
  }
  try {
    const buf = readOpen(fd, config.budgets.maxDocumentBytes, (st) =>
      stats?.set(rel, { size: st.size, mtimeMs: st.mtimeMs }),
    );
    if (typeof buf === 'number') {
      if (buf >= 0)
        problem(
          `too large to check: ${(buf / 1e6).toFixed(1)} MB, expected at most ${(config.budgets.maxDocumentBytes / 1e6).toFixed(1)} MB`,
          'split the document, or raise budgets.maxDocumentBytes',
        );
      return;
    }
    if (buf.includes(0)) return problem('binary file: expected markdown text');
    if (isUtf8(buf)) return void files.set(rel, buf.toString('utf8'));
    const at = firstBadByte(buf);
    const line = buf.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    problem(`invalid UTF-8 at byte ${at + 1}: expected UTF-8 text`, 'save the file as UTF-8', line);
  } catch (e) {
    problem(`cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/** One buffer reused for every read: decoding copies the text out of it. */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * The bytes of an open file (a view of the shared scratch buffer, valid until the next read),
 * its size when it is over `max` bytes, or -1 when it is not a regular file.
 */
function readOpen(fd: number, max: number, seen: (st: DocStat) => void): Buffer | number {
  const st = fstatSync(fd);
  seen(st);
  if (!st.isFile()) return -1;
  if (st.size > max) return st.size;
  if (st.size > scratch.length) scratch = Buffer.allocUnsafe(st.size);
  let got = 0;
  for (let n = 1; got < st.size && n > 0; got += n) n = readSync(fd, scratch, got, st.size - got, got);
  return scratch.subarray(0, got);
}

/** The offset of the first byte that is not part of valid UTF-8. */
export function firstBadByte(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  // lo ends past a sequence the streaming decoder held open: step back to its lead byte
  let start = lo;
  while (start > 0 && lo - start < 3 && (buf[start - 1]! & 0xc0) === 0x80) start--;
  if (start > 0 && buf[start - 1]! >= 0xc0) start--;
  return start;
}
