// The demo repo end to end through the built CLI: its kill dates (one overdue, one due soon,
// wherever the day), ci failing on the overdue marker, versions and boot of N-1, ship with the
// demo's own commands and attestations by flag, and the canary refusing to expand early.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDecisionSection, reviewHeader } from '../src/core/review-doc.js';
import { buildDemo } from '../src/demo/build.js';
import { demoGates } from '../src/demo/gates.js';
import { demoDates } from '../src/demo/tree.js';
import { day, TODAY } from './helpers/dates.js';

const BIN = join(process.cwd(), 'dist/killdate.js');

function kd(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The repo's git user as `killdate approve` writes it: git backs a decision its signer committed. */
const signer = (dir: string) =>
  ['user.name', 'user.email']
    .map((k) => spawnSync('git', ['config', k], { cwd: dir, encoding: 'utf8' }).stdout.trim())
    .reduce((name, email) => `${name} <${email}>`);

function repo(today = TODAY): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'killdate-demo-ship-')), 'quillbill');
  buildDemo(dir, undefined, demoDates(today));
  return dir;
}

type Item = { status: string; source: string; file: string; line?: number; date?: string };

beforeAll(() => {
  if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent']);
});

describe('the demo kill dates', () => {
  it.each([TODAY, day(365 + 217)])('built and read on %s: one overdue marker, one due-soon flag', (day) => {
    const dir = repo(day);
    const r = kd(dir, 'killdates', '--json', '--today', day);
    expect(r.code).toBe(1);
    const items = (JSON.parse(r.out) as { items: Item[] }).items;
    const overdue = items.filter((i) => i.status === 'overdue');
    expect(overdue.map((i) => `${i.source} ${i.file}:${i.line}`)).toEqual([
      'marker src/legacy/float-amounts.js:2',
    ]);
    const soon = items.filter((i) => i.status === 'due-soon');
    expect(soon.map((i) => `${i.source} ${i.file} ${i.date}`).sort()).toEqual([
      `lock feature-builds/overdue-badges/PRE-BUILD-LOCK.md ${demoDates(day).flagKill}`,
      `marker src/flags.js ${demoDates(day).flagKill}`,
    ]);
    expect(items.filter((i) => i.status === 'inconsistent')).toEqual([]);
  });

  it('killdate ci exits 1 and names the overdue marker', () => {
    const dir = repo();
    const r = kd(dir, 'ci', '--today', TODAY);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `src/legacy/float-amounts\\.js\\n\\s+2\\s+error\\s+kill date ${day(-10)} of shim float-amounts passed 10 days ago`,
      ),
    );
    const json = JSON.parse(kd(dir, 'ci', '--format', 'json', '--today', TODAY).out) as {
      findings: { rule: string; file: string; line: number }[];
    };
    expect(json.findings.filter((f) => f.rule === 'killdate/overdue')).toEqual([
      expect.objectContaining({ file: 'src/legacy/float-amounts.js', line: 2 }),
    ]);
  });
});

describe('versions and boot on the demo', () => {
  it('lists v1.2.0 as N, v1.1.0 as N-1, v1.0.0 as older, and boots N-1 with the demo boot script', () => {
    const dir = repo();
    const v = JSON.parse(kd(dir, 'versions', '--json').out) as { releases: { tag: string; role: string }[] };
    expect(v.releases.map((r) => `${r.role} ${r.tag}`)).toEqual(['N v1.2.0', 'N-1 v1.1.0', 'older v1.0.0']);
    const b = kd(dir, 'boot', 'v1.1.0');
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('v1.1.0 (N-1) is bootable: node scripts/boot.mjs exited 0');
    expect(b.err).toContain('boot: quillbill 1.1.0 answered /health');
  });
});

