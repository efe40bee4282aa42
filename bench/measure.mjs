// Run one command several times and take medians of wall time and peak memory. Peak RSS
// comes from /usr/bin/time -v when present, else from a preload (bench/rss.mjs) that reports
// the node child's own process.resourceUsage().maxRSS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true']).status === 0;
export const rssSource = hasTime ? '/usr/bin/time -v' : 'process.resourceUsage (preload)';
const preload = fileURLToPath(new URL('./rss.mjs', import.meta.url));

/** One run: wall seconds and peak RSS in MB. Fails loudly on exit >= 2 (1 = findings). */
export function runOnce(argv, cwd, env = {}) {
  const scratch = hasTime ? undefined : mkdtempSync(join(tmpdir(), 'kd-bench-'));
  const rssFile = scratch && join(scratch, 'rss');
  const [cmd, ...args] = hasTime ? [TIME, '-v', ...argv] : [argv[0], '--import', preload, ...argv.slice(1)];
  const start = performance.now();
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...env, ...(rssFile ? { KD_BENCH_RSS_FILE: rssFile } : {}) },
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status === null || r.status >= 2)
    throw new Error(`${argv.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.slice(-500)}`);
  let kb;
  if (hasTime) kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  else {
    kb = Number(readFileSync(rssFile, 'utf8'));
    rmSync(scratch, { recursive: true, force: true });
  }
  return { wall, rssMB: kb / 1024 };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `reps` measured rounds after one discarded warm-up round. Each round runs the case (after
 * its `before` hook) and then its baseline, so both see the same machine load.
 */
export function measure(argv, { reps, cwd, env, before, baseline }) {
  const runs = [];
  const base = [];
  for (let i = 0; i <= reps; i++) {
    before?.();
    const r = runOnce(argv, cwd, env);
    const b = baseline && runOnce(baseline, cwd);
    if (i === 0) continue;
    runs.push(r);
    if (b) base.push(b);
  }
  return { case: summary(runs), baseline: base.length ? summary(base) : undefined };
}

function summary(runs) {
  return {
    wall: median(runs.map((r) => r.wall)),
    rssMB: median(runs.map((r) => r.rssMB)),
    peakMB: Math.max(...runs.map((r) => r.rssMB)),
    runs,
  };
}
