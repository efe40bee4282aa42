// A write lock beside a file (`<file>.lock`) that names its owner: the lock is a small file
// holding `pid host nonce`, hard-linked into place so it is whole the moment it exists. A
// lock whose owner process is gone (kill -9 mid-write) is taken over at once; only the
// holder of `<file>.lock.break` may remove a dead lock, so two writers never both break it.
import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { KilldateError } from '../core/errors.js';

/** A lock of another host, or one killdate cannot read, is stale after this long. */
const STALE_MS = 10_000;
/** How long one live holder may keep the lock before a waiting writer gives up. */
const WAIT_MS = 20_000;

interface Owner {
  pid: number;
  host: string;
  nonce: string;
}

/**
 * Takes the lock of `abs`, waiting while a live writer holds it; returns its release. A
 * queue of writers is waited out: only one holder keeping the lock for 20 s is a refusal.
 */
export async function takeLock(abs: string, rel: string): Promise<() => void> {
  const wait = waiter(abs, rel);
  for (let ms = wait(); ms > 0; ms = wait()) await new Promise((r) => setTimeout(r, ms));
  return wait.release;
}

/** takeLock for a synchronous writer: the thread sleeps while it waits. */
export function takeLockSync(abs: string, rel: string): () => void {
  const wait = waiter(abs, rel);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (let ms = wait(); ms > 0; ms = wait()) Atomics.wait(cell, 0, 0, ms);
  return wait.release;
}

/**
 * One try at the lock each call: 0 once it is taken (then `release` frees it), else how many
 * milliseconds to wait before the next try. Throws when one holder kept it past WAIT_MS.
 */
function waiter(abs: string, rel: string): { (): number; release: () => void } {
  const path = `${abs}.lock`;
  const me: Owner = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex') };
  let holder: string | undefined;
  let since = Date.now();
  let wait = 1;
  const attempt = (): number => {
    for (;;) {
      if (ageMs(path) === undefined && tryCreate(path, me)) return 0;
      const owner = readOwner(path);
      if (owner?.nonce !== holder) {
        holder = owner?.nonce;
        since = Date.now();
      }
      if (deadLock(path)) {
        breakLock(path); // a dead writer's lock is taken over at once
        continue;
      }
      if (Date.now() - since > WAIT_MS)
        throw new KilldateError(
          'REFUSED',
          `${rel} is locked by another writer (${rel}.lock, ${describe(owner)}); nothing written`,
          'retry when the other write has finished',
        );
      wait = Math.min(wait * 2, 50);
      return wait;
    }
  };
  return Object.assign(attempt, { release: () => release(path, me) });
}

function tryCreate(path: string, owner: Owner): boolean {
  const text = `${owner.pid} ${owner.host} ${owner.nonce}\n`;
  const tmp = `${path}.${owner.nonce}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP') throw e;
    return createExclusive(path, text); // no hard links here
  } finally {
    unlinkSync(tmp);
  }
}

function createExclusive(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function readOwner(path: string): Owner | undefined {
  try {
    const [pid, host, nonce] = readFileSync(path, 'utf8').trim().split(' ');
    return pid && host && nonce && /^\d+$/.test(pid) ? { pid: Number(pid), host, nonce } : undefined;
  } catch {
    return undefined;
  }
}

function describe(o: Owner | undefined): string {
  return o ? `process ${o.pid} on ${o.host}` : 'owner unknown';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(path: string): number | undefined {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st ? Date.now() - st.mtimeMs : undefined;
}

/** The lock's owner is a process of this host that is gone, or the lock is old and unreadable. */
function deadLock(path: string): boolean {
  const o = readOwner(path);
  if (o && o.host === hostname()) return !alive(o.pid);
  const age = ageMs(path);
  return age !== undefined && age > STALE_MS;
}

/** Removes a dead lock, under `.break` so that a lock taken meanwhile is never removed. */
function breakLock(path: string): void {
  const guard = `${path}.break`;
  const me: Owner = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex') };
  if (!tryCreate(guard, me)) {
    if (deadLock(guard)) removeEntry(guard);
    return;
  }
  try {
    if (deadLock(path)) removeEntry(path);
  } finally {
    removeEntry(guard);
  }
}

/** A lock file, or the folder an older killdate (proper-lockfile) left. */
function removeEntry(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'EPERM') rmdirSync(path);
    else if (code !== 'ENOENT') throw e;
  }
}

function release(path: string, me: Owner): void {
  if (readOwner(path)?.nonce === me.nonce) removeEntry(path);
}
