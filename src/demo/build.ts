// Write the example product into a folder as a git repo: one commit per part, fixed author.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { gitOrThrow } from '../workspace/git.js';
import { DEMO_AUTHOR, type DemoPart, demoParts } from './tree.js';

export interface BuiltDemo {
  root: string;
  /** the HEAD commit */
  commit: string;
  files: number;
}

/** Build the example into `root`, which must be missing or empty. */
export function buildDemo(root: string, parts: DemoPart[] = demoParts): BuiltDemo {
  refuseNonEmpty(root);
  mkdirSync(root, { recursive: true });
  gitOrThrow(root, ['init', '-q']);
  gitOrThrow(root, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  const written = new Set<string>();
  for (const part of parts) {
    for (const [path, text] of Object.entries(part.files())) {
      writeFileSync(safeJoin(root, path), text);
      written.add(path);
    }
    commit(root, part);
  }
  return { root, commit: gitOrThrow(root, ['rev-parse', 'HEAD']).trim(), files: written.size };
}

function commit(root: string, part: DemoPart): void {
  gitOrThrow(root, ['add', '-A']);
  gitOrThrow(root, [
    '-c',
    `user.name=${DEMO_AUTHOR.name}`,
    '-c',
    `user.email=${DEMO_AUTHOR.email}`,
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    part.message,
    `--author=${DEMO_AUTHOR.name} <${DEMO_AUTHOR.email}>`,
    `--date=${part.date}T12:00:00Z`,
  ]);
}

function refuseNonEmpty(root: string): void {
  const st = statSync(root, { throwIfNoEntry: false });
  if (!st) return;
  if (!st.isDirectory()) throw new KilldateError('USAGE', `not a folder: ${root}`);
  if (readdirSync(root).length > 0)
    throw new KilldateError(
      'REFUSED',
      `${root} is not empty: the demo is built only in a new or empty folder`,
    );
}

/** The absolute path of a demo file, with its folder created; never outside root. */
function safeJoin(root: string, path: string): string {
  const n = normalize(path);
  if (n.startsWith('..') || n.startsWith(sep))
    throw new KilldateError('INTERNAL', `demo path escapes: ${path}`);
  const abs = join(root, n);
  mkdirSync(dirname(abs), { recursive: true });
  return abs;
}
