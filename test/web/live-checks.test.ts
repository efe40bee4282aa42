// The live run on the board while its review runs, in headless Chromium: the quick checks and
// the VALIDATE command still running show before the run ends, then the finished checks.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';
import { CHROMIUM, CHROMIUM_ARGS, ENTRY, type RunningBoard, startBoard } from './board-fixture.js';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/board');

let repo: Repo | undefined;
let board: RunningBoard | undefined;
let browser: Browser | undefined;
let run: ChildProcess | undefined;
let gate: string | undefined;
afterEach(async () => {
  if (gate) writeFileSync(join(gate, 'release'), ''); // a failed test never leaves the run waiting
  await browser?.close();
  await board?.stop();
  if (run && run.exitCode === null) await new Promise((r) => run!.once('exit', r));
  repo?.cleanup();
  if (gate) rmSync(gate, { recursive: true, force: true });
});

/** Polls `get` until it returns a value, for up to 30 s. */
async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  for (const end = Date.now() + 30_000; Date.now() < end; ) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited 30 s for ${what}`);
}

describe('the live run on the board', () => {
  it("shows the review's checks as they come: VALIDATE running, then its result", async () => {
    repo = readyRepo();
    const root = repo.dir;
    gate = mkdtempSync(join(tmpdir(), 'killdate-gate-'));
    const release = join(gate, 'release');
    // the task's VALIDATE command waits until the test lets it finish
    writeFileSync(
      join(root, 'check-prefs.mjs'),
      `import { existsSync } from 'node:fs';\nwhile (!existsSync(${JSON.stringify(release)})) await new Promise((r) => setTimeout(r, 50));\nconsole.log('prefs ok');\n`,
    );
    repo.commit('VALIDATE waits for the test');
    const env = { ...script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] }), NO_COLOR: '1' };
    run = spawn(process.execPath, [CLI, 'run', 'settings-page'], { cwd: root, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => run!.once('exit', r));

    // the run record holds the checks so far while VALIDATE runs
    const runs = join(root, '.killdate/runs');
    const meta = await until(() => {
      const id = existsSync(runs) ? readdirSync(runs).find((d) => /^\d/.test(d)) : undefined;
      const file = id && join(runs, id, 'meta.json');
      if (!file || !existsSync(file)) return undefined;
      const m = JSON.parse(readFileSync(file, 'utf8'));
      return m.checks?.at(-1)?.running ? m : undefined;
    }, 'a running VALIDATE in the run record');
    expect(meta).toMatchObject({ status: 'running', phase: 'review' });
    expect(meta.checks.map((c: { name: string }) => c.name).slice(0, 4)).toEqual([
      'executor',
      'changes',
      'FILES scope',
      'new files',
    ]);
    expect(meta.checks.at(-1)).toMatchObject({
      name: 'VALIDATE 1: node check-prefs.mjs',
      ok: null,
      running: true,
    });
    expect(run.exitCode).toBe(null);

    board = await startBoard(ENTRY, root);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${board.url}#/live`);
    await page.waitForSelector('.run table.checks tr.running', { timeout: 30_000 });
    const row = (name: string) => page.locator('.run table.checks tr', { hasText: name });
    expect(await row('VALIDATE 1').locator('td').nth(1).textContent()).toBe('running');
    expect(await row('FILES scope').locator('td').nth(1).textContent()).toBe('pass');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'live-review.png'), fullPage: true });

    writeFileSync(release, '');
    expect(await exited).toBe(0);
    // the page follows the record: the command's result replaces "running", without a reload
    await page.waitForFunction(
      () =>
        !document.querySelector('.run table.checks tr.running') &&
        [...document.querySelectorAll('.run table.checks tr')].some(
          (tr) => tr.textContent?.includes('VALIDATE 1') && tr.textContent.includes('pass'),
        ),
      null,
      { timeout: 30_000 },
    );
  }, 120_000);
});
