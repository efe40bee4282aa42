// During an active task, what killdate itself writes (the session log, registers, an amended
// runbook) is not out of scope; a hand edit of the same files is, before, between or after
// killdate's writes. The planner amends the active runbook through killdate: CP-3 re-opens.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordWrite } from '../../src/workspace/bookkeeping.js';
import { humanEnv } from '../helpers/human-env.js';
import { runbook } from '../orchestrator/fixture.js';
import { builtRepo } from '../ship/built.js';
import { CLI, runCli } from './repo.js';

const PM = 'project-management';
const LEDGER_REF = 'refs/worktree/killdate/bookkeeping';
const RB = 'feature-builds/settings-page/runbook-01-prefs.md';

/** A repo with task 1 of settings-page started; `before` adds to the commit the task starts from. */
function activeRepo(before?: (dir: string) => void) {
  const repo = builtRepo('', {}, []);
  const init = runCli(repo.dir, ['init', '.', '--product', 'Prefs', '--test-command', 'npm test']);
  expect(init.status, init.stderr).toBe(0);
  before?.(repo.dir);
  repo.commit('the method layout');
  const start = runCli(repo.dir, ['task', 'start', 'settings-page', '1']);
  expect(start.status, start.stderr).toBe(0);
  return repo;
}

/** The CLI as a person runs it, without waiting: several at the same moment. */
function runCliAsync(cwd: string, args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd, env: humanEnv({ NO_COLOR: '1' }) });
    let stderr = '';
    c.stderr.on('data', (d) => {
      stderr += d;
    });
    c.on('close', (status) => resolve({ status, stderr }));
  });
}

/** The loose objects of the repo at `dir`, by id. */
function listObjects(dir: string): string[] {
  const root = join(dir, '.git/objects');
  return readdirSync(root)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(root, d)).map((f) => `${d}${f}`));
}

function scope(dir: string) {
  const r = runCli(dir, ['scope', '--json']);
  const json = JSON.parse(r.stdout) as { violations: { path: string }[]; bookkeeping: string[] };
  return { code: r.status, out: json.violations.map((v) => v.path), bookkeeping: json.bookkeeping };
}

