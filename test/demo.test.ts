import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, demo } from '../src/api/demo.js';
import { KilldateError } from '../src/core/errors.js';
import { demoDates, demoTree } from '../src/demo/tree.js';
import { TODAY } from './helpers/dates.js';

const DATES = demoDates(TODAY);

const git = (cwd: string, ...args: string[]) =>
  spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout.trim();

describe('demo', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'killdate-demo-test-')), 'quillbill');
  let result: DemoResult;
  beforeAll(async () => {
    result = await demo({ dir, today: TODAY });
  });

  it('builds a git repo with commits by the fixed author and a clean tree', () => {
    expect(result.root).toBe(dir);
    // the built history ends at the v1.2.0 release; the gates part may sign off on top of it
    expect(git(dir, 'rev-parse', 'v1.2.0^{commit}')).toBe(result.commit);
    expect(
      spawnSync('git', ['merge-base', '--is-ancestor', result.commit, 'HEAD'], { cwd: dir }).status,
    ).toBe(0);
    expect(Number(git(dir, 'rev-list', '--count', 'HEAD'))).toBeGreaterThanOrEqual(4);
    expect(git(dir, 'tag', '--list', 'v*').split('\n')).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0']);
    expect(result.tags).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0']);
    expect(git(dir, 'log', '-1', '--format=%an <%ae>', result.commit)).toBe(
      'Quillbill Demo <demo@quillbill.example>',
    );
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'branch', '--show-current')).toBe('main');
  });

  it('holds the whole method layout and a product whose tests really run', () => {
    for (const p of Object.keys(demoTree(undefined, DATES))) expect(existsSync(join(dir, p)), p).toBe(true);
    const r = spawnSync('npm', ['test', '--silent'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/# fail 0/);
  });

  it('cites gate 1 of the locked feature verbatim from the marketing truth', () => {
    const lock = readFileSync(join(dir, 'feature-builds/overdue-badges/PRE-BUILD-LOCK.md'), 'utf8');
    const cite = /\*\*Canonical reference:\*\* (.+)/.exec(lock)?.[1] ?? '';
    expect(cite.length).toBeGreaterThan(20);
    expect(readFileSync(join(dir, 'marketing/canonical/MARKETING-TRUTH.md'), 'utf8')).toContain(cite);
    expect(lock).toContain(`**Kill date:** ${DATES.flagKill}`);
    expect(readFileSync(join(dir, 'src/flags.js'), 'utf8')).toContain(
      `// KILLDATE ${DATES.flagKill} flag overdue_badges:`,
    );
  });

  it('runs check: the draft lock has findings, the locked feature has no errors', () => {
    const { findings } = result.check;
    expect(result.check.version).toBe(1);
    const draft = findings.filter((f) => f.file === 'feature-builds/recurring-invoices/PRE-BUILD-LOCK.md');
    expect(draft.length).toBeGreaterThan(0);
    expect(draft.some((f) => f.message.includes(DATES.impossible))).toBe(true);
    const complete = findings.filter(
      (f) => f.file.startsWith('feature-builds/overdue-badges/') && f.severity === 'error',
    );
    expect(complete.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)).toEqual([]);
    for (const f of draft) expect(f.line).toBeGreaterThan(0);
    const invalid = draft.filter((f) => f.message.includes(DATES.impossible));
    expect(invalid.map((f) => f.rule)).toEqual(['lock/kill-date-invalid']);
  });

  it('refuses a folder that is not empty', async () => {
    const busy = mkdtempSync(join(tmpdir(), 'killdate-demo-busy-'));
    writeFileSync(join(busy, 'notes.txt'), 'mine\n');
    await expect(demo({ dir: busy })).rejects.toThrow(KilldateError);
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine\n');
    const empty = join(busy, 'empty');
    mkdirSync(empty);
    expect((await demo({ dir: empty })).root).toBe(empty);
  });

  it('prints the check result and the repo path as one JSON document (built CLI)', () => {
    const bin = join(process.cwd(), 'dist/killdate.js');
    if (!existsSync(bin)) spawnSync('npm', ['run', 'build', '--silent']);
    const out = join(mkdtempSync(join(tmpdir(), 'killdate-demo-cli-')), 'q');
    const r = spawnSync(process.execPath, [bin, 'demo', '--dir', out, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { version: number; root: string; findings: unknown[] };
    expect(json.version).toBe(1);
    expect(json.root).toBe(out);
    expect(json.findings.length).toBeGreaterThan(0);
  });
});
