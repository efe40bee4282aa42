// Token counts on another thread: loading the BPE ranks costs ~70 ms of parsing, which a worker
// does while the main thread runs git and reads the documents. This module is its own chunk
// (imported dynamically), so the worker loads it and the tokenizer, nothing else. Where a
// worker cannot start (e.g. a test running the TypeScript source), the count is made in-thread.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const TAG = 'killdate-token-count';

if (!isMainThread && workerData === TAG && parentPort) {
  const port = parentPort;
  const { countTokens } = await import('../core/tokens.js');
  port.on('message', (text: string) => port.postMessage(countTokens(text)));
}

const inThread = async (text: string) => (await import('../core/tokens.js')).countTokens(text);

/** Starts the tokenizer loading now; `count` resolves the tokens of a text (cl100k_base). */
export function tokenCounter(): { count(text: string): Promise<number> } {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL(import.meta.url), { workerData: TAG, stdout: true, stderr: true });
    worker.unref(); // a start that fails before counting must not wait for it
  } catch {
    worker = undefined;
  }
  const failed = new Promise<'failed'>((resolve) => {
    worker?.once('error', () => resolve('failed'));
    worker?.once('exit', () => resolve('failed'));
  });
  return {
    async count(text) {
      if (!worker) return inThread(text);
      const w = worker;
      w.ref();
      const reply = new Promise<number>((resolve) => w.once('message', resolve));
      w.postMessage(text);
      const n = await Promise.race([reply, failed]);
      void w.terminate();
      return n === 'failed' ? inThread(text) : n;
    },
  };
}
