// A PR that changes a document a signed checkpoint covers fails `killdate ci --base`
// (ci/checkpoint-reopened) until the person signs that checkpoint again in it. Played as the
// agent would: the planner widens the lock's answer on a branch and pushes it, unsigned.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';
import { humanEnv } from '../helpers/human-env.js';

const LOCK_FILE = 'feature-builds/settings-page/PRE-BUILD-LOCK.md';
let repo: Repo;
afterEach(() => repo?.cleanup());

const kd = (...args: string[]) => runCli(repo.dir, [...args, '--today', TODAY]);
const reopened = (r: { stdout: string }) =>
  JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'ci/checkpoint-reopened');

describe('ci --base and a checkpoint the PR re-opens', () => {
  it('fails the PR that changes a signed document, names the sign-off, and passes once it is signed again', () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [LOCK_FILE]: LOCK,
      'src/app.ts': 'export {};\n',
    });
    const signed = kd('signoff', 'settings-page', 'cp0', '--yes');
    expect(signed.status, signed.stderr).toBe(0);
    repo.git('checkout', '-qb', 'planner-pr');
    // a change no sign-off covers: nothing to report
    repo.write({ 'src/app.ts': 'export const app = 1;\n' });
    repo.commit('code');
    expect(reopened(kd('ci', '--base', 'main', '--format', 'json'))).toEqual([]);
    // the agent's move: the lock's gate 1 answer changed after CP-0, committed without a new sign-off
    const lock = readFileSync(join(repo.dir, LOCK_FILE), 'utf8');
    writeFileSync(
      join(repo.dir, LOCK_FILE),
      lock.replace('**Conflicts:** none', '**Conflicts:** none that matter'),
    );
    repo.commit('lock');
    const r = kd('ci', '--base', 'main', '--format', 'json');
    expect(r.status).toBe(1);
    expect(reopened(r)).toEqual([
      expect.objectContaining({
        file: LOCK_FILE,
        severity: 'error',
        message: expect.stringMatching(
          /^the PR changes .*PRE-BUILD-LOCK\.md, which the CP-0 sign-off of Ada Reviewer <ada@example\.com> on \d{4}-\d{2}-\d{2} covers: CP-0 no longer holds$/,
        ),
      }),
    ]);
    // the person reviews the change and signs CP-0 again, in the same PR
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    expect(reopened(kd('ci', '--base', 'main', '--format', 'json'))).toEqual([]);
  });

  // every killdate process stopped at the same second (faketime): sign-offs whose time matches
  const sameSecond = (...args: string[]) => {
    // its own clock, not one a calendar run (faketime around the suite) hands down
    const env = humanEnv({ NO_COLOR: '1' });
    for (const name of Object.keys(env))
      if (name === 'LD_PRELOAD' || name.startsWith('FAKETIME')) delete env[name];
    const r = spawnSync('faketime', [`${TODAY} 12:00:00`, process.execPath, CLI, ...args, '--today', TODAY], {
      cwd: repo.dir,
      encoding: 'utf8',
      env,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it.each([
    ['the clock running', kd],
    ['every sign-off in the same second', sameSecond],
  ])('does not blame the PR for a checkpoint the base had already re-opened (%s)', (_, kd) => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [LOCK_FILE]: LOCK,
    });
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    const edit = (from: string, to: string) => {
      const lock = readFileSync(join(repo.dir, LOCK_FILE), 'utf8');
      expect(lock).toContain(from);
      writeFileSync(join(repo.dir, LOCK_FILE), lock.replace(from, to));
    };
    // main itself changed gate 1 after CP-0 was signed: CP-0 is already open on the base
    edit('**Conflicts:** none', '**Conflicts:** none that matter');
    repo.commit('lock on main');
    repo.git('checkout', '-qb', 'planner-pr');
    edit('**Conflicts:** none that matter', '**Conflicts:** none that matter here');
    repo.commit('lock again');
    const r = kd('ci', '--base', 'main', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(reopened(r)).toEqual([]);
    // a sign-off made in the PR and then undone by the PR's next change is the PR's doing
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    edit('**Conflicts:** none that matter here', '**Conflicts:** none at all');
    repo.commit('lock after the new sign-off');
    expect(reopened(kd('ci', '--base', 'main', '--format', 'json'))).toEqual([
      expect.objectContaining({ file: LOCK_FILE, message: expect.stringContaining('CP-0 no longer holds') }),
    ]);
  });
});
