// A feature from draft to ready: feature new, edit the lock, sign CP-0..CP-3, with status
// telling the truth at every step; edits re-open checkpoints; a mock change goes back to CP-1.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brief } from '../../src/api/brief.js';
import { featureComplete } from '../../src/api/complete.js';
import { featureNew, runbookNew } from '../../src/api/feature.js';
import { overlap } from '../../src/api/overlap.js';
import { planSignoff, recordSignoff } from '../../src/api/signoff.js';
import { status } from '../../src/api/status.js';
import { taskStart } from '../../src/api/task.js';
import { nest } from '../../src/core/brief.js';
import { parseSignoffs } from '../../src/core/signoffs.js';
import { countTokens } from '../../src/core/tokens.js';
import { TODAY } from '../helpers/dates.js';
import { CANONICAL, LOCK, MOCK, RUNBOOK } from './fixture.js';
import { makeRepo, type Repo, runCli } from './repo.js';

const DIR = 'feature-builds/settings-page';
let repo: Repo;
afterEach(() => repo?.cleanup());

const one = async () =>
  (await status({ cwd: repo.dir, feature: 'settings-page', today: TODAY })).features[0]!;
const sign = (cp: string) => {
  const plan = planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: cp, today: TODAY });
  expect(plan.blockers).toEqual([]);
  return recordSignoff(plan);
};

function readyFeature() {
  repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL });
  featureNew({ cwd: repo.dir, slug: 'settings-page' });
  repo.write({ [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK });
  sign('cp0');
  sign('cp1');
  repo.write({ [`${DIR}/mocks/settings.html`]: MOCK });
  sign('cp2');
  repo.write({ [`${DIR}/runbook-01-settings-form.md`]: RUNBOOK });
  sign('cp3');
}

