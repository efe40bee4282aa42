// killdate ui on the demo in headless Chromium (Debian's chromium, driven by playwright-core):
// every page loads with its figures, a sign-off and an approval made on the page write exactly
// what the CLI writes in a twin workspace, a file edited on disk shows without a reload, and
// the charts draw what `killdate metrics --json` prints. Screenshots go to test-artifacts/board/.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  cli,
  ENTRY,
  type RunningBoard,
  runTask2,
  startBoard,
} from './board-fixture.js';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/board');
const RUNBOOK2 = 'feature-builds/overdue-badges/runbook-02-list-badge.md';

let entry: string;
let dir: string;
let a: string; // the workspace the page acts on
let b: string; // its twin, where the CLI acts
let board: RunningBoard;
let browser: Browser;
let page: Page;

const json = (root: string, args: string[], allowFail = false) =>
  JSON.parse(cli(entry, root, [...args, '--json'], { allowFail }).stdout);

/** Timestamps and run ids differ between twins; everything else must not. */
const normal = (text: string) =>
  text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/\d{8}T\d{6}Z-[a-z0-9-]+-[0-9a-f]{6}/g, '<run>')
    .replace(/\d+ ms/g, '<n> ms');

async function open(route: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, route);
  await page.waitForFunction(
    (name) => {
      const panels = [...document.querySelectorAll<HTMLElement>('.panel')];
      return (
        document.querySelector('main')?.dataset.page === name &&
        panels.length > 0 &&
        panels.every((p) => p.dataset.state !== 'loading')
      );
    },
    route.slice(2).split('?')[0],
    { timeout: 30_000 },
  );
  expect(await page.$$eval('.panel[data-state=error]', (els) => els.map((e) => e.textContent))).toEqual([]);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  entry = ENTRY;
  dir = mkdtempSync(join(tmpdir(), 'killdate-board-'));
  a = join(dir, 'a');
  b = join(dir, 'b');
  cli(entry, dir, ['demo', '--dir', a]);
  cpSync(a, b, { recursive: true });
  runTask2(entry, a);
  runTask2(entry, b);
  mkdirSync(ARTIFACTS, { recursive: true });
  board = await startBoard(entry, a);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(board.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (board) await board.stop();
  rmSync(dir, { recursive: true, force: true });
});

