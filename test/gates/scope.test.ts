// The scope guard against real git repos: every kind of change, and the ways a path could
// try to slip past FILES.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scope } from '../../src/api/scope.js';
import { checkScope, normaliseEntry, pairedTest, scopeGuard } from '../../src/core/scope.js';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { TODAY } from '../helpers/dates.js';
import { makeRepo, type Repo } from './repo.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

function activate(files: string[], extra: { testPairing?: Record<string, string> } = {}) {
  const base = repo.git('rev-parse', 'HEAD').trim();
  writeActiveTask(repo.dir, {
    version: 1,
    feature: 'settings',
    task: '01-form',
    runbook: 'feature-builds/settings/runbook-01-form.md',
    base,
    branch: 'main',
    startedAt: `${TODAY}T10:00:00Z`,
    files,
    testPairing: extra.testPairing ?? {},
  });
}

const kinds = (r: Awaited<ReturnType<typeof scope>>) => r.violations.map((v) => `${v.kind}:${v.path}`).sort();

describe('scope: every change since the base', () => {
  it('sees committed, staged, unstaged and untracked changes; ignored files are not changes', async () => {
    repo = makeRepo({
      'src/a.ts': '1',
      'src/b.ts': '1',
      'src/c.ts': '1',
      'lib/x.ts': '1',
      '.gitignore': 'dist/\n',
    });
    activate(['src/a.ts']);
    repo.write({ 'src/a.ts': '2', 'src/b.ts': '2' });
    repo.git('add', 'src/b.ts');
    repo.git('commit', '-q', '-m', 'b');
    repo.write({ 'src/c.ts': '2', 'lib/x.ts': '2' });
    repo.git('add', 'lib/x.ts');
    repo.write({ 'src/new.ts': 'new', 'dist/out.js': 'ignored' });
    const r = await scope({ cwd: repo.dir });
    expect(r.ok).toBe(false);
    expect(kinds(r)).toEqual([
      'new-file:src/new.ts',
      'outside:lib/x.ts',
      'outside:src/b.ts',
      'outside:src/c.ts',
    ]);
    expect(r.changes.map((c) => c.path)).not.toContain('dist/out.js');
    expect(r.changes.map((c) => c.path)).not.toContain('.killdate/active-task.json');
  });

  it('passes when every change is in FILES, globs included', async () => {
    repo = makeRepo({ 'src/auth/a.ts': '1', 'src/auth/deep/b.ts': '1' });
    activate(['src/auth/**']);
    repo.write({ 'src/auth/a.ts': '2', 'src/auth/deep/b.ts': '2', 'src/auth/new.ts': 'n' });
    const r = await scope({ cwd: repo.dir });
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('checks both sides of a rename and reports deletions', async () => {
    repo = makeRepo({ 'src/a.ts': 'export const a = 1;\n'.repeat(20), 'src/gone.ts': '1' });
    activate(['src/b.ts']);
    repo.git('mv', 'src/a.ts', 'src/b.ts');
    repo.git('rm', '-q', 'src/gone.ts');
    const r = await scope({ cwd: repo.dir });
    expect(r.changes.find((c) => c.status === 'renamed')).toMatchObject({
      from: 'src/a.ts',
      path: 'src/b.ts',
    });
    expect(kinds(r)).toEqual(['outside:src/a.ts', 'outside:src/gone.ts']);
  });

  it('a symlink inside FILES pointing outside the allowed set or the repo is reported', async () => {
    repo = makeRepo({ 'src/a.ts': '1', 'secret/key.ts': 'k' });
    activate(['src/**']);
    symlinkSync('../secret/key.ts', join(repo.dir, 'src/link.ts'));
    symlinkSync('/etc/passwd', join(repo.dir, 'src/passwd'));
    const r = await scope({ cwd: repo.dir });
    expect(r.violations.map((v) => [v.kind, v.path, v.message])).toEqual([
      ['symlink', 'src/link.ts', 'symlink to secret/key.ts, which is outside FILES'],
      ['symlink', 'src/passwd', 'symlink pointing outside the repo: expected a file inside FILES'],
    ]);
  });

  it('FILES entries with .. or absolute paths match nothing and are reported invalid', async () => {
    repo = makeRepo({ 'src/a.ts': '1' });
    activate(['../../etc/passwd', '/etc/passwd', 'src/../lib/x.ts']);
    repo.write({ 'src/a.ts': '2' });
    const r = await scope({ cwd: repo.dir });
    expect(r.invalid.map((e) => e.entry)).toEqual(['../../etc/passwd', '/etc/passwd', 'src/../lib/x.ts']);
    expect(r.allowlist).toEqual([]);
    expect(kinds(r)).toEqual(['no-files:src/a.ts']);
  });

  it('no FILES fails closed with a clear message', async () => {
    repo = makeRepo({ 'src/a.ts': '1' });
    activate([]);
    repo.write({ 'src/a.ts': '2' });
    const r = await scope({ cwd: repo.dir });
    expect(r.ok).toBe(false);
    expect(r.violations[0]!.message).toMatch(/no FILES allowlist: the task fails closed/);
  });

  it('dependency manifests need listing by name, even under a broad glob', async () => {
    repo = makeRepo({ 'package.json': '{}', 'api/requirements-dev.txt': '', 'src/a.ts': '1' });
    activate(['**/*.json', 'api/**', 'src/**']);
    repo.write({
      'package.json': '{"dependencies":{"left-pad":"1"}}',
      'api/requirements-dev.txt': 'x',
      'src/Cargo.lock': '',
    });
    expect(kinds(await scope({ cwd: repo.dir }))).toEqual([
      'manifest:api/requirements-dev.txt',
      'manifest:package.json',
      'manifest:src/Cargo.lock',
    ]);
    rmSync(join(repo.dir, 'src/Cargo.lock'));
    activate(['package.json', 'api/requirements-dev.txt']);
    expect(kinds(await scope({ cwd: repo.dir }))).toEqual([]);
  });

  it('test pairing allows the test of an allowed file, and only that test', async () => {
    repo = makeRepo({ 'src/auth/login.ts': '1' });
    activate(['src/auth/login.ts'], { testPairing: { 'src/**/*.ts': 'test/**/*.test.ts' } });
    repo.write({ 'src/auth/login.ts': '2', 'test/auth/login.test.ts': 't', 'test/auth/other.test.ts': 't' });
    expect(kinds(await scope({ cwd: repo.dir }))).toEqual(['new-file:test/auth/other.test.ts']);
  });

  it('a base commit that no longer exists is a clear error', async () => {
    repo = makeRepo({ 'src/a.ts': '1' });
    activate(['src/a.ts']);
    const t = JSON.parse(readFileSync(join(repo.dir, '.killdate/active-task.json'), 'utf8'));
    writeFileSync(
      join(repo.dir, '.killdate/active-task.json'),
      JSON.stringify({ ...t, base: 'f'.repeat(40) }),
    );
    await expect(scope({ cwd: repo.dir })).rejects.toThrow(/base commit ffffffffffff no longer exists/);
  });

  it("a config git cannot read is git's own error, not a missing base commit", async () => {
    repo = makeRepo({ 'src/a.ts': '1' });
    activate(['src/a.ts']);
    // the move: a value git dies on, for every command it runs in this repo
    expect(spawnSync('git', ['config', 'core.bigFileThreshold', 'lots'], { cwd: repo.dir }).status).toBe(0);
    const err = await scope({ cwd: repo.dir }).catch((e: Error) => e);
    expect(String(err)).toMatch(/bad numeric config value 'lots'/);
    expect(String(err)).not.toMatch(/no longer exists/);
  });

  it('without an active task, scope says so', async () => {
    repo = makeRepo({ 'a.md': 'x' });
    await expect(scope({ cwd: repo.dir })).rejects.toThrow(/no active task/);
  });

  it('paths in nested folders and with spaces or unicode survive -z parsing', async () => {
    repo = makeRepo({ 'docs/a b.md': '1', 'docs/ü.md': '1' });
    mkdirSync(join(repo.dir, 'docs/x'), { recursive: true });
    activate(['docs/a b.md']);
    repo.write({ 'docs/a b.md': '2', 'docs/ü.md': '2' });
    expect(kinds(await scope({ cwd: repo.dir }))).toEqual(['outside:docs/ü.md']);
  });

  it('a file rewritten with its own content is no change, as in git diff; same-size edits and modes are', async () => {
    repo = makeRepo({
      'src/inside.ts': 'i',
      'src/same.ts': 'x',
      'src/size.ts': 'a',
      'src/run.sh': 'echo',
      'src/lines.txt': 'one\n',
      '.gitattributes': '*.txt text eol=lf\n',
      // a name git hash-object would read as its neighbour's, whose content is the base's
      'src/twin.ts': 't',
      'src/twin.ts\r': 't',
    });
    activate(['src/inside.ts']);
    repo.write({
      'src/inside.ts': 'i',
      'src/same.ts': 'x',
      'src/size.ts': 'b',
      'src/lines.txt': 'one\r\n',
      'src/twin.ts\r': 'u',
    });
    chmodSync(join(repo.dir, 'src/run.sh'), 0o755);
    const later = new Date(Date.now() + 60_000);
    const touched = [
      'src/inside.ts',
      'src/same.ts',
      'src/size.ts',
      'src/run.sh',
      'src/lines.txt',
      'src/twin.ts\r',
    ];
    for (const p of touched) utimesSync(join(repo.dir, p), later, later);
    const r = await scope({ cwd: repo.dir });
    // asked after scope: git diff refreshes the index's stat of the files it reads
    const base = repo.git('rev-parse', 'HEAD').trim();
    const byGit = repo.git('diff', '--name-only', '-z', base, '--').split('\0').filter(Boolean).sort();
    expect(byGit).toEqual(['src/run.sh', 'src/size.ts', 'src/twin.ts\r']);
    // outside FILES each file whose stat changed is read; inside, where any edit is allowed, it is listed unread
    expect(r.changes.map((c) => c.path).sort()).toEqual(['src/inside.ts', ...byGit]);
    expect(r.violations.map((v) => v.path).sort()).toEqual(byGit);
  });

  it('2,500 files whose stat changed (hashed by two git processes): only the edited ones are listed', async () => {
    const name = (i: number) => `src/m${i % 50}/f${i}.ts`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 2500; i++) files[name(i)] = `export const v${i} = 1;\n`;
    repo = makeRepo(files);
    activate(['README.md']);
    // every file rewritten, an edit in each half of the list (the first and last ones too)
    const edited = [0, 7, 1249, 1250, 1251, 2222, 2499];
    for (let i = 0; i < 2500; i++)
      writeFileSync(join(repo.dir, name(i)), `export const v${i} = ${edited.includes(i) ? 2 : 1};\n`);
    const later = new Date(Date.now() + 60_000);
    for (let i = 0; i < 2500; i++) utimesSync(join(repo.dir, name(i)), later, later);
    const r = await scope({ cwd: repo.dir });
    expect(r.changes.map((c) => c.path).sort()).toEqual(edited.map(name).sort());
  });
});

describe('scope: pure matching', () => {
  it('normalises entries and refuses escapes', () => {
    expect(normaliseEntry('./src//a.ts')).toEqual({ path: 'src/a.ts' });
    expect(normaliseEntry('src/auth/')).toEqual({ path: 'src/auth/**' });
    expect('reason' in normaliseEntry('C:\\x')).toBe(true);
    expect('reason' in normaliseEntry('~/x')).toBe(true);
    expect('reason' in normaliseEntry('a/../../b')).toBe(true);
  });
  it('pairing with explicit placeholders', () => {
    const allowed = (p: string) => p === 'src/a/b.ts';
    expect(pairedTest('src/a/b.test.ts', { 'src/**/*.ts': '{sub}/{name}.test.ts' }, allowed)).toBe(false);
    expect(pairedTest('test/a/b.spec.ts', { 'src/**/*.ts': 'test/{sub}/{name}.spec.ts' }, allowed)).toBe(
      true,
    );
  });
  it('an empty change set is in scope; a rename into FILES from outside is still out', () => {
    expect(checkScope([], scopeGuard({ files: ['a'] })).ok).toBe(true);
    const r = checkScope([{ path: 'a', status: 'renamed', from: 'b' }], scopeGuard({ files: ['a'] }));
    expect(r.violations.map((v) => v.path)).toEqual(['b']);
    // both sides are counted: "1 path(s) out of scope of 2 changed", never more out than checked
    expect(r.checked).toBe(2);
    const out = checkScope([{ path: 'c', status: 'renamed', from: 'b' }], scopeGuard({ files: ['a'] }));
    expect([out.violations.length, out.checked]).toEqual([2, 2]);
  });
});