describe("killdate's own bookkeeping during a task", () => {
  it('bug add, roadmap add and end are not out of scope; a hand edit of the same files is', () => {
    const { dir } = activeRepo();
    for (const args of [
      ['bug', 'add', 'Toggle flickers', '--layer', 'ui'],
      ['roadmap', 'add', 'Digest preview', '--section', 'next'],
      ['end', '--did', 'Started the prefs task'],
    ])
      expect(runCli(dir, args).status, args.join(' ')).toBe(0);
    expect(scope(dir)).toEqual({
      code: 0,
      out: [],
      bookkeeping: [`${PM}/KNOWN-ISSUES.md`, `${PM}/ROADMAP.md`, `${PM}/_log.md`].sort(),
    });

    const issues = join(dir, PM, 'KNOWN-ISSUES.md');
    writeFileSync(issues, `${readFileSync(issues, 'utf8')}\nA line the agent added.\n`);
    expect(scope(dir)).toMatchObject({ code: 1, out: [`${PM}/KNOWN-ISSUES.md`] });
    // killdate writing again on top of the hand edit does not launder it
    expect(runCli(dir, ['bug', 'add', 'Second bug', '--layer', 'ui']).status).toBe(0);
    expect(scope(dir)).toMatchObject({ code: 1, out: [`${PM}/KNOWN-ISSUES.md`] });
  });

  it('writes to different registers at the same moment each keep their line in the ledger', async () => {
    const { dir } = activeRepo();
    const writes = Array.from({ length: 6 }, (_, i) => [
      ['bug', 'add', `Race bug ${i}`, '--layer', 'ui'],
      ['roadmap', 'add', `Race item ${i}`, '--section', 'next'],
      ['heuristic', 'add', 'ui', `Race heuristic ${i}`],
    ]).flat();
    const runs = await Promise.all(writes.map((args) => runCliAsync(dir, args)));
    expect(runs.filter((r) => r.status !== 0).map((r) => r.stderr)).toEqual([]);
    const ledger = readFileSync(join(dir, '.killdate/bookkeeping.jsonl'), 'utf8').trim().split('\n');
    expect(ledger).toHaveLength(writes.length);
    expect(scope(dir)).toMatchObject({ code: 0, out: [] });
  }, 120_000);

  it("a write stores the ledger's last part again, not the whole ledger; the parts are read after git gc", () => {
    const { dir } = activeRepo();
    const gitOut = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    // 600 writes recorded as killdate records them, then one by the CLI
    for (let i = 0; i < 600; i++) recordWrite(dir, `docs/note-${i}.md`, `# ${i}\n`, `# ${i}\nmore\n`);
    const objects = () => new Set(listObjects(dir));
    const before = objects();
    expect(runCli(dir, ['bug', 'add', 'Toggle flickers', '--layer', 'ui']).status).toBe(0);
    const added = [...objects()].filter((o) => !before.has(o));
    const parts = gitOut('ls-tree', LEDGER_REF).trim().split('\n');
    expect(parts.map((l) => l.split('\t')[1])).toEqual(['00000000', '00000001', '00000002']);
    const last = parts[2]!.split(/\s+/)[2]!;
    // the last part (89 lines) and the tree; the 512 lines before are not stored again
    expect(added.sort()).toEqual([last, gitOut('rev-parse', LEDGER_REF).trim()].sort());
    expect(gitOut('cat-file', 'blob', last).trim().split('\n')).toHaveLength(89);
    expect(scope(dir)).toEqual({ code: 0, out: [], bookkeeping: [`${PM}/KNOWN-ISSUES.md`] });

    // packed by git gc, the parts are read through git; a later write adds to them
    gitOut('gc', '--prune=now', '--quiet');
    expect(listObjects(dir)).toEqual([]);
    expect(scope(dir)).toEqual({ code: 0, out: [], bookkeeping: [`${PM}/KNOWN-ISSUES.md`] });
    expect(runCli(dir, ['roadmap', 'add', 'Digest preview', '--section', 'next']).status).toBe(0);
    expect(scope(dir).bookkeeping).toEqual([`${PM}/KNOWN-ISSUES.md`, `${PM}/ROADMAP.md`]);

    // a line the agent rewrites in the first part of the file does not count
    const issues = join(dir, PM, 'KNOWN-ISSUES.md');
    const was = gitOut('hash-object', issues).trim();
    writeFileSync(issues, `${readFileSync(issues, 'utf8')}\nA line the agent added.\n`);
    const now = gitOut('hash-object', issues).trim();
    const ledger = join(dir, '.killdate/bookkeeping.jsonl');
    const lines = readFileSync(ledger, 'utf8').split('\n');
    lines[0] = JSON.stringify({ path: `${PM}/KNOWN-ISSUES.md`, before: was, after: now });
    writeFileSync(ledger, lines.join('\n'));
    expect(scope(dir)).toMatchObject({ code: 1, out: [`${PM}/KNOWN-ISSUES.md`] });
  }, 120_000);

  it('the record of the writes is read from git when its file is deleted; without either, they are reported (fails closed)', () => {
    const { dir } = activeRepo();
    expect(runCli(dir, ['end', '--did', 'Started the prefs task']).status).toBe(0);
    rmSync(join(dir, '.killdate/bookkeeping.jsonl'));
    expect(scope(dir)).toMatchObject({ code: 0, bookkeeping: [`${PM}/_log.md`] });
    execFileSync('git', ['update-ref', '-d', LEDGER_REF], { cwd: dir });
    expect(scope(dir)).toMatchObject({ code: 1, out: [`${PM}/_log.md`] });
  });

  it('a line the agent appends to the ledger file alone does not hide its hand edit of a document', () => {
    const { dir } = activeRepo();
    expect(runCli(dir, ['bug', 'add', 'Toggle flickers', '--layer', 'ui']).status).toBe(0);
    const issues = join(dir, PM, 'KNOWN-ISSUES.md');
    const before = execFileSync('git', ['hash-object', issues], { cwd: dir, encoding: 'utf8' }).trim();
    writeFileSync(issues, `${readFileSync(issues, 'utf8')}\nA line the agent added.\n`);
    const after = execFileSync('git', ['hash-object', issues], { cwd: dir, encoding: 'utf8' }).trim();
    const forged = JSON.stringify({ path: `${PM}/KNOWN-ISSUES.md`, before, after });
    execFileSync('sh', ['-c', `echo '${forged}' >> .killdate/bookkeeping.jsonl`], { cwd: dir });
    expect(scope(dir)).toMatchObject({ code: 1, out: [`${PM}/KNOWN-ISSUES.md`] });
  });

  it('a record of a write forged by the agent does not hide a code file', () => {
    const { dir } = activeRepo();
    const code = 'export const token = "sent elsewhere";\n';
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/leak.js'), code);
    const after = execFileSync('git', ['hash-object', 'src/leak.js'], { cwd: dir, encoding: 'utf8' }).trim();
    const forged = JSON.stringify({ path: 'src/leak.js', before: '', after });
    execFileSync('sh', ['-c', `echo '${forged}' >> .killdate/bookkeeping.jsonl`], { cwd: dir });
    expect(scope(dir)).toMatchObject({ code: 1, out: ['src/leak.js'], bookkeeping: [] });
  });

  it('thousands of recorded writes, more paths than one git command line holds, are each followed', () => {
    // 10,000 notes under a long folder name: 2.1 MB of paths, past Linux's 2 MB for a command line
    const folder = `docs/${'n'.repeat(200)}`;
    const notes = Array.from({ length: 10_000 }, (_, i) => `${folder}/note-${i}.md`);
    const { dir } = activeRepo((d) => {
      mkdirSync(join(d, folder), { recursive: true });
      for (const [i, n] of notes.entries()) writeFileSync(join(d, n), `# Note ${i}\n`);
    });
    const blobs = () =>
      execFileSync('git', ['hash-object', '--stdin-paths'], {
        cwd: dir,
        input: notes.join('\n'),
        encoding: 'utf8',
      })
        .trim()
        .split('\n');
    const before = blobs();
    for (const [i, n] of notes.entries())
      writeFileSync(join(dir, n), `# Note ${i}\n\nRewritten by killdate.\n`);
    const after = blobs();
    const ledger = notes.map((path, i) => JSON.stringify({ path, before: before[i], after: after[i] }));
    // killdate's writes, recorded as killdate records them: the ledger and its copy in git
    writeFileSync(join(dir, '.killdate/bookkeeping.jsonl'), `${ledger.join('\n')}\n`);
    const blob = execFileSync('git', ['hash-object', '-w', '.killdate/bookkeeping.jsonl'], { cwd: dir });
    execFileSync('git', ['update-ref', LEDGER_REF, blob.toString().trim()], { cwd: dir });
    // one of them edited by hand after killdate's write
    writeFileSync(join(dir, notes[4321]!), '# Note 4321\n\nThe agent was here.\n');

    const r = scope(dir);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([notes[4321]]);
    expect(r.bookkeeping).toHaveLength(9_999);
  });

  it('runbook amend changes the active runbook without task stop and re-opens CP-3', () => {
    const { dir } = activeRepo();
    const amended = join(dir, '..', `${dir.split('/').pop()}-amended.md`);
    writeFileSync(
      amended,
      runbook(1, 'prefs', ['src/prefs.js', 'src/prefs-defaults.js'], ['node check-prefs.mjs']),
    );
    const r = runCli(dir, ['runbook', 'amend', 'settings-page', '1', '--from', amended]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      `amended ${RB}\nFILES: src/prefs.js -> src/prefs.js, src/prefs-defaults.js\n` +
        'CP-3 is reopened: the amended runbook binds a run once it is signed\n' +
        'task 01-prefs stays active with the FILES it started with\n',
    );
    expect(scope(dir)).toEqual({ code: 0, out: [], bookkeeping: [RB] });
    const status = JSON.parse(runCli(dir, ['status', 'settings-page', '--json']).stdout);
    expect(status.features[0].checkpoints[3]).toMatchObject({ checkpoint: 'CP-3', status: 'reopened' });

    const before = readFileSync(join(dir, RB), 'utf8');
    writeFileSync(amended, '# Runbook: prefs\n\nNo blocks at all.\n');
    const bad = runCli(dir, ['runbook', 'amend', 'settings-page', '1', '--from', amended]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      `the amended text of ${RB} is not a runbook: no FILES, TYPES, SKELETON, PROHIBITED, VALIDATE block; nothing written`,
    );
    expect(readFileSync(join(dir, RB), 'utf8')).toBe(before);
  });

  // 4 s as a rule, but 30.6 and 33.4 s in two CI calendar runs (faketime, the demo's ship test
  // beside it), every step passing; not seen in three local calendar runs, cause not found
  it('runbook amend keeps the text it replaces when git does not hold it (hand edits not committed)', () => {
    const { dir } = activeRepo();
    const edited = `${readFileSync(join(dir, RB), 'utf8')}\nA note the person added by hand.\n`;
    writeFileSync(join(dir, RB), edited);
    const amended = join(dir, '..', `${dir.split('/').pop()}-amended.md`);
    writeFileSync(amended, runbook(1, 'prefs', ['src/prefs.js'], ['node check-prefs.mjs']));
    const r = runCli(dir, ['runbook', 'amend', 'settings-page', '1', '--from', amended, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const kept = JSON.parse(r.stdout).replacedKept as string;
    expect(kept).toMatch(/^\.killdate\/amended\/\d{8}T\d{6}-\d{3}Z-runbook-01-prefs\.md$/);
    expect(readFileSync(join(dir, kept), 'utf8')).toBe(edited);
    expect(scope(dir).out).not.toContain(kept);
    // the same text again changes nothing and keeps nothing
    const again = JSON.parse(
      runCli(dir, ['runbook', 'amend', 'settings-page', '1', '--from', amended, '--json']).stdout,
    );
    expect(again).toMatchObject({ changed: false });
    expect(again.replacedKept).toBeUndefined();
    rmSync(amended);
  }, 90_000);
});
