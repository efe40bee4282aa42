import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ship } from '../../src/api/ship.js';
import { day } from '../helpers/dates.js';
import { humanEnv } from '../helpers/human-env.js';
import { CLI, cli, commitAll, makeRepo, write } from './repo.js';

const ROOT = join(import.meta.dirname, '../..');
const ARCH = '# Architecture\n\n## Stack\n\nNode and Postgres. Hand-written text stays.\n';
const LOG = `# Session log\n\n## ${day(-1)}\n\n**Branch:** main\n**What happened:** Wrote the export feature.\n`;

function shipRepo(deploy = 'echo deployed to prod', extra = '') {
  return makeRepo({
    '.gitignore': '.killdate/\n',
    'killdate.config.yaml': `commands:
  test: echo all tests pass
  stagingDeploy: echo deployed to staging
  stagingTest: echo suite passes on staging
  deploy: ${JSON.stringify(deploy)}
  health: echo healthy
${extra}`,
    'project-management/ARCHITECTURE.md': ARCH,
    'project-management/_log.md': LOG,
  });
}

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ok()) throw new Error('timed out waiting');
}

const state = (repo: string) => JSON.parse(readFileSync(join(repo, '.killdate/ship/state.json'), 'utf8'));

describe('ship', () => {
  it('stops for an attestation without a terminal, then resumes with --attest and finishes', () => {
    const repo = shipRepo();
    const first = cli(repo, ['ship']);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('a human attestation is needed');
    expect(first.stdout).toContain('--attest invariants');
    expect(first.stderr).toContain('[1/14] All tests pass locally ✓');
    const again = cli(repo, ['ship']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is unfinished (at step invariants)');
    const done = cli(repo, ['ship', '--resume', '--attest', 'invariants', '--attest', 'staging-walkthrough']);
    expect(done.stderr).toContain('[14/14] Kill dates checked');
    expect(done.code).toBe(0);
    const s = state(repo);
    expect(s.steps.find((x: { id: string }) => x.id === 'invariants')).toMatchObject({
      status: 'done',
      attestedBy: 'Tess Ter',
    });
    expect(readFileSync(join(repo, `.killdate/ship/${s.id}/deploy.log`), 'utf8')).toBe('deployed to prod\n');
    const log = readFileSync(join(repo, 'project-management/_log.md'), 'utf8');
    expect(log.startsWith(LOG)).toBe(true);
    expect(log).toMatch(
      /\n## \d{4}-\d{2}-\d{2}\n\n\*\*Branch:\*\* main\n\*\*What happened:\*\* Deployed [0-9a-f]+ to production/,
    );
    const arch = readFileSync(join(repo, 'project-management/ARCHITECTURE.md'), 'utf8');
    expect(arch.startsWith(ARCH)).toBe(true);
    expect(arch).toContain('\n## Deployment status\n\n**Last deploy:** ');
    expect(log).toContain('; skipped: migrations, canary.');
  });

  it('updates only its region of ARCHITECTURE on the next ship', async () => {
    const repo = shipRepo();
    const arch = `${ARCH}\n## Current deployment status\n\n<!-- killdate:deploy-status -->\nold\n<!-- /killdate:deploy-status -->\n\n## Hard constraints\n\n- keep it\n`;
    write(repo, { 'project-management/ARCHITECTURE.md': arch });
    commitAll(repo, 'arch');
    const r = await ship({ cwd: repo, env: humanEnv(), attest: ['invariants', 'staging-walkthrough'] });
    expect(r.stop.kind).toBe('done');
    const after = readFileSync(join(repo, 'project-management/ARCHITECTURE.md'), 'utf8');
    expect(after).not.toContain('\nold\n');
    expect(after.split('<!-- killdate:deploy-status -->')[0]).toBe(
      arch.split('<!-- killdate:deploy-status -->')[0],
    );
    expect(after.endsWith('<!-- /killdate:deploy-status -->\n\n## Hard constraints\n\n- keep it\n')).toBe(
      true,
    );
  });

  it('refuses pending migrations without a rollback command, and runs them before the deploy when it is written', async () => {
    const extra = `ship:
  migrations: { folder: db/migrations, appliedFile: db/applied.txt }
`;
    const repo = shipRepo('cat db/applied.txt', extra);
    write(repo, {
      'db/migrations/001_init.sql': 'create table t();',
      'db/migrations/002_add.sql': 'alter table t;',
      'db/applied.txt': '001_init\n',
    });
    commitAll(repo, 'migrations');
    const r = await ship({ cwd: repo, env: humanEnv(), attest: ['invariants', 'staging-walkthrough'] });
    expect(r.stop).toMatchObject({
      kind: 'failed',
      step: 'migrations',
      detail: expect.stringContaining('rollback command is not written'),
    });
    write(repo, {
      'killdate.config.yaml': readFileSync(join(repo, 'killdate.config.yaml'), 'utf8').replace(
        'ship:\n',
        'ship:\n  rollback: echo down\n  migrate: echo 002_add >> db/applied.txt\n',
      ),
    });
    commitAll(repo, 'rollback written');
    const again = await ship({
      cwd: repo,
      env: humanEnv(),
      resume: true,
      attest: ['invariants', 'staging-walkthrough'],
    });
    expect(again.stop.kind).toBe('done');
    expect(again.migrated).toBe(true);
    expect(readFileSync(join(repo, `.killdate/ship/${again.id}/deploy.log`), 'utf8')).toBe(
      '001_init\n002_add\n',
    );
  });

  it('refuses a dirty tree and a wrong branch', async () => {
    const repo = shipRepo();
    write(repo, { 'src/half.ts': 'x' });
    const r = await ship({ cwd: repo, env: humanEnv() });
    expect(r.stop).toMatchObject({
      kind: 'failed',
      step: 'clean-tree',
      detail: expect.stringContaining('src/half.ts'),
    });
  });

  it('refuses an uncommitted change to the config before any step runs its commands', async () => {
    const repo = shipRepo();
    const config = readFileSync(join(repo, 'killdate.config.yaml'), 'utf8');
    write(repo, { 'killdate.config.yaml': config.replace('echo all tests pass', 'touch ran-it') });
    await expect(ship({ cwd: repo, env: humanEnv() })).rejects.toThrow(
      'killdate.config.yaml has uncommitted changes: ship runs only committed commands',
    );
    expect(existsSync(join(repo, 'ran-it'))).toBe(false);
  });

  it('Ctrl-C stops the running step, saves the state and exits 130; --resume starts at that step', async () => {
    const repo = shipRepo(
      'if [ -f .killdate/once ]; then echo deployed; else touch .killdate/once; sleep 30; fi',
    );
    const child = spawn(
      process.execPath,
      [CLI, 'ship', '--attest', 'invariants', '--attest', 'staging-walkthrough'],
      { cwd: repo },
    );
    const closed = new Promise((res) => child.on('close', res));
    await until(() => existsSync(join(repo, '.killdate/once')));
    child.kill('SIGINT');
    const code = await closed;
    expect(code).toBe(130);
    expect(state(repo).steps.find((s: { id: string }) => s.id === 'deploy').status).toBe('pending');
    expect(state(repo).steps.find((s: { id: string }) => s.id === 'staging-suite').status).toBe('done');
    const resumed = cli(repo, ['ship', '--resume', '--attest', 'staging-walkthrough']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).not.toContain('All tests pass locally');
    expect(resumed.stderr).toContain('Production deploy ✓');
  });

  it('a crash mid-step leaves a state that resumes at that step', async () => {
    const repo = shipRepo(
      'if [ -f .killdate/once ]; then echo deployed; else touch .killdate/once; echo $$ > .killdate/pid; exec sleep 30; fi',
    );
    const child = spawn(
      process.execPath,
      [CLI, 'ship', '--attest', 'invariants', '--attest', 'staging-walkthrough'],
      { cwd: repo },
    );
    const closed = new Promise((res) => child.on('close', res));
    await until(() => existsSync(join(repo, '.killdate/pid')));
    child.kill('SIGKILL');
    await closed;
    process.kill(Number(readFileSync(join(repo, '.killdate/pid'), 'utf8')), 'SIGKILL');
    expect(state(repo).steps.find((s: { id: string }) => s.id === 'deploy').status).toBe('running');
    const resumed = await ship({ cwd: repo, env: humanEnv(), resume: true, attest: ['staging-walkthrough'] });
    expect(resumed.stop.kind).toBe('done');
  });

  it('a state an agent rewrote (a failed step marked done) is refused, never resumed from', () => {
    const repo = shipRepo();
    write(repo, {
      'killdate.config.yaml': readFileSync(join(repo, 'killdate.config.yaml'), 'utf8').replace(
        'test: echo all tests pass',
        'test: "false"',
      ),
    });
    commitAll(repo, 'tests that fail');
    const attest = ['--attest', 'invariants', '--attest', 'staging-walkthrough'];
    const first = cli(repo, ['ship', ...attest]);
    expect(first.code).toBe(1);
    const s = state(repo);
    const failed = s.steps.find((x: { status: string }) => x.status === 'failed');
    expect(failed).toBeDefined();
    // the agent's move: the failed step marked done, so a resume would go on to the deploy
    failed.status = 'done';
    writeFileSync(join(repo, '.killdate/ship/state.json'), `${JSON.stringify(s, null, 2)}\n`);
    const r = cli(repo, ['ship', '--resume', ...attest]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '.killdate/ship/state.json differs from the copy killdate keeps in git (refs/killdate/ship/state): it was edited; nothing done',
    );
    expect(existsSync(join(repo, `.killdate/ship/${s.id}/deploy.log`))).toBe(false);
    // the person starts again: every step runs, the failing one fails again
    const again = cli(repo, ['ship', '--restart', ...attest]);
    expect(again.code).toBe(1);
    expect(again.stderr).not.toContain('differs from the copy');
    expect(state(repo).steps.find((x: { id: string }) => x.id === failed.id).status).toBe('failed');
  });

  it('rejects an unknown --attest step', async () => {
    const repo = shipRepo();
    await expect(ship({ cwd: repo, env: humanEnv(), attest: ['deploy'] })).rejects.toThrow(
      /no such attestation step; expected one of invariants, staging-walkthrough/,
    );
  });

  it("updates the template's own Deployment status fields in place, one section, other lines kept", async () => {
    const repo = shipRepo();
    const template = readFileSync(join(ROOT, 'templates/project-management/ARCHITECTURE.md'), 'utf8');
    write(repo, { 'project-management/ARCHITECTURE.md': template });
    commitAll(repo, 'template architecture');
    const r = await ship({ cwd: repo, env: humanEnv(), attest: ['invariants', 'staging-walkthrough'] });
    expect(r.stop.kind).toBe('done');
    expect(r.steps.filter((s) => s.status === 'skipped').map((s) => s.id)).toEqual(['migrations', 'canary']);
    const arch = readFileSync(join(repo, 'project-management/ARCHITECTURE.md'), 'utf8');
    expect(arch.match(/deployment status/gi)).toHaveLength(1);
    const section = arch.slice(arch.indexOf('## Deployment status'), arch.indexOf('## Hard constraints'));
    expect(section).toMatch(
      new RegExp(
        `^## Deployment status\\n\\n\\*\\*Production URL:\\*\\* \\[url\\]\\n\\*\\*Staging URL:\\*\\* \\[url\\]\\n\\*\\*Last deploy:\\*\\* \\d{4}-\\d{2}-\\d{2}\\n\\*\\*Current version:\\*\\* [0-9a-f]+\\n\\*\\*Shipped with:\\*\\* killdate ship ${r.id}\\n\\n$`,
      ),
    );
    expect(arch.replace(section, '')).toBe(
      template.replace(/## Deployment status[\s\S]*?(?=## Hard constraints)/, ''),
    );
  });
});
