// The loop's commands through the built CLI, off a terminal: run stops after the review and
// says what to decide; approve, reject and runs; exit codes per docs/contract.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { addReadyFeature, FORM, PREFS, readyRepo, script } from './fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  });

describe('loop commands (built CLI, no terminal)', () => {
  it('run waits for a decision; approve, reject, runs; a failed check exits 1', () => {
    repo = readyRepo();
    const env = script(repo, {
      1: [{ write: 'src/prefs.js', content: PREFS }],
      2: [
        { write: 'src/form.js', content: FORM },
        { write: 'src/server.js', content: '// x\n' },
      ],
    });
    const one = cli(env, 'run', 'settings-page');
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain('✓ FILES scope');
    expect(one.stdout).toContain('decide: killdate approve settings-page 01-prefs');
    const again = cli(env, 'run', 'settings-page');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('waits for a decision');
    const ok = cli(env, 'approve', 'settings-page', '1', '--json');
    expect(JSON.parse(ok.stdout)).toMatchObject({ version: 1, decision: 'approved', next: '02-form' });
    const two = cli(env, 'run', 'settings-page', '--json');
    expect(two.status).toBe(1);
    const doc = JSON.parse(two.stdout);
    expect(doc).toMatchObject({ version: 1, stopped: 'checks-failed' });
    expect(cli(env, 'reject', 'settings-page', '2').status).toBe(2); // --reason is required
    const no = cli(env, 'reject', 'settings-page', '2', '--reason', 'server.js is not part of the form');
    expect(no.stdout).toContain('02-form: rejected (server.js is not part of the form)');
    const list = cli(env, 'runs');
    expect(list.stdout).toMatch(/settings-page 01-prefs\s+approved/);
    expect(list.stdout).toMatch(/settings-page 02-form\s+rejected \(3 failed\)/);
    const text = readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8');
    expect(text).toContain('**Decision:** rejected — server.js is not part of the form');
    const nothing = cli(env, 'resume');
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('no interrupted or failed run to resume');
  }, 60_000);

  it("approve --commit commits exactly the task's files, named after the task; other work stays uncommitted", () => {
    repo = readyRepo();
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    // the person's own work in progress, staged and not: never swept into the task's commit
    // (written before the run: approve refuses content that changed after the review)
    writeFileSync(join(repo.dir, 'notes.txt'), 'mine\n');
    writeFileSync(join(repo.dir, 'src/server.js'), 'export const port = 4000;\n');
    expect(cli(env, 'run', 'settings-page').status).toBe(0);
    spawnSync('git', ['add', 'src/server.js'], { cwd: repo.dir });
    const r = cli(env, 'approve', 'settings-page', '1', '--commit', '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.committed.paths).toEqual(['src/prefs.js']);
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo.dir, encoding: 'utf8' }).stdout;
    expect(git('rev-parse', 'HEAD').trim()).toBe(doc.committed.commit);
    expect(git('log', '-1', '--format=%s')).toMatch(/^settings-page: task 01-prefs approved \(killdate run /);
    expect(git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('src/prefs.js');
    expect(git('log', '-2', '--format=%s').split('\n')[1]).toBe(
      'killdate approve: settings-page task 01-prefs',
    );
    const status = git('status', '--porcelain');
    expect(status).toContain('M  src/server.js');
    expect(status).toContain('?? notes.txt');
  }, 60_000);

  it('approve --commit and revert read the names the agent wrote as names, never as git patterns', () => {
    repo = readyRepo({ features: [] });
    addReadyFeature(repo, 'settings-page', [['src/*.js'], ['src/form.js']]);
    repo.write({ 'src/lib/util.js': 'export const util = 1;\n' });
    repo.commit('ready');
    // the agent's move: a file named `*.js` (FILES allows it); as a git pattern it matches all
    // of src/, where the person has work in progress outside FILES
    const env = script(repo, {
      1: [
        { write: 'src/prefs.js', content: PREFS },
        { write: 'src/*.js', content: '// x\n' },
      ],
    });
    writeFileSync(join(repo.dir, 'src/lib/draft.js'), 'mine\n');
    writeFileSync(join(repo.dir, 'src/lib/util.js'), 'export const util = 2;\n');
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo.dir, encoding: 'utf8' }).stdout;
    const mine = 'M  src/lib/util.js\n?? src/lib/draft.js\n';
    /** the task runs; then the person stages their edit */
    const run = () => {
      const r = cli(env, 'run', 'settings-page');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      git('add', 'src/lib/util.js');
    };

    run();
    const undone = cli(env, 'revert', 'settings-page', '1', '--json');
    expect(undone.status, undone.stderr).toBe(0);
    expect(git('status', '--porcelain', '--', 'src/lib')).toBe(mine);

    git('restore', '--staged', 'src/lib/util.js');
    run();
    const r = cli(env, 'approve', 'settings-page', '1', '--commit', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).committed.paths).toEqual(['src/*.js', 'src/prefs.js']);
    expect(git('show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([
      'src/*.js',
      'src/prefs.js',
    ]);
    expect(git('status', '--porcelain', '--', 'src/lib')).toBe(mine);
  }, 60_000);

  it('a task file holding a secret fails the review, and accept --commit refuses it: nothing recorded or committed', () => {
    repo = readyRepo();
    const token = `ghp_${'Kk8'.repeat(12)}`;
    const service = 'Zq9-s3rv1ce-t0ken-Zq9';
    // the agent's move: a key of a known shape and the value of a secret variable, in code
    const env = {
      ...script(repo, {
        1: [
          {
            write: 'src/prefs.js',
            content: `${PREFS}export const github = '${token}';\nexport const service = '${service}';\n`,
          },
        ],
      }),
      SERVICE_TOKEN: service,
    };
    const line = PREFS.split('\n').length;
    const where = `src/prefs.js:${line} (github); src/prefs.js:${line + 1} (the value of a secret variable)`;
    const run = cli(env, 'run', 'settings-page');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✗ secrets  ${where}`);
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo.dir, encoding: 'utf8' }).stdout;
    const head = git('rev-parse', 'HEAD');
    const review = readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8');
    expect(review).toContain(where);
    expect(cli(env, 'approve', 'settings-page', '1', '--commit').stderr).toContain(
      'approve needs every check to pass',
    );
    const r = cli(env, 'accept', 'settings-page', '1', '--commit', '--reason', 'the keys are test keys');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `accept --commit refused: a secret in ${where.replace(';', ',')}; nothing recorded or committed`,
    );
    for (const out of [run.stdout, run.stderr, r.stdout, r.stderr, review]) {
      expect(out).not.toContain(token);
      expect(out).not.toContain(service);
    }
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8')).toBe(review);
  }, 60_000);

  it('code that names a password is no secret: the review passes and approve --commit commits it', () => {
    repo = readyRepo();
    const code = `${PREFS}// the login form: password: string, at least 12 characters
export const example = 'postgres://user:password@localhost/app';
export const read = (input1) => {
  const pwd = input1.trim();
  return pwd;
};
`;
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: code }] });
    const run = cli(env, 'run', 'settings-page');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('✓ secrets  none in the 1 changed file(s)');
    const r = cli(env, 'approve', 'settings-page', '1', '--commit', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).committed.paths).toEqual(['src/prefs.js']);
  }, 60_000);

  it('--commit goes with approve and accept only', () => {
    repo = readyRepo();
    const env = script(repo, {});
    const r = cli(env, 'reject', 'settings-page', '1', '--reason', 'x', '--commit');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--commit'");
  });

  it("task start and run warn when the current branch is not the runbook's Branch:", () => {
    repo = readyRepo();
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo.dir, encoding: 'utf8' });
    git('switch', '-q', '-c', 'wrong-branch');
    const want =
      "feature-builds/settings-page/runbook-01-prefs.md says Branch: feature/settings-page, but the current branch is wrong-branch: the task's work lands on wrong-branch";
    const start = cli(env, 'task', 'start', 'settings-page', '1');
    expect(start.status).toBe(0);
    expect(start.stderr).toContain(`warning: ${want}`);
    cli(env, 'task', 'stop');
    expect(
      JSON.parse(cli(env, 'task', 'start', 'settings-page', '1', '--json').stdout).active.warnings,
    ).toEqual([want]);
    cli(env, 'task', 'stop');
    const run = cli(env, 'run', 'settings-page');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`warning: ${want}`);
    // on the runbook's branch: no warning
    cli(env, 'reject', 'settings-page', '1', '--reason', 'again on the right branch');
    git('switch', '-q', '-c', 'feature/settings-page');
    const ok = cli(env, 'task', 'start', 'settings-page', '1');
    expect(ok.status).toBe(0);
    expect(ok.stderr).not.toContain('warning:');
  }, 60_000);
  it('the executor and VALIDATE get no secret of this environment but those run.passEnv lists; run names what it withheld', () => {
    repo = readyRepo({ agents: { extra: 'run:\n  passEnv: [DEPLOY_TOKEN]\n' } });
    const out = mkdtempSync(join(tmpdir(), 'killdate-child-env-'));
    try {
      // VALIDATE writes the environment it was given, then checks as before
      writeFileSync(
        join(repo.dir, 'check-prefs.mjs'),
        `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(out, 'validate.json'))}, JSON.stringify(process.env));\nconsole.log('prefs ok');\n`,
      );
      repo.commit('validate shows its environment');
      const secret = 'sk_live_51Hq8xT2mLr9Vw4Kp7Yb3NzQ';
      const token = 'dt_9f8e7d6c5b4a3f2e1d0c';
      const env = {
        ...script(repo, {
          1: [{ env: join(out, 'executor.json') }, { write: 'src/prefs.js', content: PREFS }],
        }),
        STRIPE_SECRET_KEY: secret,
        DEPLOY_TOKEN: token,
      };
      const r = cli(env, 'run', 'settings-page');
      expect(r.status, r.stderr).toBe(0);
      for (const child of ['executor', 'validate']) {
        const seen = JSON.parse(readFileSync(join(out, `${child}.json`), 'utf8'));
        expect(seen.STRIPE_SECRET_KEY, child).toBeUndefined();
        expect(seen.DEPLOY_TOKEN, child).toBe(token);
        expect(seen.PATH, child).toBe(process.env.PATH);
      }
      expect(r.stderr).toMatch(/withheld from it: .*STRIPE_SECRET_KEY/);
      expect(r.stderr).not.toMatch(/withheld from it: .*DEPLOY_TOKEN/);
      expect(r.stdout + r.stderr).not.toContain(secret);
      const [run] = readdirSync(join(repo.dir, '.killdate/runs')).filter((d) => d.startsWith('2'));
      const meta = JSON.parse(readFileSync(join(repo.dir, '.killdate/runs', run!, 'meta.json'), 'utf8'));
      expect(meta.executor.withheld).toContain('STRIPE_SECRET_KEY');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
