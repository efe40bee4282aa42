// The secrets a change introduces: each changed file as it is now against the same file at the
// base (or the file it was renamed from), so a key already committed before a task or a pull
// request is not blamed on it. A file name can hold a secret too. UTF-16 text is decoded; a
// binary file is read for the text in it; a long file in overlapping windows, as it streams,
// whatever its size.
import { createReadStream, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../agents/redact.js';
import { type FileSecret, kindShown, secretsInText } from '../agents/secrets-in-files.js';
import type { Change } from '../core/scope.js';
import { blobChunks, blobsAt, readBlobsUpTo } from './blobs.js';
import { git } from './git.js';

export interface IntroducedSecret {
  /** the file's name, redacted when the name itself holds a secret */
  path: string;
  /** 0 when the secret is in the name or in a binary file */
  line: number;
  kind: string;
  in?: 'name' | 'binary';
}

export interface Introduced {
  secrets: IntroducedSecret[];
}

/** A longer file is read in windows this long, each overlapping the next (a key on the seam is seen). */
const WINDOW = 16 * 1024 * 1024;
const OVERLAP = 64 * 1024;
/** A file up to this size is read whole; a larger one as it streams, never held. */
const WHOLE = 4 * WINDOW;

/**
 * The secrets in `paths` now that the same path (or the one `renamed` maps it from) did not
 * hold at `base`: now is the working tree, or the commit `now` names. A key that leaves another
 * changed file (one of `paths`, or of `removed`: the files the change deletes) moved: it is not
 * introduced where it lands. A key copied, still where it was, is. `known` are the secret values
 * of this environment.
 */
export async function introducedSecrets(
  root: string,
  base: string,
  paths: string[],
  opts: {
    now?: string;
    known?: readonly string[];
    renamed?: ReadonlyMap<string, string>;
    removed?: readonly string[];
  } = {},
): Promise<Introduced> {
  const known = opts.known ?? [];
  const was = (p: string) => opts.renamed?.get(p) ?? p;
  const [before, after] = await Promise.all([
    contents(root, base, [...new Set([...paths.map(was), ...(opts.removed ?? [])])], known),
    opts.now ? contents(root, opts.now, paths, known) : worktree(root, paths, known),
  ]);
  const held = new Map<string, Set<string>>();
  for (const [path, r] of before) held.set(path, new Set(r.found.map((s) => s.value)));
  const foundNow = new Map(paths.map((path) => [path, after.get(path)?.found ?? []]));
  // what left a file of the base (deleted, or taken out of it) moved, when it lands elsewhere
  const moved = new Set<string>();
  const nowPath = new Map(paths.map((p) => [was(p), p]));
  for (const p of paths) nowPath.set(p, p); // a copy's source that changed too is itself
  for (const [path, old] of held) {
    const now = new Set(foundNow.get(nowPath.get(path) ?? path)?.map((s) => s.value));
    for (const v of old) if (!now.has(v)) moved.add(v);
  }
  const out: IntroducedSecret[] = [];
  for (const path of paths) {
    const shown = redact(path, known);
    for (const s of secretsInText(path, known)) out.push({ path: shown, line: 0, kind: s.kind, in: 'name' });
    const now = after.get(path);
    if (now === undefined) continue;
    const had = new Set([...(held.get(was(path)) ?? []), ...moved]);
    for (const s of foundNow.get(path) ?? [])
      if (!had.has(s.value)) {
        had.add(s.value);
        out.push({
          path: shown,
          kind: s.kind,
          ...(now.binary ? { line: 0, in: 'binary' } : { line: s.line }),
        });
      }
  }
  return { secrets: out };
}

/** The secrets in one file, each at its line (0 in a binary file). */
interface Scan {
  found: FileSecret[];
  binary: boolean;
}

/**
 * How a file's bytes are read: a byte-order mark for UTF-16 is decoded, and the bytes are read
 * as they are too (`FF FE` in front of plain text hides nothing; UTF-32 is read that way). A
 * binary file (a NUL in its first 8,000 bytes, git's test) is read as its bytes with the NULs
 * left out, so the ASCII in it is seen.
 */
type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'binary';

function encodingOf(head: Buffer): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return head.subarray(0, 8000).includes(0) ? 'binary' : 'utf8';
}

/** The texts to scan in one window of a file; `first`: it starts the file (a BOM to skip). */
function readings(w: Buffer, encoding: Encoding, first: boolean): string[] {
  if (encoding === 'utf8') return [w.toString('utf8')];
  const bytes = w.toString('latin1').replaceAll('\0', '');
  if (encoding === 'binary') return [bytes];
  const units = Buffer.from(w.subarray(first ? 2 : 0, w.length & ~1));
  if (encoding === 'utf16be') units.swap16();
  return [units.toString('utf16le'), bytes];
}

