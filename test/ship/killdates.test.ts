import { describe, expect, it } from 'vitest';
import { killDateAlerts, killDates, stagedKillDateFindings } from '../../src/api/killdates.js';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { timeline } from '../../src/core/killdate-timeline.js';
import { parseMarkerLine, parsePrBody } from '../../src/core/killdates.js';
import { cli, gate7, git, makeRepo, write } from './repo.js';

describe('parseMarkerLine', () => {
  const cases: [string, string | undefined][] = [
    ['// KILLDATE 2027-01-31 flag new_dashboard: 100% for 14 days', 'flag new_dashboard'],
    ['# KILLDATE 2027-01-31 shim: zero calls for 7 days', 'shim'],
    ['-- KILLDATE 2027-01-31 old_table: no reads for 30 days', 'old_table'],
    ['/* KILLDATE 2027-01-31 fallback: 0 hits for 7 days */', 'fallback'],
    ['<!-- KILLDATE 2027-01-31 banner: after launch + 14 days -->', 'banner'],
    ['; KILLDATE 2027-01-31 lisp shim: 0 callers', 'lisp shim'],
    [' * KILLDATE 2027-01-31 in a block comment: 0 callers', 'in a block comment'],
    ['const s = "KILLDATE 2027-01-31 not a comment: x"', undefined],
    ['// see the KILLDATE docs', undefined],
  ];
  for (const [line, what] of cases)
    it(line, () => {
      const m = parseMarkerLine(line);
      expect(m?.what).toBe(what);
      if (what) expect(m?.raw).toBe('2027-01-31');
    });
  it('keeps the criterion without the comment closer', () => {
    expect(parseMarkerLine('/* KILLDATE 2027-01-31 x: 0 hits */')?.criterion).toBe('0 hits');
  });
});

