// killdate writes the copies it keeps in git (run records, the ledger, the task ref, a task's
// blobs) without starting git when the repo has git's default layout. Real repos: what it
// writes is what git writes and git's fsck passes, in a linked worktree too; in another layout
// git writes them; a lock git holds is never taken; a copy rewritten in place is no copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { listRefs } from '../../src/workspace/loose-objects.js';
import { storeBlob, writeTaskRef } from '../../src/workspace/task-ref.js';
import { readWitnessed, writeWitnessed } from '../../src/workspace/witnessed.js';
import { makeRepo, type Repo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

/** a run id as killdate makes them, stamped today */
const RUN = `${TODAY.replaceAll('-', '')}T000000Z-export-01-abcdef`;
const REF = `refs/killdate/runs/${RUN}`;
const FILE = `.killdate/runs/${RUN}/meta.json`;
const TEXT = '{\n  "status": "running"\n}\n';

let repo: Repo;
afterEach(() => repo?.cleanup());

const fsck = (r: Repo) =>
  spawnSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: r.dir, encoding: 'utf8' });

describe('git objects written without git', () => {
  it("a witnessed record, the task ref and a file's blob are git's own: same ids, fsck passes", () => {
    repo = makeRepo({ 'src/a.ts': 'export const a = 1;\n' });
    writeWitnessed(repo.dir, FILE, REF, TEXT);
    const id = repo.git('rev-parse', REF).trim();
    expect(
      execFileSync('git', ['hash-object', '--stdin'], {
        cwd: repo.dir,
        input: TEXT,
        encoding: 'utf8',
      }).trim(),
    ).toBe(id);
    expect(repo.git('cat-file', 'blob', id)).toBe(TEXT);
    expect(readWitnessed(repo.dir, FILE, REF, 'none')).toBe(TEXT);
    // written again, changed: the ref moves
    writeWitnessed(repo.dir, FILE, REF, `${TEXT}\n`);
    expect(repo.git('cat-file', 'blob', REF)).toBe(`${TEXT}\n`);

    const base = repo.git('rev-parse', 'HEAD').trim();
    const ref = writeTaskRef(repo.dir, {
      feature: 'export',
      task: '01-button',
      runbook: 'feature-builds/export/runbook-01-button.md',
      base,
      files: ['src/a.ts'],
      testPairing: {},
    });
    expect(repo.git('rev-parse', ref.name).trim()).toBe(ref.sha);
    expect(repo.git('cat-file', '-t', ref.sha).trim()).toBe('tag');
    expect(repo.git('rev-parse', `${ref.name}^{commit}`).trim()).toBe(base);

    const blob = storeBlob(repo.dir, 'src/a.ts');
    expect(repo.git('hash-object', '--no-filters', 'src/a.ts').trim()).toBe(blob);
    expect(repo.git('cat-file', '-t', blob!).trim()).toBe('blob');

    const checked = fsck(repo);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stderr).toBe('');
  });

  it("a copy in parts is git's own tree of blobs: the same id as git mktree, fsck passes", () => {
    repo = makeRepo({ 'a.txt': 'a\n' });
    const text = Array.from({ length: 7 }, (_, i) => `{"line":${i}}\n`).join('');
    writeWitnessed(repo.dir, FILE, REF, text, 3);
    const listed = repo.git('ls-tree', REF);
    expect(
      listed
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[1]),
    ).toEqual(['00000000', '00000001', '00000002']);
    const made = execFileSync('git', ['mktree'], { cwd: repo.dir, input: listed, encoding: 'utf8' }).trim();
    expect(repo.git('rev-parse', REF).trim()).toBe(made);
    expect(repo.git('cat-file', 'blob', `${REF}:00000002`)).toBe('{"line":6}\n');
    expect(readWitnessed(repo.dir, FILE, REF, 'none')).toBe(text);
    const checked = fsck(repo);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);

    // the agent's move: a part rewritten in place, with the file, is no copy
    const part = repo.git('rev-parse', `${REF}:00000000`).trim();
    const forged = '{"line":9}\n{"line":1}\n{"line":2}\n';
    const object = join(repo.dir, '.git/objects', part.slice(0, 2), part.slice(2));
    chmodSync(object, 0o644);
    writeFileSync(object, deflateSync(Buffer.from(`blob ${forged.length}\0${forged}`)));
    writeFileSync(join(repo.dir, FILE), `${forged}${text.split('\n').slice(3).join('\n')}`);
    expect(() => readWitnessed(repo.dir, FILE, REF, 'none')).toThrow(/has no copy in git/);
  });

  it('another layout is left to git: SHA-256 objects, reflogs kept for every ref, refs packed', () => {
    repo = makeRepo({ 'a.txt': 'a\n' });
    const sha256 = mkdtempSync(join(tmpdir(), 'kd-sha256-'));
    try {
      execFileSync('git', ['init', '-q', '--object-format=sha256'], { cwd: sha256 });
      writeWitnessed(sha256, FILE, REF, TEXT);
      expect(execFileSync('git', ['rev-parse', REF], { cwd: sha256, encoding: 'utf8' }).trim()).toMatch(
        /^[0-9a-f]{64}$/,
      );
      expect(readWitnessed(sha256, FILE, REF, 'none')).toBe(TEXT);
      // a copy in parts is left to git too: one blob
      writeWitnessed(sha256, FILE, REF, `${TEXT}${TEXT}`, 1);
      expect(readWitnessed(sha256, FILE, REF, 'none')).toBe(`${TEXT}${TEXT}`);
    } finally {
      rmSync(sha256, { recursive: true, force: true });
    }
    repo.git('config', 'core.logAllRefUpdates', 'always');
    writeWitnessed(repo.dir, FILE, REF, TEXT);
    expect(readFileSync(join(repo.dir, '.git/logs', REF), 'utf8')).toContain(
      repo.git('rev-parse', REF).trim(),
    );
    repo.git('config', '--unset', 'core.logAllRefUpdates');
    repo.git('pack-refs', '--all');
    expect(readWitnessed(repo.dir, FILE, REF, 'none')).toBe(TEXT);
    writeWitnessed(repo.dir, FILE, REF, `${TEXT}\n`);
    expect(repo.git('cat-file', 'blob', REF)).toBe(`${TEXT}\n`);
  });

  it('a ref git holds locked is not taken: the write fails with git’s words', () => {
    repo = makeRepo({ 'a.txt': 'a\n' });
    writeWitnessed(repo.dir, FILE, REF, TEXT);
    writeFileSync(join(repo.dir, '.git', `${REF}.lock`), '');
    expect(() => writeWitnessed(repo.dir, FILE, REF, `${TEXT}\n`)).toThrow(/cannot keep .* in git .*lock/s);
    expect(repo.git('cat-file', 'blob', REF)).toBe(TEXT);
  });

  it("the agent's move: the copy's object rewritten in place with the file is no copy: refused", () => {
    repo = makeRepo({ 'a.txt': 'a\n' });
    writeWitnessed(repo.dir, FILE, REF, TEXT);
    const id = repo.git('rev-parse', REF).trim();
    const forged = '{\n  "status": "reviewed"\n}\n';
    const object = join(repo.dir, '.git/objects', id.slice(0, 2), id.slice(2));
    chmodSync(object, 0o644);
    writeFileSync(object, deflateSync(Buffer.from(`blob ${forged.length}\0${forged}`)));
    writeFileSync(join(repo.dir, FILE), forged);
    expect(() => readWitnessed(repo.dir, FILE, REF, 'none')).toThrow(/has no copy in git/);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(forged);
  });

  it('refs listed from .git’s files are the ones git lists: packed, loose over packed, nested', () => {
    repo = makeRepo({ 'a.txt': 'a\n' });
    const prefix = 'refs/killdate/runs/';
    for (const n of ['a-01', 'b-01', 'b-02'])
      writeWitnessed(repo.dir, `.killdate/${n}.json`, `${prefix}${n}`, `${n}\n`);
    repo.git('pack-refs', '--all');
    writeWitnessed(repo.dir, '.killdate/b-01.json', `${prefix}b-01`, 'b-01 again\n');
    writeWitnessed(repo.dir, '.killdate/c.json', `${prefix}c/01`, 'c\n');
    const byGit = repo
      .git('for-each-ref', '--format=%(objectname) %(refname)', prefix)
      .trim()
      .split('\n')
      .map((l) => ({ id: l.split(' ')[0]!, name: l.split(' ')[1]! }));
    // in git's order, by name
    expect(listRefs(repo.dir, prefix)).toEqual(byGit);
    expect(listRefs(repo.dir, prefix, (n) => n.startsWith('b-'))).toEqual(
      byGit.filter((r) => r.name.startsWith(`${prefix}b-`)),
    );
    expect(repo.git('cat-file', 'blob', `${prefix}b-01`)).toBe('b-01 again\n');
    // the last few: a packed one, a loose one over a packed one, a nested one
    expect(listRefs(repo.dir, prefix, undefined, 3)).toEqual(byGit.slice(-3));
    expect(listRefs(repo.dir, prefix, (n) => n.startsWith('b-'), 1)).toEqual(
      byGit.filter((r) => r.name === `${prefix}b-02`),
    );
  });

  it("in a linked worktree, a worktree's own ref is its own and objects are shared", () => {
    repo = makeRepo({ 'a.txt': 'a\n' });
    const tree = mkdtempSync(join(tmpdir(), 'kd-worktree-'));
    try {
      repo.git('worktree', 'add', '-q', '--detach', tree);
      const own = 'refs/worktree/killdate/bookkeeping';
      writeWitnessed(tree, '.killdate/ledger.jsonl', own, 'in the worktree\n');
      writeWitnessed(tree, FILE, REF, TEXT);
      const inTree = (...a: string[]) => execFileSync('git', a, { cwd: tree, encoding: 'utf8' });
      expect(inTree('cat-file', 'blob', own)).toBe('in the worktree\n');
      expect(spawnSync('git', ['rev-parse', '--verify', '--quiet', own], { cwd: repo.dir }).status).toBe(1);
      expect(repo.git('cat-file', 'blob', REF)).toBe(TEXT);
      expect(readWitnessed(tree, '.killdate/ledger.jsonl', own, 'none')).toBe('in the worktree\n');
    } finally {
      repo.git('worktree', 'remove', '--force', tree);
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
