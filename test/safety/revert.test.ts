// revert never destroys what it did not create. Real git repos, the scripted executor, the
// real run and revert: planted paths, a line the user typed after the review, a path outside
// FILES off a terminal, the bytes kept for --undo, a folder swapped for a symlink.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { revert } from '../../src/api/decide.js';
import { run } from '../../src/api/run.js';
import { latestDecision } from '../../src/core/review-doc.js';
import { revertTask } from '../../src/orchestrator/revert.js';
import { readReview } from '../../src/orchestrator/review-file.js';
import { readMeta } from '../../src/orchestrator/run-state.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { PREFS, readyRepo, script, TODAY } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const go = async (steps: unknown[]) => {
  const r = await run({
    cwd: repo.dir,
    feature: 'settings-page',
    today: TODAY,
    env: script(repo, { 1: steps }),
    handleSigint: false,
  });
  return r.runs[0]!;
};
const read = (p: string) => readFileSync(join(repo.dir, p), 'utf8');

describe('revert keeps what it did not create', () => {
  it('refuses paths the review never saw (planted entries) and folders: src/ and the registers stay', () => {
    repo = makeRepo({
      'src/a.js': 'a\n',
      'project-management/ROADMAP.md': '# Roadmap\n',
      'README.md': 'readme\n',
    });
    const base = repo.git('rev-parse', 'HEAD').trim();
    writeFileSync(join(repo.dir, 'src/mine.js'), 'uncommitted work\n');
    for (const planted of [['src'], ['project-management'], ['src/mine.js']])
      expect(() =>
        revertTask({
          tree: repo.dir,
          runId: 'planted',
          base,
          startState: {},
          changes: planted.map((path) => ({ path, status: 'untracked' as const })),
          reviewed: {},
          files: ['src/**'],
          confirmed: planted,
        }),
      ).toThrow(/revert refused, nothing changed: the review never saw/);
    // a folder the review did see is still refused: killdate did not create it
    expect(() =>
      revertTask({
        tree: repo.dir,
        runId: 'planted',
        base,
        startState: {},
        changes: [{ path: 'src', status: 'untracked' }],
        reviewed: { src: { kind: 'dir' } },
        files: ['src/**', 'src'],
        confirmed: ['src'],
      }),
    ).toThrow(/folders killdate did not create: src/);
    expect(read('src/mine.js')).toBe('uncommitted work\n');
    expect(read('src/a.js')).toBe('a\n');
    expect(read('project-management/ROADMAP.md')).toBe('# Roadmap\n');
  });

  it('a line typed after the review is never wiped: the path is refused, nothing changes', async () => {
    repo = readyRepo();
    await go([
      { write: 'src/prefs.js', content: PREFS },
      { write: 'src/server.js', content: 'export const port = 4000;\n' },
    ]);
    writeFileSync(join(repo.dir, 'src/server.js'), 'export const port = 4000; // my note\n');
    await expect(
      revert({ cwd: repo.dir, feature: 'settings-page', task: '1', paths: ['src/server.js'] }),
    ).rejects.toThrow(/changed since the review \(not by the task: kept as they are\): src\/server\.js/);
    expect(read('src/server.js')).toBe('export const port = 4000; // my note\n');
    expect(read('src/prefs.js')).toBe(PREFS);
  });

  it('off a terminal a path outside FILES must be named; the bytes before come back with --undo', async () => {
    repo = readyRepo();
    // the user typed into README.md while the run was going: the review blames the task
    const t = await go([
      { write: 'src/prefs.js', content: PREFS },
      { write: 'README.md', content: 'my line, typed during the run\n' },
    ]);
    expect(t.changes!.map((c) => c.path).sort()).toEqual(['README.md', 'src/prefs.js']);
    const cli = runCli(repo.dir, ['revert', 'settings-page', '1']);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('outside FILES and not named on the command line: README.md');
    expect(read('README.md')).toBe('my line, typed during the run\n');

    const named = runCli(repo.dir, ['revert', 'settings-page', '1', '--path', 'README.md']);
    expect(named.status, named.stderr).toBe(0);
    expect(named.stdout).toContain(`refs/killdate/revert/${t.runId}`);
    expect(named.stdout).toContain('killdate revert settings-page 01-prefs --undo');
    expect(existsSync(join(repo.dir, 'README.md'))).toBe(false);
    expect(existsSync(join(repo.dir, 'src/prefs.js'))).toBe(false);
    // the printed git command alone brings the bytes back
    expect(repo.git('show', `refs/killdate/revert/${t.runId}:README.md`)).toBe(
      'my line, typed during the run\n',
    );

    const undo = runCli(repo.dir, ['revert', 'settings-page', '1', '--undo', '--json']);
    expect(undo.status, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ decision: 'pending', runId: t.runId });
    expect(JSON.parse(undo.stdout).restored.sort()).toEqual(['README.md', 'src/prefs.js']);
    expect(read('README.md')).toBe('my line, typed during the run\n');
    expect(read('src/prefs.js')).toBe(PREFS);
    // the task awaits a decision again, on record in a commit
    const review = 'feature-builds/settings-page/REVIEW.md';
    expect(latestDecision(readReview(repo.dir, 'feature-builds/settings-page'), '01-prefs')).toMatchObject({
      decision: 'pending',
      runId: t.runId,
      reason: 'revert undone',
    });
    expect(repo.git('status', '--porcelain', '--', review)).toBe('');
    expect(readMeta(repo.dir, t.runId)!.decision).toBe('pending');
    // a second undo has no revert on record to undo: refused, nothing changed
    const again = runCli(repo.dir, ['revert', 'settings-page', '1', '--undo']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(
      `is pending (run ${t.runId}): only the revert of its last run can be undone`,
    );
    expect(read('src/prefs.js')).toBe(PREFS);
    // the human decides again: the task's failed scope check accepted on record
    const accepted = runCli(repo.dir, ['accept', 'settings-page', '1', '--reason', 'README line is mine']);
    expect(accepted.status, accepted.stderr).toBe(0);
  });

  it('a folder the executor swapped for a symlink ends as the folder again, the link target untouched', async () => {
    repo = readyRepo();
    repo.write({ 'lib/a.js': 'export const a = 1;\n', 'lib/b.js': 'export const b = 2;\n' });
    repo.commit('lib');
    mkdirSync(join(repo.dir, '..', `${repo.dir.split('/').pop()}-elsewhere`), { recursive: true });
    const elsewhere = join(repo.dir, '..', `${repo.dir.split('/').pop()}-elsewhere`);
    writeFileSync(join(elsewhere, 'a.js'), 'not yours\n');
    const t = await go([
      { write: 'src/prefs.js', content: PREFS },
      { rmdir: 'lib' },
      { symlink: elsewhere, at: 'lib' },
    ]);
    const meta = readMeta(repo.dir, t.runId)!;
    expect(meta.reviewed!.lib).toMatchObject({ kind: 'link' });
    const v = await revert({
      cwd: repo.dir,
      feature: 'settings-page',
      task: '1',
      paths: ['lib', 'lib/a.js', 'lib/b.js'],
    });
    expect(v.reverted!.removed.sort()).toEqual(['lib', 'src/prefs.js']);
    expect(lstatSync(join(repo.dir, 'lib')).isDirectory()).toBe(true);
    expect(read('lib/a.js')).toBe('export const a = 1;\n');
    expect(read('lib/b.js')).toBe('export const b = 2;\n');
    expect(readFileSync(join(elsewhere, 'a.js'), 'utf8')).toBe('not yours\n');
    expect(repo.git('status', '--porcelain')).toBe('');
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('file names that are not valid UTF-8 end as they should: the created one removed, the deleted one back', async () => {
    repo = readyRepo();
    const kept = Buffer.from('legacy/r\xe9sum\xe9.txt', 'latin1'); // Latin-1 bytes, not UTF-8
    mkdirSync(join(repo.dir, 'legacy'));
    writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), kept]), 'old cv\n');
    repo.commit('legacy');
    const made = Buffer.from('notes/caf\xe9.txt', 'latin1');
    mkdirSync(join(repo.dir, 'notes'));
    await go([
      { write: 'src/prefs.js', content: PREFS },
      { rmHex: kept.toString('hex') },
      { writeHex: made.toString('hex'), content: 'made by the task\n' },
    ]);
    const shown = (b: Buffer) => b.toString('utf8'); // as git and the command line show the name
    const v = await revert({
      cwd: repo.dir,
      feature: 'settings-page',
      task: '1',
      paths: [shown(kept), shown(made)],
    });
    expect(v.reverted!.removed.sort()).toEqual([shown(made), 'src/prefs.js']);
    expect(v.reverted!.restored).toEqual([shown(kept)]);
    const names = (dir: string) =>
      readdirSync(Buffer.from(join(repo.dir, dir)), { encoding: 'buffer' }).map((b) => b.toString('hex'));
    expect(names('legacy')).toEqual([Buffer.from('r\xe9sum\xe9.txt', 'latin1').toString('hex')]);
    expect(readFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), kept]), 'utf8')).toBe('old cv\n');
    expect(readdirSync(join(repo.dir, 'notes'))).toEqual([]); // made before the task: it stays
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('an empty folder the person made before the task stays; the folders the task made go', async () => {
    repo = readyRepo();
    mkdirSync(join(repo.dir, 'notes'));
    const t = await go([
      { write: 'src/prefs.js', content: PREFS },
      { write: 'notes/todo.md', content: 'the agent was here\n' },
      { write: 'scratch/deep/x.js', content: 'x\n' },
    ]);
    expect(t.changes!.map((c) => c.path).sort()).toEqual([
      'notes/todo.md',
      'scratch/deep/x.js',
      'src/prefs.js',
    ]);
    const r = runCli(repo.dir, [
      'revert',
      'settings-page',
      '1',
      '--path',
      'notes/todo.md',
      '--path',
      'scratch/deep/x.js',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(repo.dir, 'notes'))).toEqual([]);
    expect(existsSync(join(repo.dir, 'scratch'))).toBe(false);
    expect(existsSync(join(repo.dir, 'src/prefs.js'))).toBe(false);
  });
});
