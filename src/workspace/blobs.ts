// Blobs by path at a commit, and their contents, from git in bounded command lines.
import { spawn, spawnSync } from 'node:child_process';
import { KilldateError } from '../core/errors.js';
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
export async function readBlobs(root: string, ids: string[]): Promise<Map<string, Buffer>> {
  return (await readBlobsUpTo(root, ids, Number.POSITIVE_INFINITY)).blobs;
}

/**
 * readBlobs, keeping only the blobs of at most `maxBytes`: a larger one is passed over as git
 * prints it, never held, and its id is listed in `larger` (read it with blobChunks).
 */
export function readBlobsUpTo(
  root: string,
  ids: string[],
  maxBytes: number,
): Promise<{ blobs: Map<string, Buffer>; larger: string[] }> {
  const batch = batchReader(maxBytes);
  if (!ids.length) return Promise.resolve(batch);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: gitEnv(), timeout: 60_000 });
    child.stdout.on('data', batch.push);
    child.stdin.on('error', () => {});
    child.stdin.end(`${ids.join('\n')}\n`);
    child.on('error', reject);
    child.on('close', () => resolve(batch));
  });
}

/** A blob's bytes as git prints them, a chunk at a time (for a blob too large to hold). */
export async function* blobChunks(root: string, id: string): AsyncGenerator<Buffer> {
  const child = spawn('git', ['cat-file', 'blob', id], {
    cwd: root,
    env: gitEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => stderr.push(c));
  yield* child.stdout;
  if ((await closed) !== 0)
    throw new KilldateError(
      'GIT',
      `git cat-file blob ${id} failed: ${Buffer.concat(stderr).toString().trim()}`,
    );
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
  const batch = batchReader(Number.POSITIVE_INFINITY);
  if (r.stdout) batch.push(r.stdout);
  return batch.blobs;
}

/**
 * Reads `git cat-file --batch` output as it comes: `<id> <type> <size>` LF, the bytes, LF;
 * `<id> missing` LF. Blobs over `maxBytes` are skipped, their ids listed in `larger`.
 */
function batchReader(maxBytes: number) {
  const blobs = new Map<string, Buffer>();
  const larger: string[] = [];
  let header: Buffer[] = [];
  /** the object being read: bytes left, its trailing LF included; parts undefined when skipped */
  let body: { id: string; left: number; parts?: Buffer[] } | undefined;
  const push = (chunk: Buffer): void => {
    let c = chunk;
    while (c.length) {
      if (body) {
        const take = Math.min(body.left, c.length);
        body.parts?.push(c.subarray(0, take));
        body.left -= take;
        c = c.subarray(take);
        if (body.left === 0) {
          if (body.parts) blobs.set(body.id, Buffer.concat(body.parts).subarray(0, -1));
          body = undefined;
        }
        continue;
      }
      const nl = c.indexOf(10);
      if (nl === -1) {
        header.push(c);
        return;
      }
      const [id, type, size] = Buffer.concat([...header, c.subarray(0, nl)])
        .toString('latin1')
        .split(' ');
      header = [];
      c = c.subarray(nl + 1);
      if (type === 'missing' || size === undefined) continue;
      const n = Number(size);
      if (n > maxBytes) larger.push(id!);
      body = { id: id!, left: n + 1, ...(n > maxBytes ? {} : { parts: [] }) };
    }
  };
  return { push, blobs, larger };
}
