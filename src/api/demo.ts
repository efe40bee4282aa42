// demo(): build the example product (Quillbill) as a git repo, check it, list its kill dates
// and run the CI check; with `full`, also ship it and walk the canary (src/api/demo-ship.ts).
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDemo } from '../demo/build.js';
import { type DemoSection, demoGates, type GatesDemo } from '../demo/gates.js';
import { type DemoLoop, runDemoLoop } from '../demo/loop.js';
import { demoSession } from '../demo/session.js';
import { demoDates } from '../demo/tree.js';
import { resolveToday } from '../workspace/today.js';
import { type CheckResult, check } from './check.js';
import { type CiResult, ci } from './ci.js';
import { type DemoShip, demoShip } from './demo-ship.js';
import { type KillDatesResult, killDates } from './killdates.js';

export interface DemoOptions {
  /** build here (must be missing or empty) instead of a new temporary folder */
  dir?: string;
  /** the day the kill dates are computed from and evaluated at (default: the real today) */
  today?: string;
  /** also run `ship` and the canary on the example */
  full?: boolean;
  /** the time the ship and canary start at (default: now, on `today`) */
  now?: Date;
  /** the killdate entry file the demo's hook step runs (the CLI passes its own) */
  bin?: string;
  /** also take overdue-badges task 1 through the handoff loop (src/demo/loop.ts) */
  loop?: boolean;
}

export interface DemoResult {
  version: 1;
  /** the example repo */
  root: string;
  /** the temporary folder the demo made (no --dir): removed by a demo run a day later */
  temporary?: string;
  commit: string;
  files: number;
  /** release tags, oldest first */
  tags: string[];
  check: CheckResult;
  killDates: KillDatesResult;
  /** what `killdate ci` reports, and the exit code it has */
  ci: CiResult & { exitCode: 0 | 1 };
  full?: DemoShip;
  /** status, overdue-badges signed CP-0..CP-3 and the scope guard (src/demo/gates.ts) */
  gates: GatesDemo;
  /** killdate start and end on the example, run last (src/demo/session.ts) */
  session?: DemoSection;
  /** task 1 of overdue-badges through the handoff loop with the scripted executor */
  loop?: DemoLoop;
}

/** Marks a temporary folder the demo made, so a later demo may remove it. */
const MARK = '.killdate-demo';
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Temporary demo folders killdate made (they hold its mark) more than a day ago: removed, so
 * demos do not pile up in the temporary folder. Nothing without the mark is touched.
 */
export function removeStaleDemos(now = Date.now(), base = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(base).filter((n) => n.startsWith('killdate-demo-'));
  } catch {
    return removed;
  }
  for (const n of names) {
    const dir = join(base, n);
    const mark = statSync(join(dir, MARK), { throwIfNoEntry: false });
    if (!mark?.isFile() || now - mark.mtimeMs < STALE_MS) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

export async function demo(opts: DemoOptions = {}): Promise<DemoResult> {
  if (opts.dir) return demoIn(resolve(opts.dir), opts);
  removeStaleDemos();
  const parent = mkdtempSync(join(tmpdir(), 'killdate-demo-'));
  writeFileSync(join(parent, MARK), 'made by killdate demo: removed by a later demo a day after\n');
  try {
    return { ...(await demoIn(join(parent, 'quillbill'), opts)), temporary: parent };
  } catch (e) {
    // a demo that fails leaves nothing behind in the temporary folder
    rmSync(parent, { recursive: true, force: true });
    throw e;
  }
}

async function demoIn(root: string, opts: DemoOptions): Promise<DemoResult> {
  const today = resolveToday(opts.today);
  const built = buildDemo(root, undefined, demoDates(today));
  const checked = check({ cwd: built.root, today });
  const dates = await killDates({ cwd: built.root, today });
  const ciResult = await ci({ cwd: built.root, today });
  const result: DemoResult = {
    version: 1,
    root: built.root,
    commit: built.commit,
    files: built.files,
    tags: built.tags,
    check: checked,
    killDates: dates,
    ci: { ...ciResult, exitCode: ciResult.summary.errors ? 1 : 0 },
    gates: await demoGates(built.root, { today, bin: opts.bin }),
  };
  if (opts.loop) result.loop = await runDemoLoop(built.root, today);
  // after the loop: a canary starts only for a feature with an approved task
  if (opts.full) result.full = await demoShip(built.root, opts.now ?? nowOn(today));
  result.session = await demoSession(built.root, today);
  return result;
}

/** The current time of day on the given day. */
function nowOn(day: string): Date {
  const now = new Date();
  return new Date(`${day}T${now.toISOString().slice(11)}`);
}
