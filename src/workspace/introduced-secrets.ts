// The secrets a change introduces: each changed file as it is now against the same file at the
// base, so a key already committed before a task or a pull request is not blamed on it. A file
// name can hold a secret too. Binary files and files over 4 MB are not read.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../agents/redact.js';
import { kindShown, secretsInText } from '../agents/secrets-in-files.js';
import { blobsAt, readBlobs } from './blobs.js';

export interface IntroducedSecret {
  /** the file's name, redacted when the name itself holds a secret */
  path: string;
  /** 0 when the secret is in the name */
  line: number;
  kind: string;
}

/** Files larger than this are not read (a build artefact, not a source file). */
export const MAX_SCANNED = 4 * 1024 * 1024;

/**
 * The secrets in `paths` now that the same path did not hold at `base`: now is the working
 * tree, or the commit `now` names. `known` are the secret values of this environment.
 */
export async function introducedSecrets(
  root: string,
  base: string,
  paths: string[],
  opts: { now?: string; known?: readonly string[] } = {},
): Promise<IntroducedSecret[]> {
  const known = opts.known ?? [];
  const [before, after] = await Promise.all([
    contents(root, base, paths),
    opts.now ? contents(root, opts.now, paths) : worktree(root, paths),
  ]);
  const out: IntroducedSecret[] = [];
  for (const path of paths) {
    const shown = redact(path, known);
    for (const s of secretsInText(path, known)) out.push({ path: shown, line: 0, kind: s.kind });
    const text = after.get(path);
    if (text === undefined) continue;
    const old = before.get(path);
    const had = new Set(old === undefined ? [] : secretsInText(old, known).map((s) => s.value));
    for (const s of secretsInText(text, known))
      if (!had.has(s.value)) out.push({ path: shown, line: s.line, kind: s.kind });
  }
  return out;
}

/** A file's text when it is worth reading: small, and no NUL in its first 8,000 bytes (git's test for binary). */
function asText(b: Buffer): string | undefined {
  if (b.length > MAX_SCANNED || b.subarray(0, 8000).includes(0)) return undefined;
  return b.toString('utf8');
}

async function contents(root: string, rev: string, paths: string[]): Promise<Map<string, string>> {
  const ids = await blobsAt(root, rev, paths);
  const blobs = await readBlobs(root, [...new Set(ids.values())]);
  const out = new Map<string, string>();
  for (const [path, id] of ids) {
    const b = blobs.get(id);
    const text = b && asText(b);
    if (text !== undefined) out.set(path, text);
  }
  return out;
}

async function worktree(root: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of paths) {
    const abs = join(root, path);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > MAX_SCANNED) continue;
    let text: string | undefined;
    try {
      text = asText(readFileSync(abs));
    } catch {
      continue; // unreadable: git cannot commit it either
    }
    if (text !== undefined) out.set(path, text);
  }
  return out;
}

/** `src/config.ts:3 (anthropic)`; a secret in a name: `<name> (anthropic, in the name)`. */
export function whereSecret(s: IntroducedSecret): string {
  const kind = kindShown(s.kind);
  return s.line ? `${s.path}:${s.line} (${kind})` : `${s.path} (${kind}, in the name)`;
}