describe('ship and canary on the demo, with its configured commands', () => {
  const dir = repo();
  let shipped: ReturnType<typeof kd>;
  let started = 0;
  const at = (ms: number) => new Date(started + ms).toISOString();
  beforeAll(async () => {
    // signed and task 1 approved, as the demo leaves it: a canary needs a built feature
    await demoGates(dir, { today: TODAY });
    writeFileSync(
      join(dir, 'feature-builds/overdue-badges/REVIEW.md'),
      `${reviewHeader('overdue-badges')}\n${renderDecisionSection({ task: '01-days-overdue', runId: 'run-1', decision: 'approved', by: signer(dir), at: `${TODAY}T09:00:00Z` })}`,
    );
    spawnSync('git', ['add', '-A'], { cwd: dir });
    spawnSync('git', ['commit', '-qm', 'task 1 approved'], { cwd: dir });
    shipped = kd(
      dir,
      'ship',
      '--feature',
      'overdue-badges',
      '--attest',
      'invariants',
      '--attest',
      'staging-walkthrough',
    );
    const canary = JSON.parse(readFileSync(join(dir, '.killdate/canary/overdue-badges.json'), 'utf8'));
    started = Date.parse(canary.stageStartedAt);
  }, 180_000); // the demo, its gates and a ship: about 30 s alone, longer on a loaded 2-core machine

  it('runs every step to the end: migration first, staging, production, health, canary', () => {
    expect(shipped.code, shipped.out + shipped.err).toBe(0);
    expect(shipped.out).toMatch(/^shipped: every step of the checklist passed \(ship (\d{8}-\d{6})\)/);
    const id = /\(ship (\S+)\)/.exec(shipped.out)![1]!;
    const state = JSON.parse(readFileSync(join(dir, '.killdate/ship/state.json'), 'utf8'));
    expect(state.id).toBe(id);
    expect(state.steps.map((s: { id: string; status: string }) => `${s.id} ${s.status}`)).toEqual(
      [
        'tests',
        'clean-tree',
        'branch',
        'invariants',
        'migrations',
        'staging-deploy',
        'staging-suite',
        'staging-walkthrough',
        'deploy',
        'health',
        'canary',
        'log-entry',
        'deploy-status',
        'kill-dates',
      ].map((s) => `${s} done`),
    );
    expect(state.migrated).toBe(true);
    expect(readFileSync(join(dir, `.killdate/ship/${id}/tests.log`), 'utf8')).toMatch(/# pass 6\n# fail 0/);
    expect(readFileSync(join(dir, `.killdate/ship/${id}/health.log`), 'utf8')).toContain(
      'health: production runs quillbill 1.2.0 (GET /health 200)',
    );
    expect(readFileSync(join(dir, `.killdate/ship/${id}/staging-suite.log`), 'utf8')).toContain(
      'smoke staging',
    );
    const applied = spawnSync('node', ['scripts/migrate.mjs', '--applied'], { cwd: dir, encoding: 'utf8' });
    expect(applied.stdout).toBe('001-invoice-paid-at\n');
    expect(JSON.parse(readFileSync(join(dir, 'deploy/production/release.json'), 'utf8')).version).toBe(
      '1.2.0',
    );
  });

  it('writes the log entry and the ARCHITECTURE deploy status', () => {
    const id = /\(ship (\S+)\)/.exec(shipped.out)![1]!;
    const log = readFileSync(join(dir, 'project-management/_log.md'), 'utf8');
    expect(log.trimEnd().split('\n## ').at(-1)).toMatch(
      new RegExp(
        `^\\d{4}-\\d{2}-\\d{2}\\n\\n\\*\\*Branch:\\*\\* main\\n\\*\\*What happened:\\*\\* Deployed v1\\.2\\.0-\\d+-g[0-9a-f]+ to production with the checklist \\(killdate ship ${id}\\)\\. .*attested: invariants, staging-walkthrough\\.$`,
      ),
    );
    const arch = readFileSync(join(dir, 'project-management/ARCHITECTURE.md'), 'utf8');
    const region = /<!-- killdate:deploy-status -->\n([\s\S]*?)<!-- \/killdate:deploy-status -->/.exec(
      arch,
    )![1];
    expect(region).toMatch(
      /^- \*\*Last deploy:\*\* \d{4}-\d{2}-\d{2}\n- \*\*Current version:\*\* v1\.2\.0-\d+-g[0-9a-f]+\n/,
    );
    expect(region).toContain(`- **Shipped with:** killdate ship ${id}`);
    expect(arch.match(/killdate:deploy-status -->/g)).toHaveLength(2);
  });

  it('refuses to expand the canary before the clean window, with the time left', () => {
    const r = kd(dir, 'canary', 'expand', 'overdue-badges', '--now', at(5 * 60_000));
    expect(r.code).toBe(1);
    expect(r.out).toContain('clean window of "you": 10m left of 15m');
    expect(r.out).toMatch(/refused: the clean window of stage "you" has 10m left \(of 15m\)/);
    const state = JSON.parse(readFileSync(join(dir, '.killdate/canary/overdue-badges.json'), 'utf8'));
    expect(state.stage).toBe(0);
  });

  it('expands past the window: the logs command runs and the flag moves to one user', () => {
    const r = kd(dir, 'canary', 'expand', 'overdue-badges', '--now', at(16 * 60_000));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('you → [one user] → 10% → 50% → 100%');
    expect(r.out).toContain('log command output kept in .killdate/canary/overdue-badges/stage-1-logs.txt');
    const logs = readFileSync(join(dir, '.killdate/canary/overdue-badges/stage-1-logs.txt'), 'utf8');
    expect(logs).toMatch(/info deploy quillbill 1\.2\.0\n/);
    expect(logs).toContain('logs production:');
    expect(logs).toContain(', 0 errors');
    expect(JSON.parse(readFileSync(join(dir, 'deploy/production/flags.json'), 'utf8'))).toEqual({
      overdue_badges: 'one user',
    });
  });
});

describe('killdate demo --full', () => {
  it('prints check first, then kill dates, ci, the ship and the refused expand, and where to look', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'killdate-demo-full-')), 'q');
    const r = kd(process.cwd(), 'demo', '--full', '--dir', out, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    const order = [
      'killdate check',
      'killdate killdates',
      'killdate ci',
      'killdate ship',
      'killdate canary expand',
      'Where to look',
    ];
    const at = order.map((h) => r.out.indexOf(h));
    expect(at.every((n) => n >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.out).toContain('OVERDUE   shim float-amounts  src/legacy/float-amounts.js:2');
    expect(r.out).toContain('due soon  flag overdue_badges  src/flags.js:2');
    expect(r.out).toContain('killdate ci exits 1');
    expect(r.out).toContain('every step passed: 14 steps, 2 attested by flag');
    expect(r.out).toMatch(/expand refused: the clean window of stage "you" has 10m left/);
    expect(r.out).toMatch(/\.killdate\/ship\/\d{8}-\d{6}\/\s+the output of every checklist command/);
  }, 180_000);

  it('without --full ships nothing and says how to', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'killdate-demo-short-')), 'q');
    const r = kd(process.cwd(), 'demo', '--dir', out, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('killdate ship');
    expect(r.out).toContain('killdate demo --full');
    expect(existsSync(join(out, '.killdate/ship'))).toBe(false);
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: out, encoding: 'utf8' }).stdout).toBe('');
  }, 180_000);
});
