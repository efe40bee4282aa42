// Kill-date sources that disagree, and markers read by check itself: the earliest date governs
// (an overdue item is reported as overdue, with the disagreement beside it), and a marker for
// temporary code that no lock's gate 7 declares is reported.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { killDates } from '../../src/api/killdates.js';
import { day, TODAY } from '../helpers/dates.js';
import { cli, commitAll, gate7, makeRepo, write } from './repo.js';

type F = { rule: string; file: string; line?: number; message: string; severity: string };
const checkJson = (repo: string, ...args: string[]) => {
  const r = cli(repo, ['check', '--json', '--today', TODAY, ...args]);
  return { code: r.code, findings: JSON.parse(r.stdout).findings as F[] };
};

describe('sources that disagree', () => {
  const repo = makeRepo({
    // the lock is long past its date; a marker for the same flag says a later one
    'feature-builds/export/PRE-BUILD-LOCK.md': gate7('flag `export_v2`', '14 days clean', day(-323)),
    'src/export.ts': `export const on = 1; // KILLDATE ${day(40)} flag export_v2: 14 days clean\n`,
    // two locks name one shim: the earlier date has not passed yet
    'feature-builds/import/PRE-BUILD-LOCK.md': gate7('shim `csv_v1`', '0 calls for 7 days', day(30)),
    'feature-builds/_completed/csv/PRE-BUILD-LOCK.md': gate7('shim `csv_v1`', '0 calls for 7 days', day(60)),
  });

  it('the earliest date governs: every source of the flag is overdue, and the disagreement is listed', async () => {
    const r = await killDates({ cwd: repo, today: TODAY });
    const lock = r.items.find((i) => i.file === 'feature-builds/export/PRE-BUILD-LOCK.md');
    const marker = r.items.find((i) => i.file === 'src/export.ts');
    expect(lock).toMatchObject({ status: 'overdue', daysLeft: -323 });
    expect(lock?.conflict).toContain(`src/export.ts:1 says ${day(40)}`);
    expect(marker).toMatchObject({ status: 'overdue', daysLeft: -323, governs: day(-323) });
    expect(r.summary.overdue).toBe(2);
    expect(r.summary.conflicts).toBe(4);
    const shims = r.items.filter(
      (i) => i.file.endsWith('csv/PRE-BUILD-LOCK.md') || i.file.includes('/import/'),
    );
    expect(shims.map((i) => i.status)).toEqual(['inconsistent', 'inconsistent']);
  });

  it('check reports overdue and inconsistent for both sources of the flag, from the lock and the code', () => {
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    const of = (rule: string) =>
      findings
        .filter((f) => f.rule === rule)
        .map((f) => f.file)
        .sort();
    expect(of('killdate/overdue')).toEqual(['feature-builds/export/PRE-BUILD-LOCK.md', 'src/export.ts']);
    expect(of('killdate/inconsistent')).toEqual([
      'feature-builds/_completed/csv/PRE-BUILD-LOCK.md',
      'feature-builds/export/PRE-BUILD-LOCK.md',
      'feature-builds/import/PRE-BUILD-LOCK.md',
      'src/export.ts',
    ]);
    const marker = findings.find((f) => f.rule === 'killdate/overdue' && f.file === 'src/export.ts');
    expect(marker?.message).toContain(`kill date ${day(-323)} of flag export_v2 passed 323 days ago`);
    expect(marker?.message).toContain(`this one says ${day(40)}`);
    const shim = findings.find(
      (f) =>
        f.rule === 'killdate/inconsistent' && f.file === 'feature-builds/_completed/csv/PRE-BUILD-LOCK.md',
    );
    expect(shim?.message).toContain(`the earliest, ${day(30)}, governs`);
  });

  it('the killdates command says which sources disagree', () => {
    const r = cli(repo, ['killdates', '--today', TODAY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`disagree: src/export.ts:1 says ${day(40)}`);
    expect(r.stdout).toContain('2 overdue');
  });
});

describe('check reads KILLDATE markers', () => {
  it('reports an overdue marker, a marker no lock declares, and sees a change to code at once', () => {
    const repo = makeRepo({
      'feature-builds/export/PRE-BUILD-LOCK.md': gate7('flag `export_v2`', '14 days clean', day(90)),
      'src/export.ts': `// KILLDATE ${day(90)} flag export_v2: 14 days clean\n`,
      'src/legacy.py': `x = 1\n# KILLDATE ${day(-3)} shim float_amounts: no float amounts for 30 days\n`,
    });
    const first = checkJson(repo);
    const kd = first.findings.filter((f) => f.rule.startsWith('killdate/'));
    expect(kd.map((f) => [f.rule, f.file, f.line, f.severity])).toEqual([
      ['killdate/overdue', 'src/legacy.py', 2, 'error'],
      ['killdate/undeclared', 'src/legacy.py', 2, 'warning'],
    ]);
    // the check cache must not hide a change to code: the shim goes, a new marker appears
    write(repo, {
      'src/legacy.py': 'x = 1\n',
      'src/export.ts': `// KILLDATE ${day(90)} flag export_v2: 14 days clean\n// KILLDATE ${day(20)} banner: launch + 14 days\n`,
    });
    const second = checkJson(repo);
    const kd2 = second.findings.filter((f) => f.rule.startsWith('killdate/'));
    expect(kd2.map((f) => [f.rule, f.file, f.line])).toEqual([['killdate/undeclared', 'src/export.ts', 2]]);
    // untracked code is not read (git grep walks tracked files); committed, it is
    write(repo, { 'src/new.ts': `// KILLDATE ${day(-1)} flag beta: 0 errors\n` });
    expect(checkJson(repo).findings.some((f) => f.file === 'src/new.ts')).toBe(false);
    commitAll(repo, 'beta');
    expect(
      checkJson(repo)
        .findings.filter((f) => f.file === 'src/new.ts')
        .map((f) => f.rule),
    ).toEqual(['killdate/overdue', 'killdate/undeclared']);
  });

  it('a rules: override turns undeclared markers into errors', () => {
    const repo = makeRepo({
      'killdate.config.yaml': 'rules:\n  killdate/undeclared: error\n',
      'src/a.ts': `// KILLDATE ${day(50)} flag gamma: 0 errors for 14 days\n`,
    });
    const r = checkJson(repo);
    expect(r.code).toBe(1);
    expect(r.findings.find((f) => f.rule === 'killdate/undeclared')?.severity).toBe('error');
  });

  it('outside a git repo check reads no markers and still runs', () => {
    const repo = makeRepo(
      { 'killdate.config.yaml': 'rules: {}\n', 'src/a.ts': `// KILLDATE ${day(-5)} flag gamma: 0 errors\n` },
      false,
    );
    rmSync(`${repo}/.git`, { recursive: true, force: true });
    const r = checkJson(repo);
    expect(r.findings.filter((f) => f.rule.startsWith('killdate/'))).toEqual([]);
  });
});
