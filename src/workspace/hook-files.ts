// Reading and writing an agent's hook file without losing a person's work: a file that is not
// JSON (or not an object) is refused and left as it is; a symlink is followed when it points
// inside the repo and refused, with the reason, when it points outside or nowhere, so the link
// is never replaced by a regular file.
import { lstatSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { withoutComments } from '../core/json-comments.js';
import { jsonProblem } from '../core/json-error.js';
import { insideRepo } from './paths.js';
import { replaceFile } from './replace.js';
import { readForRewrite } from './utf8.js';

export type Json = Record<string, unknown>;

/** The path to write for `rel`: itself, or the target of a symlink inside the repo. */
export function writablePath(root: string, rel: string): string {
  const abs = join(root, rel);
  let isLink = false;
  try {
    isLink = lstatSync(abs).isSymbolicLink();
  } catch {
    return abs;
  }
  if (!isLink) return abs;
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new KilldateError('REFUSED', `${rel} is a symlink to a file that does not exist; left as it is`);
  }
  if (insideRepo(realpathSync(root), real) === null)
    throw new KilldateError(
      'REFUSED',
      `${rel} is a symlink to ${real}, outside this repo; left as it is`,
      `add killdate's hooks to ${real} yourself, or replace the link with a file`,
    );
  return real;
}

/** The file parsed (`{}` when absent), or REFUSED when killdate cannot read it as a JSON object. */
export function readJsonObject(root: string, rel: string): { abs: string; data: Json; existed: boolean } {
  const abs = writablePath(root, rel);
  const text = readForRewrite(abs, rel);
  if (text === undefined) return { abs, data: {}, existed: false };
  let data: unknown;
  try {
    data = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new KilldateError(
      'REFUSED',
      `${jsonProblem(rel, text)}; left as it is`,
      hasComments(text)
        ? 'killdate rewrites this file and would lose its comments: take them out, then run killdate hooks install again'
        : 'fix the file, then run killdate hooks install again',
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new KilldateError('REFUSED', `${rel} is not a JSON object; left as it is`);
  return { abs, data: data as Json, existed: true };
}

/** Whether the text is JSON once its comments are blank. */
function hasComments(text: string): boolean {
  try {
    JSON.parse(withoutComments(text));
    return true;
  } catch {
    return false;
  }
}

export function writeJsonObject(abs: string, data: Json): void {
  replaceFile(abs, `${JSON.stringify(data, null, 2)}\n`);
}

export function removeFile(abs: string): void {
  rmSync(abs, { force: true });
}
