import { describe, expect, it } from 'vitest';
import { killDateAlerts, killDates, stagedKillDateFindings } from '../../src/api/killdates.js';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { timeline } from '../../src/core/killdate-timeline.js';
import { parseMarkerLine, parsePrBody } from '../../src/core/killdates.js';
import { day, IMPOSSIBLE, TODAY } from '../helpers/dates.js';
import { cli, gate7, git, makeRepo, write } from './repo.js';

describe('parseMarkerLine', () => {
  const cases: [string, string | undefined][] = [
    [`// KILLDATE ${day(67)} flag new_dashboard: 100% for 14 days`, 'flag new_dashboard'],
    [`# KILLDATE ${day(67)} shim: zero calls for 7 days`, 'shim'],
    [`-- KILLDATE ${day(67)} old_table: no reads for 30 days`, 'old_table'],
    [`/* KILLDATE ${day(67)} fallback: 0 hits for 7 days */`, 'fallback'],
    [`<!-- KILLDATE ${day(67)} banner: after launch + 14 days -->`, 'banner'],
    [`; KILLDATE ${day(67)} lisp shim: 0 callers`, 'lisp shim'],
    [` * KILLDATE ${day(67)} in a block comment: 0 callers`, 'in a block comment'],
    [`const s = "KILLDATE ${day(67)} not a comment: x"`, undefined],
    ['// see the KILLDATE docs', undefined],
  ];
  for (const [line, what] of cases)
    it(line, () => {
      const m = parseMarkerLine(line);
      expect(m?.what).toBe(what);
      if (what) expect(m?.raw).toBe(day(67));
    });
  it('keeps the criterion without the comment closer', () => {
    expect(parseMarkerLine(`/* KILLDATE ${day(67)} x: 0 hits */`)?.criterion).toBe('0 hits');
  });
});

describe('PR body', () => {
  it('reads Sunset criterion and Kill date in either order', () => {
    const items = parsePrBody(
      `## Summary\n\n**Kill date:** ${day(96)}\n**Sunset criterion:** 0 errors for 14 days\n**Temporary code:** flag beta\n`,
    );
    expect(items).toEqual([
      expect.objectContaining({
        what: 'flag beta',
        raw: day(96),
        criterion: '0 errors for 14 days',
        source: 'pr-body',
      }),
    ]);
  });
});

