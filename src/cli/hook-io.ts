// The tool-call guard's input and answer through file descriptors 0, 1 and 2, without
// process.stdin/stdout: making those streams loads Node's stream and socket modules, several
// milliseconds of every tool call. A descriptor left non-blocking by the agent (EAGAIN) is
// read or written through the streams instead, from where the direct read stopped.
import { readSync, writeSync } from 'node:fs';

/** Everything on stdin, as UTF-8 text; empty when stdin is closed. */
export async function readInput(): Promise<string> {
  const chunks: Buffer[] = [];
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        for await (const c of process.stdin)
          chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
        break;
      }
      if (code === 'EOF' || code === 'EBADF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes `text` to fd 1 or 2; a reader that went away (EPIPE) is no error. */
export function writeOut(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw e;
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(at));
      return;
    }
  }
}
