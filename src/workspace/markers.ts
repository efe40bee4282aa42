// The KILLDATE marker scan over git-tracked files. `git grep` does the reading: it walks only
// tracked files, skips binary ones (-I: a NUL in the first 8 KB), and is multi-threaded; we
// keep the lines where the marker sits in a comment. Vendored paths are
// dropped by pathspec so git never reads them.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { type KillDateEntry, parseMarkerLine } from '../core/killdates.js';
import { gitEnv } from './git-env.js';

/** Paths no one edits by hand: never scanned. */
export const VENDORED = [
  ':(exclude,glob)**/node_modules/**',
  ':(exclude,glob)**/vendor/**',
  ':(exclude,glob)**/dist/**',
  ':(exclude,glob)**/third_party/**',
  ':(exclude,glob)**/*.min.js',
  ':(exclude,glob)**/package-lock.json',
  ':(exclude,glob)**/yarn.lock',
  ':(exclude,glob)**/pnpm-lock.yaml',
  ':(exclude,glob)**/Cargo.lock',
  ':(exclude,glob)**/poetry.lock',
  ':(exclude,glob)**/Gemfile.lock',
  ':(exclude,glob)**/composer.lock',
  ':(exclude,glob)**/go.sum',
];

const VENDORED_PATH =
  /(^|\/)(node_modules|vendor|dist|third_party)\/|\.min\.js$|(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|Gemfile\.lock|composer\.lock|go\.sum)$/;

export function isVendored(path: string): boolean {
  return VENDORED_PATH.test(path);
}

const GREP = ['-c', 'core.quotePath=false', 'grep', '-n', '-I', '-z', '--no-color', '-F', '-e', 'KILLDATE'];

/** One line of `git grep -n -z` output as a marker, when it is one. */
function markerOf(line: string): KillDateEntry | undefined {
  const a = line.indexOf('\0');
  const b = line.indexOf('\0', a + 1);
  if (a < 0 || b < 0) return undefined;
  const file = line.slice(0, a);
  if (isVendored(file)) return undefined;
  const marker = parseMarkerLine(line.slice(b + 1));
  return marker ? { ...marker, file, line: Number(line.slice(a + 1, b)), source: 'marker' } : undefined;
}

/**
 * The raw `git grep` lines naming KILLDATE in the repo at `root` (its key for the check cache),
 * or undefined when root is not a git repo's top. Synchronous: check is.
 */
export function grepMarkersSync(root: string): string | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  const r = spawnSync('git', [...GREP, '--', '.', ...VENDORED], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: gitEnv(),
  });
  if (r.error)
    throw (r.error as NodeJS.ErrnoException).code === 'ENOENT'
      ? new KilldateError('GIT', 'git is not installed or not on PATH', 'install git')
      : r.error;
  if ((r.status ?? 2) > 1)
    throw new KilldateError('GIT', `git grep failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  return r.stdout;
}

/** grepMarkersSync() without blocking: the scan runs while the caller reads documents. */
export function grepMarkers(root: string): Promise<string | undefined> {
  if (!existsSync(join(root, '.git'))) return Promise.resolve(undefined);
  const grep = new Promise<string>((resolve, reject) => {
    const opts = { cwd: root, encoding: 'utf8' as const, maxBuffer: 256 * 1024 * 1024, env: gitEnv() };
    execFile('git', [...GREP, '--', '.', ...VENDORED], opts, (err, stdout, stderr) => {
      const code = err?.code;
      if (!err || code === 1) return resolve(stdout); // git grep exits 1 when nothing matched
      if (code === 'ENOENT')
        return reject(new KilldateError('GIT', 'git is not installed or not on PATH', 'install git'));
      reject(
        new KilldateError(
          'GIT',
          `git grep failed: ${stderr.trim() || `exit ${code}`}`,
          'the kill-date scan needs a git repository',
        ),
      );
    });
  });
  grep.catch(() => undefined); // the caller awaits it later: a failure meanwhile is not unhandled
  return grep;
}

/** The markers in grepMarkersSync()'s output. */
export function markersOf(grep: string): KillDateEntry[] {
  return grep.split('\n').flatMap((l) => markerOf(l) ?? []);
}

/** Every KILLDATE marker in a comment of a tracked, non-binary, non-vendored file; none outside a git repo. */
export async function scanMarkers(root: string): Promise<KillDateEntry[]> {
  const grep = await grepMarkers(root);
  return grep === undefined ? [] : markersOf(grep);
}
