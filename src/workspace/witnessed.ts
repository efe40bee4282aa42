// State files killdate writes and acts on later (run records, the ship's and the canary's
// state, the bookkeeping ledger), each witnessed by a copy in git: a blob under a ref killdate sets. A file that
// differs from its copy, or has none, is not a file killdate wrote and is refused, never acted
// on. Outside a git repo there is nothing to witness with: the file alone is read.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { git } from './git.js';
import { readLooseObject, readLooseRef, writeLooseObject, writeLooseRef } from './loose-objects.js';
import { replaceFile } from './replace.js';

/** Writes `rel` (replaced atomically) and its copy in git under `ref`. */
export function writeWitnessed(root: string, rel: string, ref: string, text: string): void {
  replaceFile(join(root, rel), text);
  if (!inGit(root)) return;
  const id = writeLooseObject(root, 'blob', Buffer.from(text));
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

/** The text of the blob `ref` points at; undefined when there is none. */
function keptCopy(root: string, ref: string): string | undefined {
  const loose = readLooseRef(root, ref);
  const bytes = loose === undefined ? undefined : readLooseObject(root, loose, 'blob');
  if (bytes === null) return undefined; // its bytes are not its id's: rewritten in place
  if (bytes) return bytes.toString('utf8');
  const id = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{blob}`]);
  const kept = id.ok ? git(root, ['cat-file', 'blob', id.stdout.trim()]) : undefined;
  return kept?.ok ? kept.stdout : undefined;
}

/** Inside a git work tree: a `.git` (a folder, or a worktree's file) in `root` or above. */
function inGit(root: string): boolean {
  for (let d = resolve(root); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}
