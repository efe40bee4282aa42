// The board's runs page in headless Chromium: the newest runs and how many earlier ones it left
// out, every run on "Show all". Records are written by killdate's own writer, one a minute.
import { type Browser, chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type Repo } from '../gates/repo.js';
import { record } from '../orchestrator/run-records.js';
import { CHROMIUM, CHROMIUM_ARGS, ENTRY, type RunningBoard, startBoard } from './board-fixture.js';

let repo: Repo | undefined;
let board: RunningBoard | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await board?.stop();
  repo?.cleanup();
});

describe("the board's runs page", () => {
  it('shows the newest 20 of 25 runs and says 5 are not shown; Show all lists the 25', async () => {
    repo = makeRepo({ 'README.md': '# prefs\n' });
    const first = Date.now() - 60 * 60_000;
    const ids = Array.from({ length: 25 }, (_, i) => record(repo!.dir, i, new Date(first + i * 60_000)));
    board = await startBoard(ENTRY, repo.dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const shown = () =>
      page
        .locator('table.runs tr[data-run]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));

    await page.goto(`${board.url}#/runs`);
    await page.waitForSelector('table.runs tr[data-run]', { timeout: 30_000 });
    expect(await shown()).toEqual(ids.slice(5).reverse());
    expect(await page.locator('#runs .earlier').textContent()).toBe('5 earlier runs not shown. Show all');

    await page.locator('#runs .earlier a').click();
    await page.waitForFunction(
      () => document.querySelectorAll('table.runs tr[data-run]').length === 25,
      null,
      {
        timeout: 30_000,
      },
    );
    expect(await shown()).toEqual([...ids].reverse());
    expect(await page.locator('#runs .earlier').count()).toBe(0);
  }, 120_000);
});
