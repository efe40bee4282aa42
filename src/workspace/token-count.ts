// Token counts for the start report. Pieces of the text already counted come from the token
// cache (token-cache.ts); only the others are counted, on another thread: loading the BPE
// ranks costs ~100 ms, which a worker spends while the main thread runs git and reads the
// documents. This module is its own chunk (imported dynamically), so the worker loads it and
// the tokenizer, nothing else. Where a worker cannot start (e.g. a test running the TypeScript
// source), the count is made in-thread. With an empty cache the worker starts at once; with a
// filled one, only when a piece turns out to be new.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { tokenSegments } from '../core/token-segments.js';
import { readTokenCache, writeTokenCache } from './token-cache.js';

const TAG = 'killdate-token-count';

if (!isMainThread && workerData === TAG && parentPort) {
  const port = parentPort;
  const { countTokens } = await import('../core/tokens.js');
  port.on('message', (pieces: string[]) => port.postMessage(pieces.map(countTokens)));
}

const inThread = async (pieces: string[]) => {
  const { countTokens } = await import('../core/tokens.js');
  return pieces.map(countTokens);
};

function startWorker(): Worker | undefined {
  try {
    const w = new Worker(new URL(import.meta.url), { workerData: TAG, stdout: true, stderr: true });
    w.unref(); // a start that fails before counting must not wait for it
    return w;
  } catch {
    return undefined;
  }
}

/** Counts pieces on a worker (started now or on first use), falling back to this thread. */
function pieceCounter(eager: boolean): (pieces: string[]) => Promise<number[]> {
  let worker: Worker | undefined;
  let failed: Promise<'failed'> | undefined;
  const ensure = () => {
    if (failed) return;
    worker = startWorker();
    failed = new Promise<'failed'>((resolve) => {
      worker?.once('error', () => resolve('failed'));
      worker?.once('exit', () => resolve('failed'));
    });
  };
  if (eager) ensure();
  return async (pieces) => {
    ensure();
    const w = worker;
    if (!w) return inThread(pieces);
    w.ref();
    const reply = new Promise<number[]>((resolve) => w.once('message', resolve));
    w.postMessage(pieces);
    const n = await Promise.race([reply, failed as Promise<'failed'>]);
    void w.terminate();
    return n === 'failed' ? inThread(pieces) : n;
  };
}

/**
 * `count` resolves the tokens of a text (cl100k_base). With a `root`, counts are taken from and
 * added to its token cache; without one, the tokenizer starts loading now.
 */
export function tokenCounter(root?: string): { count(text: string): Promise<number> } {
  const cache = root === undefined ? undefined : readTokenCache(root);
  const countPieces = pieceCounter(!cache?.size);
  return {
    async count(text) {
      const pieces = tokenSegments(text);
      const fresh = [...new Set(pieces.filter((p) => !cache?.has(p)))];
      const known = new Map(cache);
      if (fresh.length) {
        const counts = await countPieces(fresh);
        for (const [i, p] of fresh.entries()) known.set(p, counts[i] ?? 0);
        if (cache && root !== undefined) writeTokenCache(root, known, pieces);
      }
      return pieces.reduce((n, p) => n + (known.get(p) ?? 0), 0);
    },
  };
}
