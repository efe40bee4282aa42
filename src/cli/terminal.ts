// Everything a command writes to stdout and stderr passes forTerminal (core/visible.ts): a file
// name, a document's words or an agent's output can hold terminal control sequences. JSON stays
// valid: JSON.stringify already escapes the C0 controls, and `\u009b` in a string is the same
// string. Only killdate's own cursor moves pass unfiltered: run's live progress (`unguarded`)
// and the person's prompts (`unguardedStream`, cli/prompts.ts).
import { forTerminal } from '../core/visible.js';

type Write = NodeJS.WriteStream['write'];
const raw = new WeakMap<NodeJS.WriteStream, Write>();

export function guardTerminal(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as Write;
  raw.set(stream, write);
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    (write as (c: unknown, ...r: unknown[]) => boolean)(
      typeof chunk === 'string'
        ? forTerminal(chunk)
        : chunk instanceof Uint8Array
          ? forTerminal(Buffer.from(chunk).toString('utf8'))
          : chunk,
      ...rest,
    )) as Write;
}

/** The stream's own write, for killdate's cursor moves only: never for text from outside. */
export function unguarded(stream: NodeJS.WriteStream): (text: string) => void {
  const write = raw.get(stream) ?? stream.write.bind(stream);
  return (text) => {
    write(text);
  };
}

/** The stream with its own write, for the prompts' cursor moves: every text they show is killdate's. */
export function unguardedStream(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = raw.get(stream);
  if (!write) return stream;
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') return write;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
