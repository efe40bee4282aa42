import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canaryExpand, canaryRollback, canaryStart, canaryStatus } from '../../src/api/canary.js';
import { todayIso } from '../../src/core/dates.js';
import { KilldateError } from '../../src/core/errors.js';
import { day, TODAY } from '../helpers/dates.js';
import { readyRepo } from '../orchestrator/fixture.js';
import { builtRepo, FEATURE } from './built.js';
import { cli } from './repo.js';

const ROOT = join(import.meta.dirname, '../..');
const t0 = new Date(`${TODAY}T10:00:00Z`);
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const config = (extra = '') => `commands:
  logs: echo "no errors in the last window"
canary:
  stages:
    - { name: you, window: 15m }
    - { name: one user, window: 2h }
    - { name: 100%, window: 0s }
${extra}`;

const ISSUES = `# Known issues\n\n**B-1 Export drops a row**\n\n- **Severity:** low\n- **Opened:** ${day(-24)}\n`;

describe('canary ladder', () => {
  it('refuses an early expand with the time left, runs the log command at the end of the window', async () => {
    const repo = builtRepo(config()).dir;
    const s = await canaryStart({ cwd: repo, feature: FEATURE, now: t0 });
    expect(s.view).toMatchObject({ stage: 0, stageName: 'you', leftMs: 15 * 60_000 });
    const early = await canaryExpand({ cwd: repo, feature: FEATURE, now: at(10) });
    expect(early.ok).toBe(false);
    expect(early.refused).toContain('5m left');
    const ok = await canaryExpand({ cwd: repo, feature: FEATURE, now: at(16) });
    expect(ok.ok).toBe(true);
    expect(ok.view.stageName).toBe('one user');
    expect(readFileSync(join(repo, ok.logFile!), 'utf8')).toContain('no errors in the last window');
    const st = await canaryStatus({ cwd: repo, feature: FEATURE, now: at(60) });
    expect(st.view).toMatchObject({ windowPassed: false, leftMs: 76 * 60_000 });
    expect((await canaryExpand({ cwd: repo, feature: FEATURE, now: at(16 + 121) })).view.status).toBe(
      'complete',
    );
  });

  it('the built CLI takes --now and exits 1 when the expand is refused', () => {
    const repo = builtRepo(config()).dir;
    expect(cli(repo, ['canary', 'start', FEATURE, '--now', `${TODAY}T10:00:00Z`]).code).toBe(0);
    const r = cli(repo, ['canary', 'expand', FEATURE, '--now', `${TODAY}T10:05:00Z`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('refused: the clean window of stage "you" has 10m left');
    expect(cli(repo, ['canary', 'status', FEATURE, '--now', 'yesterday']).code).toBe(2);
  });

  it('rolls back: schema before the revert when there is no flag, then a known issue with a unique id', async () => {
    const repo = builtRepo(
      config(`  schemaRollback: echo schema >> order.txt\n  revert: echo revert >> order.txt\n`),
      { 'project-management/KNOWN-ISSUES.md': ISSUES },
    ).dir;
    await canaryStart({ cwd: repo, feature: FEATURE, now: t0, migrated: true });
    const r = await canaryRollback({
      cwd: repo,
      feature: FEATURE,
      now: at(5),
      reason: 'exports time out for the first user',
    });
    expect(r.ok).toBe(true);
    expect(readFileSync(join(repo, 'order.txt'), 'utf8')).toBe('schema\nrevert\n');
    expect(r.rollback!.map((s) => s.step)).toEqual(['schema-rollback', 'revert', 'known-issue']);
    expect(r.knownIssue).toBe('B-2');
    const issues = readFileSync(join(repo, 'project-management/KNOWN-ISSUES.md'), 'utf8');
    expect(issues.startsWith(ISSUES)).toBe(true);
    expect(issues).toContain('### B-2 — settings-page rolled back from the canary at stage "you"');
    expect(issues).toContain('- **Symptoms:** exports time out for the first user');
    expect(issues).toContain(`- **Opened:** ${todayIso(at(5))}`);
    await expect(canaryExpand({ cwd: repo, feature: FEATURE, now: at(100) })).resolves.toMatchObject({
      ok: false,
    });
  });

  it('with a flag, turns the flag off and reverts nothing', async () => {
    const repo = builtRepo(
      config(`  flagOff: echo off >> order.txt\n  revert: echo revert >> order.txt\n`),
    ).dir;
    await canaryStart({ cwd: repo, feature: FEATURE, now: t0, migrated: true });
    const r = await canaryRollback({ cwd: repo, feature: FEATURE, now: at(1), layer: 'infra' });
    expect(readFileSync(join(repo, 'order.txt'), 'utf8')).toBe('off\n');
    expect(r.knownIssue).toBe('INF-1');
  });

  it('refuses a rollback that would revert code before a migrated schema, running nothing', async () => {
    const repo = builtRepo(config(`  revert: echo revert >> order.txt\n`)).dir;
    await canaryStart({ cwd: repo, feature: FEATURE, now: t0, migrated: true });
    await expect(canaryRollback({ cwd: repo, feature: FEATURE, now: at(1) })).rejects.toThrow(
      /schemaRollback/,
    );
    expect(existsSync(join(repo, 'order.txt'))).toBe(false);
  });

  it('a state file killdate did not write is refused, naming the file: its copy in git is what counts', async () => {
    const repo = builtRepo(config()).dir;
    await canaryStart({ cwd: repo, feature: FEATURE, now: t0 });
    const file = join(repo, '.killdate/canary/settings-page.json');
    const written = readFileSync(file, 'utf8');
    // the agent's move: the ladder moved on to its last stage, in valid JSON
    writeFileSync(file, `${JSON.stringify({ ...JSON.parse(written), stage: 2 }, null, 2)}\n`);
    const edited =
      '.killdate/canary/settings-page.json differs from the copy killdate keeps in git (refs/killdate/canary/settings-page): it was edited; nothing done';
    const r = cli(repo, ['canary', 'expand', FEATURE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(edited);
    await expect(canaryStatus({ cwd: repo, feature: FEATURE, now: at(1) })).rejects.toThrow(edited);
    writeFileSync(file, '{ "version": 1, ');
    expect(cli(repo, ['canary', 'status', FEATURE]).stderr).toContain(edited);
    // a state for a feature killdate never started: no copy in git
    writeFileSync(join(repo, '.killdate/canary/other.json'), written.replace(FEATURE, 'other'));
    expect(cli(repo, ['canary', 'status', 'other']).stderr).toContain(
      '.killdate/canary/other.json has no copy in git (refs/killdate/canary/other): killdate did not write it; nothing done',
    );
    writeFileSync(file, written);
    expect((await canaryStatus({ cwd: repo, feature: FEATURE, now: at(1) })).view.stage).toBe(0);
    await expect(canaryStart({ cwd: repo, feature: '../x', now: t0 })).rejects.toBeInstanceOf(KilldateError);
  });

  it("writes the rollback's known issue as `bug add` does: `check` accepts it, `bug list` shows it", () => {
    const template = readFileSync(join(ROOT, 'templates/project-management/KNOWN-ISSUES.md'), 'utf8');
    const repo = builtRepo(config(`  flagOff: "true"\n`), {
      'project-management/KNOWN-ISSUES.md': template.replace(/\{\{product\}\}/g, 'Quillbill'),
    }).dir;
    const now = ['--now', t0.toISOString()];
    expect(cli(repo, ['canary', 'start', FEATURE, ...now]).code).toBe(0);
    const r = cli(repo, ['canary', 'rollback', FEATURE, '--reason', 'totals are off by a cent', ...now]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const check = JSON.parse(cli(repo, ['check', '--json']).stdout) as { findings: { file: string }[] };
    expect(check.findings.filter((f) => f.file.endsWith('KNOWN-ISSUES.md'))).toEqual([]);
    const text = readFileSync(join(repo, 'project-management/KNOWN-ISSUES.md'), 'utf8');
    expect(text).not.toMatch(/^None\.$/m);
    expect(cli(repo, ['bug', 'list']).stdout).toBe(
      'B-1     high    settings-page rolled back from the canary at stage "you"\n1 open\n',
    );
  });

  it('refuses to start a canary of a feature that does not exist or was never built', () => {
    const repo = readyRepo({ agents: { extra: config() } }).dir;
    const missing = cli(repo, ['canary', 'start', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no feature nope in feature-builds/');
    const unbuilt = cli(repo, ['canary', 'start', FEATURE]);
    expect(unbuilt.code).toBe(1);
    expect(unbuilt.stderr).toContain(
      `no canary for ${FEATURE}: no task of it is approved in feature-builds/${FEATURE}/REVIEW.md: nothing was built`,
    );
    writeFileSync(join(repo, `feature-builds/${FEATURE}/runbook-02-form.md`), 'edited\n');
    const unsigned = cli(repo, ['canary', 'start', FEATURE]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain(`no canary for ${FEATURE}: it has not passed CP-3 (CP-3 is reopened`);
    expect(existsSync(join(repo, '.killdate/canary'))).toBe(false);
  });
});
