// Blobs by path at a commit, and their contents, from git in bounded command lines.
import { spawn, spawnSync } from 'node:child_process';
import { argBatches, gitAsync, LITERAL } from './git.js';
import { gitEnv } from './git-env.js';

/** Blob ids of `paths` at `base` (absent there: not in the map), asked in command lines of bounded length. */
export async function blobsAt(root: string, base: string, paths: string[]): Promise<Map<string, string>> {
  const runs = await Promise.all(
    argBatches(paths).map((run) => gitAsync(root, [...LITERAL, 'ls-tree', '-z', base, '--', ...run])),
  );
  const out = new Map<string, string>();
  for (const r of runs)
    for (const rec of r.stdout.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(rec);
      if (m) out.set(m[2]!, m[1]!);
    }
  return out;
}

/** The contents of `ids` (one `git cat-file --batch`); an id git does not hold is left out. */
export function readBlobs(root: string, ids: string[]): Promise<Map<string, Buffer>> {
  if (!ids.length) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: gitEnv(), timeout: 60_000 });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdin.on('error', () => {});
    child.stdin.end(`${ids.join('\n')}\n`);
    child.on('error', reject);
    child.on('close', () => resolve(parseBatch(Buffer.concat(chunks))));
  });
}

/** readBlobs without waiting (for the callers that cannot). */
export function readBlobsSync(root: string, ids: string[]): Map<string, Buffer> {
  if (!ids.length) return new Map();
  const r = spawnSync('git', ['cat-file', '--batch'], {
    cwd: root,
    env: gitEnv(),
    input: `${ids.join('\n')}\n`,
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  return r.stdout ? parseBatch(r.stdout) : new Map();
}

/** `git cat-file --batch` output: `<id> <type> <size>` LF, the bytes, LF; `<id> missing` LF. */
function parseBatch(all: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let at = 0;
  while (at < all.length) {
    const nl = all.indexOf(10, at);
    if (nl === -1) break;
    const [id, type, size] = all.subarray(at, nl).toString('latin1').split(' ');
    at = nl + 1;
    if (type === 'missing' || size === undefined) continue;
    const n = Number(size);
    out.set(id!, all.subarray(at, at + n));
    at += n + 1;
  }
  return out;
}