describe('killDates over a real repo', () => {
  const repo = makeRepo({
    'feature-builds/export/PRE-BUILD-LOCK.md': gate7(
      'flag `export_v2`',
      '100% of users for 14 days, zero errors',
      day(6),
    ),
    'feature-builds/_completed/import/PRE-BUILD-LOCK.md': gate7(
      'shim `import_v1`',
      '0 calls for 7 days',
      day(-5),
    ),
    'feature-builds/search/PRE-BUILD-LOCK.md': gate7('fallback `search_sql`', '0 hits for 30 days', 'TBD'),
    'src/a.ts': `export const a = 1; // KILLDATE ${day(217)} flag new_nav: 100% for 14 days\n`,
    'src/b.py': `x = 1  # KILLDATE ${IMPOSSIBLE} parser fallback: 0 hits for 30 days\n`,
    'src/c.sql': `-- KILLDATE ${day(29)} flag export_v2: 14 days clean\n`,
    'src/d.rb': `# KILLDATE ${day(157)} no criterion here\n`,
    'src/blob.bin': Buffer.concat([
      Buffer.from('PK\u0000\u0001'),
      Buffer.from(`// KILLDATE ${day(-2520)} binary: x\n`),
    ]),
    'node_modules/lib/index.js': `// KILLDATE ${day(-2520)} vendored: x\n`,
    'vendor/lib.rb': `# KILLDATE ${day(-2520)} vendored: x\n`,
    'web/app.min.js': `// KILLDATE ${day(-2520)} minified: x\n`,
  });

  it('collects locks (active and completed) and markers, with status and days left', async () => {
    const r = await killDates({ cwd: repo, today: TODAY });
    const by = (file: string) => r.items.find((i) => i.file === file);
    expect(by('feature-builds/_completed/import/PRE-BUILD-LOCK.md')).toMatchObject({
      status: 'overdue',
      daysLeft: -5,
      completed: true,
    });
    expect(by('feature-builds/export/PRE-BUILD-LOCK.md')).toMatchObject({
      status: 'inconsistent',
      date: day(6),
    });
    expect(by('src/c.sql')).toMatchObject({ status: 'inconsistent', line: 1 });
    expect(by('feature-builds/search/PRE-BUILD-LOCK.md')).toMatchObject({ status: 'missing' });
    expect(by('src/b.py')).toMatchObject({
      status: 'missing',
      problem: expect.stringContaining(IMPOSSIBLE),
    });
    expect(by('src/d.rb')).toMatchObject({
      status: 'missing',
      problem: expect.stringContaining('criterion'),
    });
    expect(by('src/a.ts')).toMatchObject({ status: 'ok', daysLeft: 217 });
    expect(r.items.map((i) => i.file).filter((f) => /bin|vendor|node_modules|min\.js/.test(f))).toEqual([]);
    expect(r.summary).toMatchObject({ overdue: 1, inconsistent: 2, missing: 3, ok: 1 });
  });

  it('filters by --within and gives the start report its alerts', async () => {
    const r = await killDates({ cwd: repo, today: TODAY, withinDays: 30 });
    expect(r.items.find((i) => i.file === 'src/a.ts')).toBeUndefined();
    const alerts = await killDateAlerts({ cwd: repo, today: TODAY });
    expect(alerts.every((a) => a.status !== 'ok')).toBe(true);
  });

  it('prints a timeline by month', async () => {
    const r = await killDates({ cwd: repo, today: TODAY });
    const t = timeline(r.items, r.today);
    expect(t).toContain(`${TODAY.slice(0, 7)} ┤  ◀ today ${TODAY}`);
    const nav = day(217);
    expect(t).toContain(`${nav.slice(0, 7)} ┤\n   ${nav.slice(8)} │ ok        flag new_nav`);
    expect(t).toContain('no date');
  });

  it('the built CLI exits 1 on an overdue date and prints one JSON document', () => {
    const r = cli(repo, ['killdates', '--json', '--today', TODAY]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.summary.overdue).toBe(1);
    const ok = cli(repo, ['killdates', '--today', day(-15), '--within', '3d']);
    expect(ok.stdout).toContain('kill date');
  });

  it('check fails on the overdue lock date', () => {
    const r = cli(repo, ['check', '--json', '--today', TODAY]);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.filter((f: { rule: string }) => f.rule === 'killdate/overdue')).toHaveLength(1);
    expect(r.code).toBe(1);
  });
});

describe('pre-commit: staged markers', () => {
  it('refuses markers the commit adds that are overdue or have no real date, nothing else', () => {
    const repo = makeRepo({
      'src/old.ts': `// KILLDATE ${day(-2520)} old: committed before, not this commit\n`,
    });
    write(repo, {
      'src/new.ts': `a\n// KILLDATE ${IMPOSSIBLE} flag beta: 0 errors for 14 days\n// KILLDATE ${day(157)} flag gamma: 0 errors for 14 days\n`,
      'src/late.py': `# KILLDATE ${day(-24)} shim: 0 calls\n`,
      'node_modules/x/i.js': `// KILLDATE ${day(-2520)} vendored: x\n`,
    });
    git(repo, 'add', '-A', '-f');
    const f = stagedKillDateFindings(repo, TODAY);
    expect(f.map((x) => `${x.rule} ${x.file}:${x.line}`)).toEqual([
      'killdate/overdue src/late.py:1',
      'killdate/missing src/new.ts:2',
    ]);
  });
});

describe('an invalid gate 7 date is reported once', () => {
  it('by lock/kill-date-invalid, not again by killdate/missing; killdates still lists it as missing', async () => {
    const lock = gate7('flag `recurring`', '0 errors for 14 days', IMPOSSIBLE);
    const ws = exampleWorkspace({ 'feature-builds/recurring/PRE-BUILD-LOCK.md': lock }, TODAY);
    const line = lock.split('\n').findIndex((l) => l.includes(IMPOSSIBLE)) + 1;
    const atLine = runRules(ws).filter((f) => f.line === line);
    expect(atLine.map((f) => f.rule)).toEqual(['lock/kill-date-invalid']);
    const repo = makeRepo({ 'feature-builds/recurring/PRE-BUILD-LOCK.md': lock });
    const r = await killDates({ cwd: repo, today: TODAY });
    expect(r.items.map((i) => `${i.status} ${i.raw}`)).toEqual([`missing ${IMPOSSIBLE}`]);
  });
});