// A step waits up to 30 s for the page (a busy CI machine); a test has two or three such steps,
// so its own limit is above their sum and a slow step fails naming its selector.
describe('killdate ui on the demo', { timeout: 120_000 }, () => {
  it('shows the board: features by state with their next checkpoint and blockers', async () => {
    await open('#/board');
    const status = json(a, ['status']);
    for (const f of status.features) {
      const card = page.locator(`[data-column="${f.state}"] [data-feature="${f.slug}"]`);
      await expect(card.count()).resolves.toBe(1);
      if (f.next) expect(await card.locator('.next').textContent()).toContain(f.next);
    }
    expect(await page.locator('[data-feature=recurring-invoices] .blockers li').count()).toBeGreaterThan(0);
    await shot('board');
    if (process.env.KILLDATE_DOCS_SCREENSHOT === '1')
      await page.screenshot({ path: join(import.meta.dirname, '../../docs/board.png') });
  });

  it('opens a finding at its file and line, rendered', async () => {
    await open('#/findings');
    const check = json(a, ['check'], true);
    expect(await page.locator('[data-shown]').getAttribute('data-shown')).toBe(String(check.findings.length));
    await shot('findings');
    await page.selectOption('select[name=severity]', 'error');
    await page.waitForFunction(() => location.hash.includes('severity=error'));
    await open(`#/findings?severity=error`);
    const errors = check.findings.filter((f: { severity: string }) => f.severity === 'error').length;
    expect(await page.locator('[data-shown]').getAttribute('data-shown')).toBe(String(errors));
    const link = page.locator('table.findings a.file').first();
    const [file, line] = (await link.textContent())!.split(':');
    await link.click();
    await page.waitForSelector('.doc .target, pre.source .target', { timeout: 30_000 });
    expect(page.url()).toContain(`path=${encodeURIComponent(file!)}`);
    expect(Number(await page.locator('.target').first().getAttribute('data-line'))).toBeLessThanOrEqual(
      Number(line),
    );
    await shot('document');
  });

  it('shows kill dates on a timeline with the same counts as killdate killdates', async () => {
    await open('#/killdates');
    const k = json(a, ['killdates'], true);
    for (const s of ['overdue', 'due-soon', 'ok'])
      expect(await page.locator(`[data-count="${s}"]`).textContent()).toMatch(
        new RegExp(`^${k.summary[s]} `),
      );
    expect(await page.locator('.kd').count()).toBe(k.items.length);
    await shot('killdates');
  });

  it('shows the session log with the live RESUME HERE, the roadmap and known issues', async () => {
    await open('#/session');
    expect(await page.locator('#resume').getAttribute('data-state')).toBe('populated');
    expect(await page.locator('#resume li').allTextContents()).toContain(
      'Fill the OUT list of recurring-invoices.',
    );
    expect(await page.locator('#log .entry').count()).toBeGreaterThan(1);
    expect(await page.locator('#issues li').count()).toBe(json(a, ['bug', 'list']).issues.length);
    await shot('session');
  });

  it('shows a file edited on disk without a reload', async () => {
    await open('#/session');
    const marker = `Board live check ${Date.now()}`;
    const roadmap = join(a, 'project-management/ROADMAP.md');
    writeFileSync(roadmap, readFileSync(roadmap, 'utf8').replace(/(## Next\s*\n)/, `$1\n- [ ] ${marker}\n`));
    await page.waitForFunction((m) => document.querySelector('#roadmap')?.textContent?.includes(m), marker, {
      timeout: 15_000,
    });
  });

  it('lists every run and shows a transcript', async () => {
    await open('#/runs');
    const runs = json(a, ['runs']).runs;
    expect(await page.locator('table.runs tr[data-run]').count()).toBe(runs.length);
    await shot('runs');
    await open(`#/runs?id=${runs.at(-1).runId}`);
    expect(await page.locator('#run').textContent()).toContain('added a test for a paid invoice');
  });

  it('shows the active task and the last run, its checks and its output streamed', async () => {
    await open('#/live');
    const last = json(a, ['runs']).runs.at(-1);
    expect(await page.locator('.run').textContent()).toContain(last.runId);
    await page.waitForFunction(
      () => document.querySelector('pre.output')?.textContent?.includes('paid invoice'),
      null,
      {
        timeout: 15_000,
      },
    );
    expect(await page.locator('.run table.checks tr').count()).toBe(last.checks.length + 1);
    await shot('live');
  });

  it('approves a task from the review queue exactly as killdate approve does', async () => {
    await open('#/review');
    const card = page.locator('[data-task="overdue-badges/02-list-badge"]');
    expect(await card.locator('pre.diff').textContent()).toContain('a paid invoice is never late');
    expect(await card.textContent()).toContain('VALIDATE 2: npm test');
    await shot('review');
    await card.locator('[data-act=approve]').click();
    await card.locator('[data-confirm=approve]').click();
    await page.waitForSelector('#review[data-state=empty]', { timeout: 30_000 });
    cli(entry, b, ['approve', 'overdue-badges', '2']);
    const review = 'feature-builds/overdue-badges/REVIEW.md';
    expect(normal(readFileSync(join(a, review), 'utf8'))).toBe(normal(readFileSync(join(b, review), 'utf8')));
  });

  it('signs a re-opened checkpoint from the page exactly as killdate signoff does', async () => {
    for (const root of [a, b]) {
      const file = join(root, RUNBOOK2);
      writeFileSync(file, readFileSync(file, 'utf8').replace('# Runbook: badge', '# Runbook: the badge'));
    }
    await open('#/signoff?feature=overdue-badges');
    await page.waitForSelector('[data-checkpoint=CP-3][data-status=reopened] [data-act=signoff]', {
      timeout: 30_000,
    });
    await shot('signoff');
    await page.click('[data-checkpoint=CP-3] [data-act=signoff]');
    // a file written while the confirmation is open (an agent at work): the page takes the
    // change (the feature picker reads again) but leaves the confirmation where it is
    const redrawn = page.waitForResponse((r) => r.url().includes('/api/features'), { timeout: 30_000 });
    writeFileSync(join(a, 'scratch.txt'), `${Date.now()}\n`);
    await redrawn;
    expect(await page.locator('[data-confirm=signoff]').count()).toBe(1);
    await page.click('[data-confirm=signoff]');
    await page.waitForSelector('[data-checkpoint=CP-3][data-status=signed]', { timeout: 30_000 });
    cli(entry, b, ['signoff', 'overdue-badges', 'cp3', '--yes']);
    const signoffs = 'feature-builds/overdue-badges/SIGNOFFS.md';
    expect(normal(readFileSync(join(a, signoffs), 'utf8'))).toBe(
      normal(readFileSync(join(b, signoffs), 'utf8')),
    );
  });

  it('draws exactly what killdate metrics --json prints', async () => {
    await open('#/metrics');
    await shot('metrics');
    const m = json(a, ['metrics']);
    const bars = async (id: string) =>
      page.$$eval(`#${id} g.bar`, (gs) =>
        gs.map((g) => [g.getAttribute('data-label'), Number(g.getAttribute('data-value'))]),
      );
    const sorted = (rows: [string, number][]) => [...rows].sort((x, y) => y[1] - x[1] || 0);
    const tasks = (key: 'iterations' | 'tokens' | 'scopeViolations') =>
      m.tasks.map((t: Record<string, string | number>) => [`${t.feature} ${t.task}`, t[key]]);
    expect(await bars('chart-iterations')).toEqual(sorted(tasks('iterations')));
    expect(await bars('chart-tokens-task')).toEqual(sorted(tasks('tokens')));
    expect(await bars('chart-scope')).toEqual(sorted(tasks('scopeViolations')));
    expect(await bars('chart-tokens-agent')).toEqual(
      sorted(m.agents.map((x: { agent: string; tokens: number }) => [x.agent, x.tokens])),
    );
    expect(await bars('chart-killdates')).toEqual(
      m.killDates.byMonth.map((x: { month: string; overdue: number; dueSoon: number; ok: number }) => [
        x.month,
        x.overdue + x.dueSoon + x.ok,
      ]),
    );
    expect(await bars('chart-ship')).toEqual(
      m.features
        .filter((f: { cp0At?: string }) => f.cp0At)
        .map((f: { feature: string; daysCp0ToCp3?: number; daysCp0ToShipped?: number }) => [
          f.feature,
          Math.max(f.daysCp0ToCp3 ?? 0, f.daysCp0ToShipped ?? 0),
        ]),
    );
    const totals = page.locator('#metrics-totals');
    expect(await totals.getAttribute('data-approved')).toBe(String(m.totals.decisions.approved));
    expect(m.totals.decisions.approved).toBe(2);
    expect(await totals.getAttribute('data-missed')).toBe(String(m.killDates.missed));
  });

  it('stops cleanly on Ctrl-C', async () => {
    await page.close();
    expect(await board.stop()).toBe(0);
    expect(board.output()).toContain('board stopped');
  });
});
