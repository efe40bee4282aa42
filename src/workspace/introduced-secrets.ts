// The secrets a change introduces: each changed file as it is now against the same file at the
// base (or the file it was renamed from), so a key already committed before a task or a pull
// request is not blamed on it. A file name can hold a secret too. UTF-16 text is decoded; a
// binary file is read for the text in it; a long text in overlapping windows; a file over 256 MB
// is not read, and is listed.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../agents/redact.js';
import { kindShown, secretsInText } from '../agents/secrets-in-files.js';
import type { Change } from '../core/scope.js';
import { blobsAt, readBlobs } from './blobs.js';
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
  /** changed files too large to read (over MAX_SCANNED) */
  unread: string[];
}

/** Files larger than this are not read (a build artefact, not a source file), and are listed. */
export const MAX_SCANNED = 256 * 1024 * 1024;
/** A larger text is read in windows this long, each overlapping the next (a key on the seam is seen). */
const WINDOW = 16 * 1024 * 1024;
const OVERLAP = 64 * 1024;

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
    contents(root, base, [...new Set([...paths.map(was), ...(opts.removed ?? [])])]),
    opts.now ? contents(root, opts.now, paths) : worktree(root, paths),
  ]);
  const readable = (r: Read | undefined) => (r && r !== TOO_LARGE ? r : undefined);
  const held = new Map<string, Set<string>>();
  for (const [path, r] of before) held.set(path, new Set(found(readable(r), known).map((s) => s.value)));
  const foundNow = new Map(paths.map((path) => [path, found(readable(after.get(path)), known)]));
  // what left a file of the base (deleted, or taken out of it) moved, when it lands elsewhere
  const moved = new Set<string>();
  const nowPath = new Map(paths.map((p) => [was(p), p]));
  for (const p of paths) nowPath.set(p, p); // a copy's source that changed too is itself
  for (const [path, old] of held) {
    const now = new Set(foundNow.get(nowPath.get(path) ?? path)?.map((s) => s.value));
    for (const v of old) if (!now.has(v)) moved.add(v);
  }
  const out: IntroducedSecret[] = [];
  const unread: string[] = [];
  for (const path of paths) {
    const shown = redact(path, known);
    for (const s of secretsInText(path, known)) out.push({ path: shown, line: 0, kind: s.kind, in: 'name' });
    const now = after.get(path);
    if (now === undefined) continue;
    if (now === TOO_LARGE) {
      unread.push(shown);
      continue;
    }
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
  return { secrets: out, unread };
}

const TOO_LARGE = Symbol('too large');
/** The readings of a file, each scanned from its first line; `binary`: no line numbers. */
type Read = { texts: { text: string; firstLine: number }[]; binary: boolean } | typeof TOO_LARGE;

/** Every secret in every reading of a file, at its line in the file. */
function found(r: Exclude<Read, typeof TOO_LARGE> | undefined, known: readonly string[]) {
  if (!r) return [];
  return r.texts.flatMap((t) =>
    secretsInText(t.text, known).map((s) => ({ ...s, line: s.line + t.firstLine - 1 })),
  );
}

/** UTF-8 text, in overlapping windows when it is long, each with the line it starts on. */
function windows(b: Buffer): { text: string; firstLine: number }[] {
  if (b.length <= WINDOW) return [{ text: b.toString('utf8'), firstLine: 1 }];
  const out: { text: string; firstLine: number }[] = [];
  let line = 1;
  for (let at = 0; at < b.length; at += WINDOW) {
    out.push({ text: b.subarray(at, at + WINDOW + OVERLAP).toString('utf8'), firstLine: line });
    for (let i = b.indexOf(10, at); i !== -1 && i < at + WINDOW; i = b.indexOf(10, i + 1)) line++;
  }
  return out;
}

/**
 * A file's text. A byte-order mark for UTF-16 is decoded, and the bytes are read as they are
 * too (`FF FE` in front of plain text hides nothing; UTF-32 is read that way). A binary file
 * (a NUL in its first 8,000 bytes, git's test) is read as its bytes with the NULs left out, so
 * the ASCII in it is seen.
 */
function asText(b: Buffer): Read {
  if (b.length > MAX_SCANNED) return TOO_LARGE;
  const whole = (text: string) => ({ text, firstLine: 1 });
  const bytes = () => whole(b.toString('latin1').replaceAll('\0', ''));
  if (b[0] === 0xff && b[1] === 0xfe)
    return { texts: [whole(b.subarray(2).toString('utf16le')), bytes()], binary: false };
  if (b[0] === 0xfe && b[1] === 0xff) {
    const le = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    le.swap16();
    return { texts: [whole(le.toString('utf16le')), bytes()], binary: false };
  }
  if (b.subarray(0, 8000).includes(0)) return { texts: [bytes()], binary: true };
  return { texts: windows(b), binary: false };
}

async function contents(root: string, rev: string, paths: string[]): Promise<Map<string, Read>> {
  const ids = await blobsAt(root, rev, paths);
  const blobs = await readBlobs(root, [...new Set(ids.values())]);
  const out = new Map<string, Read>();
  for (const [path, id] of ids) {
    const b = blobs.get(id);
    if (b) out.set(path, asText(b));
  }
  return out;
}

async function worktree(root: string, paths: string[]): Promise<Map<string, Read>> {
  const out = new Map<string, Read>();
  for (const path of paths) {
    const abs = join(root, path);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    if (st.size > MAX_SCANNED) {
      out.set(path, TOO_LARGE);
      continue;
    }
    try {
      out.set(path, asText(readFileSync(abs)));
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
