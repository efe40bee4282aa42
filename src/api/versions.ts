// versions(): release tags as N, N-1 and older, and the temporary code paths named in locks
// that still live in versions older than N-1. boot(): is a release still bootable?
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { durationOrThrow } from '../core/duration.js';
import { KilldateError } from '../core/errors.js';
import { lockEntries } from '../core/killdates-lock.js';
import { codePaths, type RankedRelease, rankReleases } from '../core/versions.js';
import { type BootResult, bootTag, listTags } from '../ship/boot.js';
import { git } from '../workspace/git.js';
import { openWorkspace } from '../workspace/load.js';

export interface LiveOldPath {
  path: string;
  feature?: string;
  lock: string;
  /** releases older than N-1 that contain the path */
  tags: string[];
}

export interface VersionsResult {
  version: 1;
  pattern: string;
  releases: RankedRelease[];
  /** temporary code paths named in gate 7 that still exist while older releases carry them */
  toDelete: LiveOldPath[];
}

export function versions(opts: { cwd?: string } = {}): VersionsResult {
  const { root, ws } = openWorkspace(opts);
  const pattern = ws.config.release.tagPattern;
  const releases = rankReleases(listTags(root, pattern));
  const older = releases.filter((r) => r.role === 'older');
  const toDelete: LiveOldPath[] = [];
  if (older.length)
    for (const entry of lockEntries(ws))
      for (const path of codePaths(entry.what)) {
        if (!existsSync(join(root, path))) continue;
        const tags = older
          .filter((r) => git(root, ['cat-file', '-e', `${r.commit}:${path}`]).ok)
          .map((r) => r.tag);
        if (tags.length) toDelete.push({ path, feature: entry.feature, lock: entry.file, tags });
      }
  return { version: 1, pattern, releases, toDelete };
}

export interface BootOptions {
  cwd?: string;
  tag: string;
  /** overrides release.bootTimeout, e.g. 30s */
  timeout?: string;
  echo?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

export async function boot(opts: BootOptions): Promise<BootResult & { role?: RankedRelease['role'] }> {
  const { root, ws } = openWorkspace(opts);
  const command = ws.config.commands.boot;
  if (!command)
    throw new KilldateError(
      'USAGE',
      'no boot command: expected commands.boot in killdate.config.yaml',
      'e.g. boot: npm ci && npm run build && node dist/server.js --check',
    );
  const timeoutMs = durationOrThrow(
    opts.timeout ?? ws.config.release.bootTimeout,
    opts.timeout ? '--timeout' : 'release.bootTimeout',
  );
  const logFile = join(root, '.killdate', 'boot', `${opts.tag.replace(/[^\w.-]/g, '_')}.log`);
  const result = await bootTag(root, opts.tag, command, {
    timeoutMs,
    logFile,
    echo: opts.echo,
    signal: opts.signal,
  });
  const role = rankReleases(listTags(root, ws.config.release.tagPattern)).find(
    (r) => r.tag === opts.tag,
  )?.role;
  return { ...result, ...(role ? { role } : {}) };
}
