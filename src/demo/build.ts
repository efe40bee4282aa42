// Write the example product into a folder as a git repo: one commit per part, fixed author,
// the release tags on their parts' commits.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { gitOrThrow } from '../workspace/git.js';
import { DEMO_AUTHOR, type DemoDates, type DemoPart, demoDates, demoParts } from './tree.js';

export interface BuiltDemo {
  root: string;
  /** the HEAD commit */
  commit: string;
  files: number;
  /** the release tags, oldest first */
  tags: string[];
}

/** Build the example into `root`, which must be missing or empty; kill dates relative to dates.today. */
export function buildDemo(
  root: string,
  parts: DemoPart[] = demoParts,
  dates: DemoDates = demoDates(),
): BuiltDemo {
  refuseNonEmpty(root);
  mkdirSync(root, { recursive: true });
  gitOrThrow(root, ['init', '-q']);
  gitOrThrow(root, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  const written = new Set<string>();
  const tags: string[] = [];
  for (const part of parts) {
    for (const [path, text] of Object.entries(part.files(dates))) {
      writeFileSync(safeJoin(root, path), text);
      written.add(path);
    }
    commit(root, part, dates.ago(part.daysAgo));
    if (part.tag) tags.push(part.tag);
  }
  return { root, commit: gitOrThrow(root, ['rev-parse', 'HEAD']).trim(), files: written.size, tags };
}

/** git with the demo author and the part's date as both author and committer date. */
function gitAt(root: string, date: string, args: string[]): void {
  const at = `${date}T12:00:00Z`;
  const r = spawnSync(
    'git',
    ['-c', `user.name=${DEMO_AUTHOR.name}`, '-c', `user.email=${DEMO_AUTHOR.email}`, ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } },
  );
  if (r.status !== 0)
    throw new KilldateError('GIT', `git ${args[0]} failed: ${(r.stderr ?? '').trim() || `exit ${r.status}`}`);
}

function commit(root: string, part: DemoPart, date: string): void {
  gitOrThrow(root, ['add', '-A']);
  gitAt(root, date, ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', part.message]);
  if (part.tag)
    gitAt(root, date, ['-c', 'tag.gpgsign=false', 'tag', '-a', part.tag, '-m', `Quillbill ${part.tag}`]);
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
