// Bad input: each a clear error or finding, never a partial write.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planSignoff, recordSignoff } from '../../src/api/signoff.js';
import { taskStart } from '../../src/api/task.js';
import { TODAY } from '../helpers/dates.js';
import { CANONICAL, LOCK, MOCK, RUNBOOK } from './fixture.js';
import { makeRepo, type Repo, runCli } from './repo.js';

const DIR = 'feature-builds/settings-page';

let repo: Repo;
afterEach(() => repo?.cleanup());

const signAll = () => {
  for (const cp of ['cp0', 'cp1', 'cp2', 'cp3'])
    recordSignoff(planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: cp, today: TODAY }));
};

describe('bad input', () => {
  it('sign-off on a missing feature or an unknown checkpoint: usage errors, nothing written', () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
    });
    const missing = runCli(repo.dir, ['signoff', 'nope', 'cp0', '--yes']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no feature nope in feature-builds\//);
    const unknown = runCli(repo.dir, ['signoff', 'settings-page', 'cp9', '--yes']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown checkpoint cp9: expected cp0, cp1, cp2 or cp3/);
    expect(existsSync(join(repo.dir, DIR, 'SIGNOFFS.md'))).toBe(false);
  });

  it('without a terminal and without --yes, a sign-off is refused', () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
    });
    const r = runCli(repo.dir, ['signoff', 'settings-page', 'cp0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/signoff refused: not confirmed on a terminal/);
    expect(r.stderr).not.toMatch(/--yes/);
    expect(existsSync(join(repo.dir, DIR, 'SIGNOFFS.md'))).toBe(false);
    expect(runCli(repo.dir, ['signoff', 'settings-page', 'cp0', '--yes', '--today', TODAY]).status).toBe(0);
    expect(readFileSync(join(repo.dir, DIR, 'SIGNOFFS.md'), 'utf8')).toMatch(/## CP-0 canonical cite check/);
  });

  it('a lock with merge-conflict markers refuses every checkpoint with the marker lines', () => {
    const conflicted = LOCK.replace(
      '**Conflicts:** none',
      '<<<<<<< HEAD\n**Conflicts:** none\n=======\n**Conflicts:** some\n>>>>>>> topic',
    );
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [`${DIR}/PRE-BUILD-LOCK.md`]: conflicted,
    });
    const r = runCli(repo.dir, ['signoff', 'settings-page', 'cp0', '--yes', '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.recorded).toBeNull();
    expect(out.blockers.map((b: { rule: string }) => b.rule)).toEqual([
      'doc/conflict-markers',
      'doc/conflict-markers',
      'doc/conflict-markers',
    ]);
    expect(existsSync(join(repo.dir, DIR, 'SIGNOFFS.md'))).toBe(false);
  });

  it('a runbook whose FILES names ../../etc/passwd or /etc/passwd blocks CP-3', () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
      [`${DIR}/mocks/settings.html`]: MOCK,
      [`${DIR}/runbook-01-settings-form.md`]: RUNBOOK.replace(
        'app/lib/email-prefs.ts',
        '../../etc/passwd\n/etc/passwd',
      ),
    });
    for (const cp of ['cp0', 'cp1', 'cp2'])
      recordSignoff(planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: cp, today: TODAY }));
    const plan = planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: 'cp3', today: TODAY });
    const messages = plan.blockers.map((b) => `${b.line} ${b.message}`).join('\n');
    expect(messages).toMatch(/\.\.\/\.\.\/etc\/passwd/);
    expect(messages).toMatch(/\/etc\/passwd/);
    expect(() => recordSignoff(plan)).toThrow(/does not hold/);
  });

  it('sign-offs are commits, even the first in a repo with none; task start on a detached HEAD is a clear error', () => {
    repo = makeRepo(
      {
        'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
        [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
        [`${DIR}/mocks/settings.html`]: MOCK,
        [`${DIR}/runbook-01-settings-form.md`]: RUNBOOK,
      },
      { commit: false },
    );
    signAll();
    expect(repo.git('log', '--format=%s').trim().split('\n')).toHaveLength(4);
    repo.commit('first');
    repo.commit('second');
    repo.git('checkout', '-q', '--detach', 'HEAD~1');
    expect(() => taskStart({ cwd: repo.dir, feature: 'settings-page', task: '1' })).toThrow(
      /HEAD is detached/,
    );
    expect(existsSync(join(repo.dir, '.killdate/active-task.json'))).toBe(false);
  });

  it('feature new refuses a bad slug and an existing folder', () => {
    repo = makeRepo({ [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK });
    expect(runCli(repo.dir, ['feature', 'new', 'Bad Slug']).stderr).toMatch(/invalid feature slug/);
    expect(runCli(repo.dir, ['feature', 'new', '../x']).status).toBe(2);
    const exists = runCli(repo.dir, ['feature', 'new', 'settings-page']);
    expect(exists.status).toBe(1);
    expect(exists.stderr).toMatch(/already exists/);
    expect(runCli(repo.dir, ['feature', 'new', 'fix-typo', '--type', 'copy']).stderr).toMatch(
      /needs no lock/,
    );
  });
});