describe('a feature through the gates', () => {
  it('draft -> locked -> mocked -> ready, status truthful at each step', async () => {
    repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL });
    const created = featureNew({ cwd: repo.dir, slug: 'settings-page' });
    expect(readFileSync(join(repo.dir, created.path), 'utf8')).toMatch(/^# Pre-build lock: settings-page/);
    let s = await one();
    expect(s).toMatchObject({ state: 'draft', next: 'CP-0' });
    expect(s.blockers.some((b) => b.gate === 1)).toBe(true);

    const refused = planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: 'cp0', today: TODAY });
    expect(refused.blockers.length).toBeGreaterThan(0);
    expect(() => recordSignoff(refused)).toThrow(/does not hold/);

    repo.write({ [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK });
    sign('cp0');
    expect(await one()).toMatchObject({ state: 'draft', next: 'CP-1' });
    sign('cp1');
    s = await one();
    expect(s).toMatchObject({ state: 'locked', next: 'CP-2' });
    expect(s.blockers.map((b) => b.rule)).toContain('checkpoint/mock-missing');

    repo.write({ [`${DIR}/mocks/settings.html`]: MOCK });
    sign('cp2');
    s = await one();
    expect(s).toMatchObject({ state: 'mocked', next: 'CP-3' });
    expect(s.blockers.map((b) => b.rule)).toContain('checkpoint/no-runbook');

    repo.write({ [`${DIR}/runbook-01-settings-form.md`]: RUNBOOK });
    expect((await one()).blockers).toEqual([]);
    sign('cp3');
    s = await one();
    expect(s.state).toBe('ready');
    expect(s.next).toBeUndefined();
    const record = parseSignoffs(readFileSync(join(repo.dir, DIR, 'SIGNOFFS.md'), 'utf8'));
    expect(record.map((r) => r.checkpoint)).toEqual(['CP-0', 'CP-1', 'CP-2', 'CP-3']);
    expect(record[0]!.by).toBe('Ada Reviewer <ada@example.com>');
    expect(record[3]!.documents).toEqual([
      { id: `${DIR}/runbook-01-settings-form.md`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { id: `${DIR}/runbook-01-settings-form.md#validate`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('editing a signed document re-opens its checkpoint and every later one, and says which file', async () => {
    readyFeature();
    writeFileSync(
      join(repo.dir, DIR, 'runbook-01-settings-form.md'),
      RUNBOOK.replace('alerts: boolean', 'alerts: boolean; weekly: boolean'),
    );
    let s = await one();
    expect(s).toMatchObject({ state: 'mocked', next: 'CP-3' });
    expect(s.checkpoints[3]).toMatchObject({
      status: 'reopened',
      changed: [{ id: `${DIR}/runbook-01-settings-form.md`, change: 'edited' }],
    });
    sign('cp3');
    writeFileSync(
      join(repo.dir, DIR, 'PRE-BUILD-LOCK.md'),
      LOCK.replace('push notifications', 'push and SMS notifications'),
    );
    s = await one();
    expect(s).toMatchObject({ state: 'draft', next: 'CP-1' });
    expect(s.checkpoints[1]!.reason).toMatch(/PRE-BUILD-LOCK\.md#gates-1-7 edited since the CP-1 sign-off/);
    expect(s.checkpoints[2]!.reason).toMatch(/CP-1 re-opened/);
    expect(s.checkpoints[0]!.status).toBe('signed');
  });

  it('a changed mock after CP-2 sends the feature back to CP-1', async () => {
    readyFeature();
    writeFileSync(join(repo.dir, DIR, 'mocks/settings.html'), MOCK.replace('Settings', 'Preferences'));
    const s = await one();
    expect(s).toMatchObject({ state: 'draft', next: 'CP-1' });
    expect(s.checkpoints[1]!.reason).toMatch(
      /mock feature-builds\/settings-page\/mocks\/settings\.html changed after CP-2/,
    );
  });

  it('a ready feature can start a task; brief works on it, complete refuses it unbuilt', async () => {
    readyFeature();
    repo.commit('ready');
    const t = taskStart({ cwd: repo.dir, feature: 'settings-page', task: '1', today: TODAY });
    expect(t.files).toEqual(['app/routes/settings.tsx', 'app/lib/email-prefs.ts']);
    expect(await one()).toMatchObject({ state: 'building', activeTask: '01-settings-form' });
    const b = await brief({ cwd: repo.dir, feature: 'settings-page', task: 'settings-form' });
    expect(b.text).toContain('**OUT (not in this build; do not add):**\n- push notifications');
    expect(b.text).toContain('| /account | profile editing works as before | test account.spec.ts |');
    // the runbook pasted whole, its headings nested under the brief's ## Runbook section
    expect(b.text).toContain(nest(RUNBOOK.trim(), 2));
    expect(b.text).toContain('### Runbook: settings-form');
    expect(b.tokens).toBe(countTokens(b.text));
    // the second count comes from the token cache, and agrees
    expect((await brief({ cwd: repo.dir, feature: 'settings-page', task: '1' })).tokens).toBe(b.tokens);
    expect(() => featureComplete({ cwd: repo.dir, feature: 'settings-page' })).toThrow(/still active/);
    runCli(repo.dir, ['task', 'stop']);
    expect(() => featureComplete({ cwd: repo.dir, feature: 'settings-page' })).toThrow(
      /task 01-settings-form has no approval in feature-builds\/settings-page\/REVIEW\.md/,
    );
  });

  it('a task does not start before CP-3', () => {
    repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL });
    featureNew({ cwd: repo.dir, slug: 'settings-page' });
    repo.write({ [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK, [`${DIR}/runbook-01-settings-form.md`]: RUNBOOK });
    repo.commit('draft');
    expect(() => taskStart({ cwd: repo.dir, feature: 'settings-page', task: '1' })).toThrow(
      /has not passed CP-3: CP-0 is unsigned/,
    );
  });

  it('runbook new writes the next number with the header filled', async () => {
    readyFeature();
    const r = runbookNew({ cwd: repo.dir, feature: 'settings-page', task: 'settings-action' });
    expect(r.path).toBe(`${DIR}/runbook-02-settings-action.md`);
    const text = readFileSync(join(repo.dir, r.path), 'utf8');
    expect(text).toMatch(/^# Runbook: settings-action/);
    expect(text).toContain('**Feature:** settings-page\n**Task:** 2 of 2\n**Branch:** feature/settings-page');
    expect(r.note).toMatch(/2 of 2/);
    expect(await one()).toMatchObject({ state: 'mocked', next: 'CP-3' });
  });

  it('two ready features whose FILES overlap are reported', async () => {
    readyFeature();
    const other = 'feature-builds/billing-page';
    repo.write({
      [`${other}/PRE-BUILD-LOCK.md`]: LOCK.replace('settings-page', 'billing-page'),
      [`${other}/mocks/settings.html`]: MOCK,
      [`${other}/runbook-01-settings-form.md`]: RUNBOOK.replace(
        'feature-builds/settings-page',
        other,
      ).replace('app/routes/settings.tsx', 'app/routes/**'),
    });
    expect(await overlap({ cwd: repo.dir, today: TODAY })).toMatchObject({
      features: ['settings-page'],
      overlaps: [],
    });
    for (const cp of ['cp0', 'cp1', 'cp2', 'cp3'])
      recordSignoff(planSignoff({ cwd: repo.dir, feature: 'billing-page', checkpoint: cp, today: TODAY }));
    const r = await overlap({ cwd: repo.dir, today: TODAY });
    expect(r.features).toEqual(['billing-page', 'settings-page']);
    expect(r.overlaps).toEqual([
      {
        features: ['billing-page', 'settings-page'],
        entries: ['app/routes/** ~ app/routes/settings.tsx', 'app/lib/email-prefs.ts'],
      },
    ]);
  });
});
