// Durations as people write them in config and flags: 90s, 15m, 2h, 3d, 1w, or combined (1h30m).
import { KilldateError } from './errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+)\s*([smhdw])/gy;

/** Milliseconds of a duration like `15m`, `2h`, `3d`, `1h30m`; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (!s) return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: a sticky regex walk
  while ((m = PART.exec(s))) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = PART.lastIndex;
    while (s[end] === ' ') end++;
    PART.lastIndex = end;
  }
  return end === s.length ? total : undefined;
}

/** Like parseDuration but a malformed value is a usage error naming where it came from. */
export function durationOrThrow(text: string, where: string): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new KilldateError(
      'USAGE',
      `${where}: "${text}" is not a duration`,
      'write it like 15m, 2h, 3d or 1h30m',
    );
  return ms;
}

/** A short human form: 3d 4h, 12m 5s, 40s. */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let left = Math.abs(Math.round(ms / 1000));
  const parts: string[] = [];
  for (const [unit, secs] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(left / secs);
    left -= n * secs;
    if (n) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  return `${neg ? '-' : ''}${parts.join(' ') || '0s'}`;
}