describe('PR body', () => {
  it('reads Sunset criterion and Kill date in either order', () => {
    const items = parsePrBody(
      '## Summary\n\n**Kill date:** 2027-03-01\n**Sunset criterion:** 0 errors for 14 days\n**Temporary code:** flag beta\n',
    );
    expect(items).toEqual([
      expect.objectContaining({
        what: 'flag beta',
        raw: '2027-03-01',
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
      '2026-12-01',
    ),
    'feature-builds/_completed/import/PRE-BUILD-LOCK.md': gate7(
      'shim `import_v1`',
      '0 calls for 7 days',
      '2026-11-20',
    ),
    'feature-builds/search/PRE-BUILD-LOCK.md': gate7('fallback `search_sql`', '0 hits for 30 days', 'TBD'),
    'src/a.ts': 'export const a = 1; // KILLDATE 2027-06-30 flag new_nav: 100% for 14 days\n',
    'src/b.py': 'x = 1  # KILLDATE 2027-02-30 parser fallback: 0 hits for 30 days\n',
    'src/c.sql': '-- KILLDATE 2026-12-24 flag export_v2: 14 days clean\n',
    'src/d.rb': '# KILLDATE 2027-05-01 no criterion here\n',
    'src/blob.bin': Buffer.concat([
      Buffer.from('PK\u0000\u0001'),
      Buffer.from('// KILLDATE 2020-01-01 binary: x\n'),
    ]),
    'node_modules/lib/index.js': '// KILLDATE 2020-01-01 vendored: x\n',
    'vendor/lib.rb': '# KILLDATE 2020-01-01 vendored: x\n',
    'web/app.min.js': '// KILLDATE 2020-01-01 minified: x\n',
  });

  it('collects locks (active and completed) and markers, with status and days left', async () => {
    const r = await killDates({ cwd: repo, today: '2026-11-25' });
    const by = (file: string) => r.items.find((i) => i.file === file);
    expect(by('feature-builds/_completed/import/PRE-BUILD-LOCK.md')).toMatchObject({
      status: 'overdue',
      daysLeft: -5,
      completed: true,
    });
    expect(by('feature-builds/export/PRE-BUILD-LOCK.md')).toMatchObject({
      status: 'inconsistent',
      date: '2026-12-01',
    });
    expect(by('src/c.sql')).toMatchObject({ status: 'inconsistent', line: 1 });
    expect(by('feature-builds/search/PRE-BUILD-LOCK.md')).toMatchObject({ status: 'missing' });
    expect(by('src/b.py')).toMatchObject({
      status: 'missing',
      problem: expect.stringContaining('2027-02-30'),
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
    const r = await killDates({ cwd: repo, today: '2026-11-25', withinDays: 30 });
    expect(r.items.find((i) => i.file === 'src/a.ts')).toBeUndefined();
    const alerts = await killDateAlerts({ cwd: repo, today: '2026-11-25' });
    expect(alerts.every((a) => a.status !== 'ok')).toBe(true);
  });

  it('prints a timeline by month', async () => {
    const r = await killDates({ cwd: repo, today: '2026-11-25' });
    const t = timeline(r.items, r.today);
    expect(t).toContain('2026-11 ┤  ◀ today 2026-11-25');
    expect(t).toMatch(/2027-06 ┤\n {3}30 │ ok {8}flag new_nav/);
    expect(t).toContain('no date');
  });

  it('the built CLI exits 1 on an overdue date and prints one JSON document', () => {
    const r = cli(repo, ['killdates', '--json', '--today', '2026-11-25']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.summary.overdue).toBe(1);
    const ok = cli(repo, ['killdates', '--today', '2026-11-10', '--within', '3d']);
    expect(ok.stdout).toContain('kill date');
  });

  it('check fails on the overdue lock date', () => {
    const r = cli(repo, ['check', '--json', '--today', '2026-11-25']);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.filter((f: { rule: string }) => f.rule === 'killdate/overdue')).toHaveLength(1);
    expect(r.code).toBe(1);
  });
});

describe('pre-commit: staged markers', () => {
  it('refuses markers the commit adds that are overdue or have no real date, nothing else', () => {
    const repo = makeRepo({
      'src/old.ts': '// KILLDATE 2020-01-01 old: committed before, not this commit\n',
    });
    write(repo, {
      'src/new.ts':
        'a\n// KILLDATE 2027-02-30 flag beta: 0 errors for 14 days\n// KILLDATE 2027-05-01 flag gamma: 0 errors for 14 days\n',
      'src/late.py': '# KILLDATE 2026-11-01 shim: 0 calls\n',
      'node_modules/x/i.js': '// KILLDATE 2020-01-01 vendored: x\n',
    });
    git(repo, 'add', '-A', '-f');
    const f = stagedKillDateFindings(repo, '2026-11-25');
    expect(f.map((x) => `${x.rule} ${x.file}:${x.line}`)).toEqual([
      'killdate/overdue src/late.py:1',
      'killdate/missing src/new.ts:2',
    ]);
  });
});

describe('an invalid gate 7 date is reported once', () => {
  it('by lock/kill-date-invalid, not again by killdate/missing; killdates still lists it as missing', async () => {
    const lock = gate7('flag `recurring`', '0 errors for 14 days', '2026-02-30');
    const ws = exampleWorkspace({ 'feature-builds/recurring/PRE-BUILD-LOCK.md': lock }, '2026-11-25');
    const line = lock.split('\n').findIndex((l) => l.includes('2026-02-30')) + 1;
    const atLine = runRules(ws).filter((f) => f.line === line);
    expect(atLine.map((f) => f.rule)).toEqual(['lock/kill-date-invalid']);
    const repo = makeRepo({ 'feature-builds/recurring/PRE-BUILD-LOCK.md': lock });
    const r = await killDates({ cwd: repo, today: '2026-11-25' });
    expect(r.items.map((i) => `${i.status} ${i.raw}`)).toEqual(['missing 2026-02-30']);
  });
});
