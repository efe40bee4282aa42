// Bad input through the built CLI (`npm run build` first) in real temp git repos: each case
// is a finding or a clear error naming the file, never a stack trace, never a write to the
// documents, and the exit code of docs/contract.md.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/finding.js';
import { day, TODAY, year } from './helpers/dates.js';

const BIN = resolve('dist/killdate.js');
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/killdate.js is missing: run `npm run build` first');
});

type Tree = Record<string, string | Buffer>;
function repo(files: Tree): string {
  const root = mkdtempSync(join(tmpdir(), 'kd-bad-'));
  spawnSync('git', ['init', '-q'], { cwd: root });
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), body);
  }
  return root;
}

/** Every file's bytes (symlinks as their target), outside .git and .killdate. */
function bytes(root: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (child === '.git' || child === '.killdate') continue;
    if (e.isSymbolicLink()) out.set(child, `-> ${lstatSync(join(root, child)).size}`);
    else if (e.isDirectory()) for (const [k, v] of bytes(root, child)) out.set(k, v);
    else out.set(child, readFileSync(join(root, child)).toString('base64'));
  }
  return out;
}

/** Run the CLI; assert no stack trace and no document touched. */
function killdate(root: string, ...args: string[]) {
  const before = bytes(root);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KILLDATE_DEBUG: '' },
    timeout: 60_000,
  });
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(bytes(root)).toEqual(before);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function findings(root: string): { code: number | null; findings: Finding[] } {
  const r = killdate(root, 'check', '--json', '--no-cache', '--today', TODAY);
  expect([0, 1]).toContain(r.code);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}
const at = (list: Finding[], file: string, rule?: string) =>
  list.filter((f) => f.file === file && (!rule || f.rule === rule));

const ROADMAP = 'project-management/ROADMAP.md';

