// `run` while the executor works: the elapsed time and the last lines of its output. On a
// terminal the block is redrawn in place every second; elsewhere (a pipe, CI) one line every
// few seconds, so a log stays readable.
import type { WatchState } from '../orchestrator/run-watch.js';
import { dim } from './output.js';
import { unguarded } from './terminal.js';

export const TTY_EVERY_MS = 1000;
export const PLAIN_EVERY_MS = 5000;

export function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

const cut = (line: string, width: number) => (line.length > width ? `${line.slice(0, width - 1)}…` : line);

/** The watch for a single `run` writing to `out` (stderr). */
export function runWatch(out: NodeJS.WriteStream, who = 'executor') {
  const tty = !!out.isTTY;
  let drawn = 0;
  const cursor = unguarded(out);
  const clear = () => {
    if (drawn) cursor(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  return {
    everyMs: tty ? TTY_EVERY_MS : PLAIN_EVERY_MS,
    tick: (s: WatchState) => {
      if (!tty) {
        const last = s.lines.at(-1);
        out.write(`${dim(`  ${elapsed(s.elapsedMs)} ${who} working${last ? `: ${cut(last, 120)}` : ''}`)}\n`);
        return;
      }
      const width = Math.max(20, (out.columns ?? 80) - 4);
      const block = [`${elapsed(s.elapsedMs)} ${who} working`, ...s.lines.map((l) => `  ${cut(l, width)}`)];
      clear();
      out.write(`${block.map((l) => dim(`  ${l}`)).join('\n')}\n`);
      drawn = block.length;
    },
    done: () => {
      if (tty) clear();
    },
  };
}
