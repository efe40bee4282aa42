// State files killdate writes and acts on later (run records, the ship's and the canary's
// state, the bookkeeping ledger), each witnessed by a copy in git: a blob under a ref killdate
// sets, or for a file that only grows (the ledger) a tree of parts of so many lines each, so
// that a write stores only its last part again, not the whole file. A file that differs from
// its copy, or has none, is not a file killdate wrote and is refused, never acted on. Outside
// a git repo there is nothing to witness with: the file alone is read.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { readBlobsSync } from './blobs.js';
import { git } from './git.js';
import {
  readLooseObject,
  readLooseRef,
  readLooseTree,
  type TreeFile,
  writeLooseObject,
  writeLooseRef,
  writeLooseTree,
} from './loose-objects.js';
import { replaceFile } from './replace.js';

/**
 * Writes `rel` (replaced atomically) and its copy in git under `ref`: one blob, or with
 * `partLines` a tree of parts of that many lines (where git must write it: one blob).
 */
export function writeWitnessed(
  root: string,
  rel: string,
  ref: string,
  text: string,
  partLines?: number,
): void {
  replaceFile(join(root, rel), text);
  if (!inGit(root)) return;
  const id = partLines
    ? writeParts(root, text, partLines)
    : writeLooseObject(root, 'blob', Buffer.from(text));
  if (id && writeLooseRef(root, ref, id)) return;
  const blob = git(root, ['hash-object', '-w', '--stdin'], text);
  const set = blob.ok ? git(root, ['update-ref', ref, blob.stdout.trim()]) : blob;
  if (!set.ok) throw new KilldateError('GIT', `cannot keep ${rel} in git (${ref}): ${set.stderr.trim()}`);
}

/**
 * The text of `rel`, checked against its copy under `ref`: refused when they differ or the
 * copy is missing. A missing file is read from git when `missing` is 'from-git' (a run record),
 * else it is no state at all (undefined).
 */
export function readWitnessed(
  root: string,
  rel: string,
  ref: string,
  missing: 'from-git' | 'none',
  hint?: string,
): string | undefined {
  let text: string | undefined;
  try {
    text = readFileSync(join(root, rel), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!inGit(root)) return text;
  if (text === undefined && missing === 'none') return undefined;
  const kept = keptCopy(root, ref);
  if (kept === undefined) {
    if (text === undefined) return undefined;
    throw new KilldateError(
      'REFUSED',
      `${rel} has no copy in git (${ref}): killdate did not write it; nothing done`,
      hint,
    );
  }
  if (text !== undefined && text !== kept)
    throw new KilldateError(
      'REFUSED',
      `${rel} differs from the copy killdate keeps in git (${ref}): it was edited; nothing done`,
      hint,
    );
  return kept;
}

/** A tree of the text's parts, `lines` lines each, named 00000000, 00000001...: its id, or undefined (ask git). */
function writeParts(root: string, text: string, lines: number): string | undefined {
  const all = text.split(/(?<=\n)/);
  const files: TreeFile[] = [];
  for (let at = 0; at < all.length; at += lines) {
    const id = writeLooseObject(root, 'blob', Buffer.from(all.slice(at, at + lines).join('')));
    if (!id) return undefined;
    files.push({ name: String(at / lines).padStart(8, '0'), id });
  }
  return writeLooseTree(root, files);
}

/** The text `ref` holds (a blob, or a tree's parts in order); undefined when there is none. */
export function keptCopy(root: string, ref: string): string | undefined {
  const loose = readLooseRef(root, ref);
  if (loose !== undefined) {
    const bytes = readLooseObject(root, loose, 'blob');
    if (bytes === null) return undefined; // its bytes are not its id's: rewritten in place
    if (bytes) return bytes.toString('utf8');
    const parts = readLooseTree(root, loose);
    if (parts === null) return undefined;
    if (parts) {
      const texts = parts.map((p) => readLooseObject(root, p.id, 'blob'));
      if (texts.every((t) => t)) return Buffer.concat(texts as Buffer[]).toString('utf8');
      if (texts.some((t) => t === null)) return undefined;
    }
  }
  return copyFromGit(root, ref);
}

/** keptCopy when git must answer (packed objects or refs, another layout). */
function copyFromGit(root: string, ref: string): string | undefined {
  const blob = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{blob}`]);
  if (blob.ok) {
    const kept = git(root, ['cat-file', 'blob', blob.stdout.trim()]);
    return kept.ok ? kept.stdout : undefined;
  }
  const tree = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{tree}`]);
  const listed = tree.ok ? git(root, ['ls-tree', '-z', tree.stdout.trim()]) : undefined;
  if (!listed?.ok) return undefined;
  const parts = listed.stdout
    .split('\0')
    .filter(Boolean)
    .map((e) => /^100644 blob ([0-9a-f]{40})\t/.exec(e)?.[1]);
  if (parts.some((id) => !id)) return undefined;
  const blobs = readBlobsSync(root, parts as string[]);
  const texts = parts.map((id) => blobs.get(id!));
  return texts.every((t) => t) ? Buffer.concat(texts as Buffer[]).toString('utf8') : undefined;
}

/** Inside a git work tree: a `.git` (a folder, or a worktree's file) in `root` or above. */
function inGit(root: string): boolean {
  for (let d = resolve(root); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}
