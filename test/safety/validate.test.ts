// VALIDATE runs only what was meant to run: a checkbox step in the runnable form
// (`- [ ] Label: \`command\``), nothing else. Replays the harmful case on a real git repo: a
// prohibition naming `git clean -fdx` was executed and deleted ignored and untracked files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { run } from '../../src/api/run.js';
import { planSignoff, recordSignoff } from '../../src/api/signoff.js';
import { destructive } from '../../src/core/destructive.js';
import { runnableStep } from '../../src/core/parse/runbook.js';
import { CANONICAL, LOCK, MOCK } from '../gates/fixture.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { configYaml, PREFS, runbook, script, TODAY } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const DIR = 'feature-builds/settings-page';
const RB1 = `${DIR}/runbook-01-prefs.md`;

/** A ready feature whose first runbook's VALIDATE steps are `steps`, signed up to `upTo`. */
function repoWith(steps: string[], upTo = 'cp3'): Repo {
  const r = makeRepo({
    'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
    'src/server.js': 'export const port = 3000;\n',
    'check-prefs.mjs': "console.log('prefs ok');\n",
    'killdate.config.yaml': configYaml(),
    '.gitignore': '.env\n.killdate/\n',
  });
  const one = runbook(1, 'prefs', ['src/prefs.js'], []).replace(
    '- [ ] Only the paths in FILES changed',
    `${steps.join('\n')}\n- [ ] Only the paths in FILES changed`,
  );
  r.write({
    [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
    [`${DIR}/mocks/settings.html`]: MOCK,
    [RB1]: one,
    [`${DIR}/runbook-02-form.md`]: runbook(2, 'form', ['src/form.js'], ['node check-prefs.mjs']),
  });
  const order = ['cp0', 'cp1', 'cp2', 'cp3'];
  for (const cp of order.slice(0, order.indexOf(upTo) + 1)) {
    const plan = planSignoff({ cwd: r.dir, feature: 'settings-page', checkpoint: cp, today: TODAY });
    expect(plan.blockers, cp).toEqual([]);
    recordSignoff(plan);
  }
  r.commit('ready');
  return r;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('VALIDATE runs only steps in the runnable form', () => {
  it('a prohibition naming `git clean -fdx` is shown to the human, never run; check warns', async () => {
    repo = repoWith([
      '- [ ] Do not run `git clean -fdx` to tidy up',
      '- [ ] Prefs load: `node check-prefs.mjs`',
    ]);
    // what the user has that git clean -fdx would delete: an ignored .env, an untracked note,
    // the records of an earlier run
    writeFileSync(join(repo.dir, '.env'), 'DB_PASS=hunter2-hunter2\n');
    writeFileSync(join(repo.dir, 'notes.txt'), 'my notes\n');
    mkdirSync(join(repo.dir, '.killdate/runs/earlier'), { recursive: true });
    writeFileSync(join(repo.dir, '.killdate/runs/earlier/meta.json'), '{}\n');

    const text = readFileSync(join(repo.dir, RB1), 'utf8');
    const warned = check({ cwd: repo.dir, today: TODAY }).findings.filter(
      (f) => f.rule === 'runbook/validate-negated',
    );
    expect(warned).toEqual([
      expect.objectContaining({ severity: 'warning', file: RB1, line: lineOf(text, 'Do not run') }),
    ]);
    expect(warned[0]!.message).toContain('`git clean -fdx`');

    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const r = await run({ cwd: repo.dir, feature: 'settings-page', today: TODAY, env, handleSigint: false });
    const t = r.runs[0]!;
    expect(t.checks!.filter((c) => c.name.startsWith('VALIDATE')).map((c) => c.name)).toEqual([
      'VALIDATE 1: node check-prefs.mjs',
    ]);
    for (const kept of ['.env', 'notes.txt', '.killdate/runs/earlier/meta.json'])
      expect(existsSync(join(repo.dir, kept)), kept).toBe(true);
    const review = readFileSync(join(repo.dir, DIR, 'REVIEW.md'), 'utf8');
    expect(review).toContain('Do not run `git clean -fdx` to tidy up'); // for the human to read
  });

  it('a destructive runnable step is an error and blocks CP-3, unless its label says (destructive)', () => {
    repo = repoWith([], 'cp2');
    const text = readFileSync(join(repo.dir, RB1), 'utf8');
    const add = (step: string) =>
      repo.write({ [RB1]: text.replace('- [ ] Only the paths', `${step}\n- [ ] Only the paths`) });
    for (const step of [
      '- [ ] Tidy up: `git clean -fdx`',
      '- [ ] `git reset --hard HEAD`',
      '- [ ] Publish: `git push --force origin main`',
      '- [ ] Fresh start: `rm -rf src`',
      '- [ ] Reset data: `psql -c "DROP TABLE users"`',
      '- [ ] Empty it: `sqlite3 app.db "TRUNCATE users"`',
    ]) {
      add(step);
      const found = check({ cwd: repo.dir, today: TODAY }).findings.filter(
        (f) => f.rule === 'runbook/validate-destructive',
      );
      expect(found, step).toEqual([expect.objectContaining({ severity: 'error', file: RB1 })]);
      const plan = planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: 'cp3', today: TODAY });
      expect(plan.blockers.map((b) => b.rule)).toContain('runbook/validate-destructive');
    }
    add('- [ ] Reset the fixtures (destructive): `git clean -fdx test/fixtures`');
    expect(check({ cwd: repo.dir, today: TODAY }).findings.map((f) => f.rule)).not.toContain(
      'runbook/validate-destructive',
    );
    add('- [ ] Clean build: `rm -rf dist coverage && node check-prefs.mjs`');
    expect(check({ cwd: repo.dir, today: TODAY }).findings.map((f) => f.rule)).not.toContain(
      'runbook/validate-destructive',
    );
  });

  it('CP-3 prints the exact commands run will execute, and its hash covers them', () => {
    repo = repoWith(
      ['- [ ] Prefs load: `node check-prefs.mjs`', '- [ ] `npm run dev` then open /settings'],
      'cp2',
    );
    const plan = planSignoff({ cwd: repo.dir, feature: 'settings-page', checkpoint: 'cp3', today: TODAY });
    expect(plan.commands).toEqual([
      { runbook: RB1, commands: ['node check-prefs.mjs'] },
      { runbook: `${DIR}/runbook-02-form.md`, commands: ['node check-prefs.mjs'] },
    ]);
    expect(plan.documents.map((d) => d.id)).toContain(`${RB1}#validate`);
    const out = runCli(repo.dir, ['signoff', 'settings-page', 'cp3', '--yes', '--today', TODAY]);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain(`${RB1}#validate`);
    expect(out.stdout).toContain('    $ node check-prefs.mjs');
    expect(out.stdout).not.toContain('$ npm run dev');
  });
});

