// readDocument(): one text file of the workspace, for a reader that opens a finding's
// file:line. Refuses any path that leaves the workspace: `..`, an absolute path, a symlink
// pointing out, `.git/`, and files too large or not text.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { insideRepo, realTarget } from '../workspace/paths.js';
import { findRoot } from '../workspace/root.js';

export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface DocumentResult {
  version: 1;
  path: string;
  text: string;
  markdown: boolean;
}

/** The workspace-relative path if `rel` names a file inside the workspace, else a REFUSED error. */
export function insideWorkspace(root: string, rel: string): string {
  const parts = rel.split(/[\\/]/);
  if (!rel || isAbsolute(rel) || rel.includes('\0') || parts.includes('..') || parts[0] === '.git')
    throw new KilldateError('REFUSED', `path ${JSON.stringify(rel)} is outside the workspace`);
  const realRoot = realpathSync(root);
  const inside = insideRepo(realRoot, realTarget(join(root, rel)));
  if (inside === null || inside.split('/')[0] === '.git')
    throw new KilldateError('REFUSED', `path ${JSON.stringify(rel)} is outside the workspace`);
  return inside;
}

export function readDocument(opts: { cwd?: string; path: string }): DocumentResult {
  const root = findRoot(opts.cwd);
  const path = insideWorkspace(root, opts.path);
  const abs = join(root, path);
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new KilldateError('NOT_FOUND', `${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof KilldateError) throw e;
    throw new KilldateError('NOT_FOUND', `no file ${path} in the workspace`);
  }
  if (size > MAX_DOCUMENT_BYTES)
    throw new KilldateError('REFUSED', `${path} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  const buf = readFileSync(abs);
  if (buf.subarray(0, 8192).includes(0)) throw new KilldateError('REFUSED', `${path} is not a text file`);
  return { version: 1, path, text: buf.toString('utf8'), markdown: /\.(md|markdown|mdc)$/i.test(path) };
}