/** Line ends in a window's own part (the bytes before the overlap). */
function lineEnds(own: Buffer, encoding: Encoding): number {
  if (encoding === 'utf8' || encoding === 'binary') {
    let n = 0;
    for (let i = own.indexOf(10); i !== -1; i = own.indexOf(10, i + 1)) n++;
    return n;
  }
  return readings(own, encoding, false)[0]!.split('\n').length - 1;
}

/**
 * Every secret in a file, read a window at a time from its chunks (one chunk, or a stream):
 * at most WINDOW + OVERLAP bytes are held, so a file of any size is read.
 */
async function scan(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  known: readonly string[],
): Promise<Scan> {
  const found: FileSecret[] = [];
  let encoding: Encoding | undefined;
  let line = 1;
  let windows = 0;
  const window = (w: Buffer, own: number) => {
    encoding ??= encodingOf(w);
    for (const text of readings(w, encoding, windows === 0))
      for (const s of secretsInText(text, known))
        found.push({ ...s, line: encoding === 'binary' ? 0 : s.line + line - 1 });
    line += lineEnds(w.subarray(0, own), encoding);
    windows++;
  };
  let held: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    held.push(chunk);
    size += chunk.length;
    while (size > WINDOW + OVERLAP) {
      const all = held.length === 1 ? held[0]! : Buffer.concat(held);
      window(all.subarray(0, WINDOW + OVERLAP), WINDOW);
      held = [all.subarray(WINDOW)];
      size -= WINDOW;
    }
  }
  // the rest, unless the last window's overlap already read all of it
  if (windows === 0 || size > OVERLAP) window(Buffer.concat(held), size);
  return { found, binary: encoding === 'binary' };
}

async function contents(
  root: string,
  rev: string,
  paths: string[],
  known: readonly string[],
): Promise<Map<string, Scan>> {
  const ids = await blobsAt(root, rev, paths);
  const { blobs, larger } = await readBlobsUpTo(root, [...new Set(ids.values())], WHOLE);
  const scans = new Map<string, Scan>();
  for (const [id, b] of blobs) scans.set(id, await scan([b], known));
  for (const id of larger) scans.set(id, await scan(blobChunks(root, id), known));
  const out = new Map<string, Scan>();
  for (const [path, id] of ids) {
    const r = scans.get(id);
    if (r) out.set(path, r);
  }
  return out;
}

async function worktree(root: string, paths: string[], known: readonly string[]): Promise<Map<string, Scan>> {
  const out = new Map<string, Scan>();
  for (const path of paths) {
    const abs = join(root, path);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    try {
      out.set(
        path,
        await scan(
          st.size > WHOLE ? createReadStream(abs, { highWaterMark: 1 << 20 }) : [readFileSync(abs)],
          known,
        ),
      );
    } catch {
      // unreadable: git cannot commit it either
    }
  }
  return out;
}

/** Each renamed change's source, by its new path. */
export function renamesOf(changes: readonly Change[]): Map<string, string> {
  return new Map(changes.flatMap((c) => (c.from !== undefined ? [[c.path, c.from] as const] : [])));
}

/**
 * The files a `--name-status -z` listing (`git diff`, `git diff-tree`) names, deletions apart,
 * and each renamed or copied file's source.
 */
export function namesAndRenames(
  root: string,
  args: string[],
): { paths: string[]; renamed: Map<string, string>; removed: string[] } {
  const r = git(root, [...args, '--name-status', '-z', '-M']);
  const f = r.stdout.split('\0');
  const paths: string[] = [];
  const renamed = new Map<string, string>();
  const removed: string[] = [];
  for (let i = 0; i < f.length - 1; ) {
    const status = f[i++]!;
    if (/^[RC]/.test(status)) {
      const from = f[i++]!;
      const to = f[i++]!;
      paths.push(to);
      renamed.set(to, from);
    } else {
      const path = f[i++]!;
      if (status === 'D') removed.push(path);
      else paths.push(path);
    }
  }
  return { paths, renamed, removed };
}

/** `src/config.ts:3 (anthropic)`; a secret in a name: `<name> (anthropic, in the name)`. */
export function whereSecret(s: IntroducedSecret): string {
  const kind = kindShown(s.kind);
  if (s.in) return `${s.path} (${kind}, in ${s.in === 'name' ? 'the name' : 'a binary file'})`;
  return `${s.path}:${s.line} (${kind})`;
}
