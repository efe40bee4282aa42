import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canaryExpand,
  canaryRollback,
  canaryStart,
  canaryStatus,
  nextIssueId,
} from '../../src/api/canary.js';
import { KilldateError } from '../../src/core/errors.js';
import { day, TODAY } from '../helpers/dates.js';
import { cli, makeRepo } from './repo.js';

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
    const repo = makeRepo({ 'killdate.config.yaml': config() });
    const s = await canaryStart({ cwd: repo, feature: 'export', now: t0 });
    expect(s.view).toMatchObject({ stage: 0, stageName: 'you', leftMs: 15 * 60_000 });
    const early = await canaryExpand({ cwd: repo, feature: 'export', now: at(10) });
    expect(early.ok).toBe(false);
    expect(early.refused).toContain('5m left');
    const ok = await canaryExpand({ cwd: repo, feature: 'export', now: at(16) });
    expect(ok.ok).toBe(true);
    expect(ok.view.stageName).toBe('one user');
    expect(readFileSync(join(repo, ok.logFile!), 'utf8')).toContain('no errors in the last window');
    const st = await canaryStatus({ cwd: repo, feature: 'export', now: at(60) });
    expect(st.view).toMatchObject({ windowPassed: false, leftMs: 76 * 60_000 });
    expect((await canaryExpand({ cwd: repo, feature: 'export', now: at(16 + 121) })).view.status).toBe(
      'complete',
    );
  });

  it('the built CLI takes --now and exits 1 when the expand is refused', () => {
    const repo = makeRepo({ 'killdate.config.yaml': config() });
    expect(cli(repo, ['canary', 'start', 'export', '--now', `${TODAY}T10:00:00Z`]).code).toBe(0);
    const r = cli(repo, ['canary', 'expand', 'export', '--now', `${TODAY}T10:05:00Z`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('refused: the clean window of stage "you" has 10m left');
    expect(cli(repo, ['canary', 'status', 'export', '--now', 'yesterday']).code).toBe(2);
  });

  it('rolls back: schema before the revert when there is no flag, then a known issue with a unique id', async () => {
    const repo = makeRepo({
      'killdate.config.yaml': config(
        `  schemaRollback: echo schema >> order.txt\n  revert: echo revert >> order.txt\n`,
      ),
      'project-management/KNOWN-ISSUES.md': ISSUES,
    });
    await canaryStart({ cwd: repo, feature: 'export', now: t0, migrated: true });
    const r = await canaryRollback({
      cwd: repo,
      feature: 'export',
      now: at(5),
      reason: 'exports time out for the first user',
    });
    expect(r.ok).toBe(true);
    expect(readFileSync(join(repo, 'order.txt'), 'utf8')).toBe('schema\nrevert\n');
    expect(r.rollback!.map((s) => s.step)).toEqual(['schema-rollback', 'revert', 'known-issue']);
    expect(r.knownIssue).toBe('B-2');
    const issues = readFileSync(join(repo, 'project-management/KNOWN-ISSUES.md'), 'utf8');
    expect(issues.startsWith(ISSUES)).toBe(true);
    expect(issues).toContain('**B-2 export rolled back from the canary at stage "you"**');
    expect(issues).toContain('- **Symptoms:** exports time out for the first user');
    expect(issues).toContain(`- **Opened:** ${TODAY}`);
    await expect(canaryExpand({ cwd: repo, feature: 'export', now: at(100) })).resolves.toMatchObject({
      ok: false,
    });
  });

  it('with a flag, turns the flag off and reverts nothing', async () => {
    const repo = makeRepo({
      'killdate.config.yaml': config(
        `  flagOff: echo off >> order.txt\n  revert: echo revert >> order.txt\n`,
      ),
    });
    await canaryStart({ cwd: repo, feature: 'export', now: t0, migrated: true });
    const r = await canaryRollback({ cwd: repo, feature: 'export', now: at(1), prefix: 'INF' });
    expect(readFileSync(join(repo, 'order.txt'), 'utf8')).toBe('off\n');
    expect(r.knownIssue).toBe('INF-1');
  });

  it('refuses a rollback that would revert code before a migrated schema, running nothing', async () => {
    const repo = makeRepo({ 'killdate.config.yaml': config(`  revert: echo revert >> order.txt\n`) });
    await canaryStart({ cwd: repo, feature: 'export', now: t0, migrated: true });
    await expect(canaryRollback({ cwd: repo, feature: 'export', now: at(1) })).rejects.toThrow(
      /schemaRollback/,
    );
    expect(existsSync(join(repo, 'order.txt'))).toBe(false);
  });

  it('a state file edited by hand is a clear error naming the file', async () => {
    const repo = makeRepo({ 'killdate.config.yaml': config() });
    await canaryStart({ cwd: repo, feature: 'export', now: t0 });
    const file = join(repo, '.killdate/canary/export.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...state, stage: 7 }));
    await expect(canaryStatus({ cwd: repo, feature: 'export', now: at(1) })).rejects.toThrow(
      /\.killdate\/canary\/export\.json is not a canary state killdate wrote: .*past the last stage/,
    );
    writeFileSync(file, '{ "version": 1, ');
    const r = cli(repo, ['canary', 'status', 'export']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.killdate/canary/export.json is not a canary state killdate wrote: not JSON');
    await expect(canaryStart({ cwd: repo, feature: '../x', now: t0 })).rejects.toBeInstanceOf(KilldateError);
  });

  it('issue ids are unique per prefix', () => {
    expect(nextIssueId('**B-3 x**\n**B-12 y**\n**INF-2 z**', 'B')).toBe('B-13');
    expect(nextIssueId('', 'SEC')).toBe('SEC-1');
  });
});
