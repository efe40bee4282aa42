// What the executor is doing while it works: the elapsed time and the last lines of its
// transcript (events.jsonl, written as the agent runs), read on a timer. The transcript is
// already redacted; a line is one event: text, a tool call, a file change, an error.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

export interface WatchState {
  elapsedMs: number;
  /** the last lines of the agent's output, oldest first */
  lines: string[];
}

const TAIL_BYTES = 64 * 1024;

/** The last `max` lines of the transcript in `dir` (none when there is no transcript yet). */
export function transcriptTail(dir: string, max = 5): string[] {
  let text = '';
  try {
    const fd = openSync(join(dir, 'events.jsonl'), 'r');
    try {
      const size = fstatSync(fd).size;
      const start = Math.max(0, size - TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      readSync(fd, buf, 0, buf.length, start);
      text = buf.toString('utf8');
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      out.push(...lineOf(JSON.parse(raw) as Record<string, unknown>));
    } catch {
      // a line still being written
    }
  }
  return out.slice(-max);
}

function lineOf(e: Record<string, unknown>): string[] {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (e.type) {
    case 'text':
      return s(e.text)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    case 'tool_call': {
      const files = Array.isArray(e.files) ? (e.files as string[]) : [];
      return [`→ ${s(e.name)}${files.length ? ` ${files.join(', ')}` : ''}`];
    }
    case 'file_change':
      return [`~ ${s(e.kind)} ${s(e.path)}`];
    case 'error':
      return [`! ${s(e.message)}`];
    case 'garbage':
      return [s(e.line)];
    default:
      return [];
  }
}

/** Calls `tick` every `everyMs` with the elapsed time and the transcript's last lines; returns stop. */
export function watchTranscript(
  dir: string,
  everyMs: number,
  tick: (s: WatchState) => void,
  lines = 5,
): () => void {
  const started = Date.now();
  const timer = setInterval(
    () => tick({ elapsedMs: Date.now() - started, lines: transcriptTail(dir, lines) }),
    everyMs,
  );
  timer.unref();
  return () => clearInterval(timer);
}