describe('the runnable form', () => {
  it('is a checkbox step that is one backticked command, after an optional label ending in ":"', () => {
    expect(runnableStep('Tests pass: `npm test`')).toBe('npm test');
    expect(runnableStep('No TypeScript errors: `npm run typecheck`')).toBe('npm run typecheck');
    expect(runnableStep('`./scripts/check.sh`')).toBe('./scripts/check.sh');
    expect(runnableStep('Does not crash: `node check.mjs`')).toBe('node check.mjs');
    for (const prose of [
      'Do not run `git clean -fdx` to tidy up',
      "Don't run: `git clean -fdx`",
      'Never: `rm -rf /`',
      '`npm run dev` — `/settings` renders without errors',
      'Run `npm test` and read the output',
      'Tests pass: `[test command]`',
      'Dev server: `npm run dev`',
      'Posting the form redirects back to `/settings`',
    ])
      expect(runnableStep(prose), prose).toBeUndefined();
  });

  it('the destructive list: one place, the issue cases and their safe neighbours', () => {
    for (const c of [
      'git clean -fdx',
      'git -C . clean -n',
      'git reset --hard',
      'git push -f',
      'git push origin +main',
      'rm -rf .',
      'rm -r ../x',
      'rm -rf /tmp/../etc',
      'find . -name x | xargs rm -rf',
      'npx prisma migrate reset',
      'psql -c "drop database app"',
      'echo ok && git checkout -- .',
      'sh -c "git clean -fdx"',
      "bash -c 'rm -rf src'",
      'npx rimraf src',
      'find . -name "*.log" -exec rm {} +',
    ])
      expect(destructive(c), c).toBeDefined();
    for (const c of [
      'git status',
      'git push',
      'rm -rf dist',
      'rm -r ./build/cache',
      'rm file.txt',
      'npm test',
      'npx rimraf dist coverage',
      'sh -c "npm test"',
    ])
      expect(destructive(c), c).toBeUndefined();
  });
});