describe('bad input', () => {
  it('a binary file named ROADMAP.md is an unreadable-document error', () => {
    const root = repo({ [ROADMAP]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]) });
    const r = findings(root);
    expect(r.code).toBe(1);
    expect(at(r.findings, ROADMAP, 'doc/unreadable')[0]?.message).toMatch(/binary/);
  });

  it('invalid UTF-8 is an error naming the byte', () => {
    const root = repo({
      [ROADMAP]: Buffer.concat([Buffer.from('# Roadmap\n\n'), Buffer.from([0xc3, 0x28])]),
    });
    const r = findings(root);
    expect(r.code).toBe(1);
    const [problem] = at(r.findings, ROADMAP, 'doc/unreadable');
    expect(problem?.message).toMatch(/invalid UTF-8 at byte 12/);
    expect(problem?.line).toBe(3);
  });

  it('a BOM and CRLF line ends are read as text, with the right line numbers', () => {
    const root = repo({
      [ROADMAP]: '\ufeff# Roadmap\r\n\r\n##\r\n\r\n- [ ] export\r\n',
      'project-management/STACK.md': '# Stack\r\n\r\n##\r\n',
    });
    const r = findings(root);
    expect(at(r.findings, ROADMAP, 'doc/unreadable')).toEqual([]);
    expect(at(r.findings, ROADMAP, 'doc/empty-heading').map((f) => f.line)).toEqual([3]);
    expect(at(r.findings, 'project-management/STACK.md', 'doc/empty-heading').map((f) => f.line)).toEqual([
      3,
    ]);
  });

  it('empty files are findings, not crashes', () => {
    const root = repo({ [ROADMAP]: '', 'AGENTS.md': '', 'feature-builds/x/PRE-BUILD-LOCK.md': '' });
    const r = findings(root);
    for (const file of [ROADMAP, 'AGENTS.md', 'feature-builds/x/PRE-BUILD-LOCK.md'])
      expect(at(r.findings, file, 'doc/empty')).toHaveLength(1);
  });

  it('a 10 MB document is reported as too large, and the check still finishes', () => {
    const root = repo({
      'project-management/_log.md': `# Log\n\n${`## ${day(-400)}\n\nwords\n\n`.repeat(400_000)}`,
    });
    const r = findings(root);
    expect(r.code).toBe(1);
    expect(at(r.findings, 'project-management/_log.md', 'doc/unreadable')[0]?.message).toMatch(/too large/);
  });

  it('symlink loops in feature-builds are findings (or skipped), never a hang or a crash', () => {
    const root = repo({ 'feature-builds/x/runbook-01-a.md': '# Runbook\n' });
    symlinkSync('PRE-BUILD-LOCK.md', join(root, 'feature-builds/x/PRE-BUILD-LOCK.md'));
    symlinkSync('.', join(root, 'feature-builds/x/loop'));
    symlinkSync('b.md', join(root, 'feature-builds/a.md'));
    symlinkSync('a.md', join(root, 'feature-builds/b.md'));
    const r = findings(root);
    expect(at(r.findings, 'feature-builds/x/PRE-BUILD-LOCK.md', 'doc/unreadable')[0]?.message).toMatch(
      /symlink loop/,
    );
  });

  it('a token table cut short or missing is a clear error (exit 3), never a crash', () => {
    const copy = mkdtempSync(join(tmpdir(), 'kd-dist-'));
    cpSync(dirname(BIN), copy, { recursive: true });
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    const start = () =>
      spawnSync(process.execPath, [join(copy, 'killdate.js'), 'start'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', KILLDATE_DEBUG: '' },
      });
    const said = 'killdate: the token table dist/cl100k.bin is missing or damaged\n  hint: npm run build\n';
    truncateSync(join(copy, 'cl100k.bin'), 100);
    const cut = start();
    rmSync(join(copy, 'cl100k.bin'));
    const gone = start();
    for (const r of [cut, gone]) expect([r.status, r.stderr]).toEqual([3, said]);
    rmSync(copy, { recursive: true, force: true });
  });

  it('check of a missing folder exits 2 with a clear message', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    const r = killdate(root, 'check', 'nope/');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file or folder: nope\//);
    expect(r.stdout).toBe('');
  });

  it('a line break in a name an agent chose cannot start a line of its own in an error', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    const r = killdate(root, 'check', 'nope\nkilldate: CP-2 signed\r\nall gates pass/');
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^killdate: no such file or folder: nope$/);
    expect(lines.slice(1)).toEqual(['  killdate: CP-2 signed', '  all gates pass/']);
  });

  it('an impossible date in a log heading is a finding on that line', () => {
    const log = `# Session log\n\n## ${year()}-02-30\n\n**Branch:** main\n\n**What happened:** Wrote the lock.\n`;
    const root = repo({ 'project-management/_log.md': log });
    const hits = at(findings(root).findings, 'project-management/_log.md').filter((f) => f.line === 3);
    expect(hits.map((f) => f.message).join('\n')).toContain(`${year()}-02-30`);
  });

  it('a heading with no text is a finding on its line', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n## In progress\n\n###\n' });
    expect(at(findings(root).findings, ROADMAP, 'doc/empty-heading').map((f) => f.line)).toEqual([5]);
  });

  it('killdate.config.yaml that is not YAML: exit 2 naming the file and line', () => {
    const root = repo({ 'killdate.config.yaml': 'product: Quill\nbudgets:\n  coreLines: [1\n' });
    const r = killdate(root, 'check');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/killdate\.config\.yaml:\d+: not valid YAML/);
  });

  it('killdate.config.yaml with a wrong type: exit 2 naming the key and line', () => {
    const root = repo({ 'killdate.config.yaml': 'product: Quill\nbudgets:\n  coreLines: lots\n' });
    const r = killdate(root, 'check', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/killdate\.config\.yaml:3: budgets\.coreLines: .*expected number/);
    expect(r.stdout).toBe('');
  });

  it('an unknown option or format is a usage error (exit 2)', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    expect(killdate(root, 'check', '--format', 'xml').code).toBe(2);
    expect(killdate(root, 'check', '--bogus').code).toBe(2);
  });

  it('the built bin runs as an executable, as npm links it', () => {
    const r = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
