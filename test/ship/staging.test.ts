// Staging on demand: ship spins staging up (commands.stagingUp), runs the staging suite, and
// tears it down (commands.stagingDown) whether the suite passed or not, recording each step; a
// staging left up by a crash is reported by `status` and torn down by `ship --resume`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ship } from '../../src/api/ship.js';
import { humanEnv } from '../helpers/human-env.js';
import { CLI, cli, makeRepo } from './repo.js';

const ATTEST = ['invariants', 'staging-walkthrough'];

function stagingRepo(suite: string) {
  return makeRepo({
    '.gitignore': '.killdate/\norder.txt\n',
    'killdate.config.yaml': `commands:
  test: "true"
  stagingUp: echo up >> order.txt
  stagingTest: ${JSON.stringify(suite)}
  stagingDown: echo down >> order.txt
  deploy: echo deploy >> order.txt
  health: "true"
`,
  });
}

const order = (repo: string) => readFileSync(join(repo, 'order.txt'), 'utf8').trim().split('\n');
const state = (repo: string) => JSON.parse(readFileSync(join(repo, '.killdate/ship/state.json'), 'utf8'));
const step = (repo: string, id: string) => state(repo).steps.find((s: { id: string }) => s.id === id);

describe('staging on demand', () => {
  it('spins up, runs the suite, walks it, tears down, then deploys; each step recorded', async () => {
    const repo = stagingRepo('echo suite >> order.txt');
    const r = await ship({ cwd: repo, env: humanEnv(), attest: ATTEST });
    expect(r.stop.kind).toBe('done');
    expect(order(repo)).toEqual(['up', 'suite', 'down', 'deploy']);
    expect(r.steps.map((s) => s.id).slice(5, 9)).toEqual([
      'staging-up',
      'staging-suite',
      'staging-walkthrough',
      'staging-down',
    ]);
    expect(step(repo, 'staging-down')).toMatchObject({
      status: 'done',
      detail: 'echo down >> order.txt (exit 0)',
      log: `.killdate/ship/${r.id}/staging-down.log`,
    });
    expect(state(repo).staging).toBeUndefined();
  });

  it('tears staging down when the suite fails, and records it', async () => {
    const repo = stagingRepo('echo suite >> order.txt; exit 3');
    const r = await ship({ cwd: repo, env: humanEnv(), attest: ATTEST });
    expect(r.stop).toMatchObject({ kind: 'failed', step: 'staging-suite' });
    expect(order(repo)).toEqual(['up', 'suite', 'down']);
    expect(step(repo, 'staging-down')).toMatchObject({
      status: 'done',
      detail: 'echo down >> order.txt (exit 0), after staging-suite failed',
    });
    expect(state(repo).staging).toBeUndefined();
  });

  it('keeps staging up while the walkthrough waits for a human, then goes on and tears it down', () => {
    const repo = stagingRepo('echo suite >> order.txt');
    const first = cli(repo, ['ship', '--attest', 'invariants']);
    expect(first.code).toBe(1);
    expect(order(repo)).toEqual(['up', 'suite']);
    expect(cli(repo, ['status']).stdout).toContain(
      'waits for an attestation; killdate ship --resume goes on',
    );
    const done = cli(repo, ['ship', '--resume', '--attest', 'staging-walkthrough']);
    expect(done.code, done.stderr).toBe(0);
    expect(order(repo)).toEqual(['up', 'suite', 'down', 'deploy']);
  });

  it('a crash with staging up: status reports it, ship --resume tears it down and starts the phase again', async () => {
    const suite =
      'if [ -f .killdate/once ]; then echo suite >> order.txt; else touch .killdate/once; echo $$ > .killdate/pid; exec sleep 30; fi';
    const repo = stagingRepo(suite);
    const child = spawn(process.execPath, [CLI, 'ship', '--attest', 'invariants'], { cwd: repo });
    const closed = new Promise((res) => child.on('close', res));
    for (let i = 0; i < 400 && !existsSync(join(repo, '.killdate/pid')); i++)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await closed;
    process.kill(Number(readFileSync(join(repo, '.killdate/pid'), 'utf8')), 'SIGKILL');
    expect(order(repo)).toEqual(['up']);

    const st = JSON.parse(cli(repo, ['status', '--json']).stdout);
    expect(st.staging).toMatchObject({ left: true, next: 'tear-down', ship: state(repo).id });
    expect(cli(repo, ['status']).stdout).toContain('killdate ship --resume tears it down');

    const resumed = cli(repo, ['ship', '--resume', '--attest', 'staging-walkthrough']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`after ship ${state(repo).id} left staging up since`);
    expect(order(repo)).toEqual(['up', 'down', 'up', 'suite', 'down', 'deploy']);
    expect(JSON.parse(cli(repo, ['status', '--json']).stdout).staging).toBeUndefined();
  });
});
