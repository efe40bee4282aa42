// A PR's own killdate.config.yaml cannot weaken its own check: `killdate ci --base` runs each
// rule at the stricter of the base's and the PR's severity, and warns for each rule the PR sets
// lower. Played as the agent would: an overdue kill date, and the rule that reports it turned off
// in the same PR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strictestRules } from '../../src/api/ci-config.js';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { day, TODAY } from '../helpers/dates.js';
import { cli, commitAll, git, makeRepo, write } from '../ship/repo.js';

const LOCK_FILE = 'feature-builds/settings-page/PRE-BUILD-LOCK.md';
const rulesOf = (r: { stdout: string }) =>
  JSON.parse(r.stdout).findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`);

describe('ci --base and the PR config', () => {
  it('an overdue kill date still fails when the PR turns its rule off; the PR is told the rule is kept', () => {
    const repo = makeRepo({ 'src/app.ts': 'export {};\n' });
    git(repo, 'checkout', '-q', '-b', 'agent-pr');
    write(repo, {
      'src/app.ts': `export const beta = true; // KILLDATE ${day(-3)} flag beta: 0 errors for 14 days\n`,
      'killdate.config.yaml': 'version: 1\nrules:\n  killdate/overdue: "off"\n',
    });
    commitAll(repo, 'the flag, and the rule off');
    const local = cli(repo, ['ci', '--format', 'json', '--today', TODAY]);
    expect(rulesOf(local)).not.toContain('killdate/overdue error'); // without a base: the PR's config
    const r = cli(repo, ['ci', '--base', 'main', '--format', 'json', '--today', TODAY]);
    expect(r.code).toBe(1);
    expect(rulesOf(r)).toEqual(
      expect.arrayContaining(['killdate/overdue error', 'ci/rule-weakened warning']),
    );
    const warning = JSON.parse(r.stdout).findings.find(
      (f: { rule: string }) => f.rule === 'ci/rule-weakened',
    );
    expect(warning).toMatchObject({
      file: 'killdate.config.yaml',
      message:
        "the PR sets killdate/overdue to off, its default on the base: this check keeps the base's; the change applies once merged",
    });
  });

  it('each rule at the stricter of the two: a PR may raise a severity, never lower one, nor drop an explicit error', () => {
    const { rules, weakened } = strictestRules(
      { 'doc/placeholder': 'error', 'lock/empty-cell': 'off', 'runbook/header': 'error' },
      { 'doc/placeholder': 'warning', 'lock/empty-cell': 'warning', 'killdate/overdue': 'off' },
    );
    expect(rules['doc/placeholder']).toBe('error');
    expect(rules['lock/empty-cell']).toBe('warning');
    expect(rules['killdate/overdue']).toBeUndefined(); // the rule's own severity
    expect(rules['runbook/header']).toBe('error'); // the PR dropped the base's explicit error
    expect(weakened.map((f) => f.message.split(' to ')[0]).sort()).toEqual([
      'the PR sets doc/placeholder',
      'the PR sets killdate/overdue',
      'the PR sets runbook/header',
    ]);
  });

  it('a PR that points paths elsewhere is still checked where the base reads: a re-opened checkpoint is reported', () => {
    const repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [LOCK_FILE]: LOCK,
    });
    expect(cli(repo, ['signoff', 'settings-page', 'cp0', '--yes', '--today', TODAY]).code).toBe(0);
    git(repo, 'checkout', '-q', '-b', 'agent-pr');
    // the agent's move: the signed lock changed, and the config pointed at an empty folder
    const lock = readFileSync(join(repo, LOCK_FILE), 'utf8');
    write(repo, {
      [LOCK_FILE]: lock.replace('**Conflicts:** none', '**Conflicts:** none that matter'),
      'killdate.config.yaml': 'version: 1\npaths:\n  features: nothing-here\n',
    });
    commitAll(repo, 'lock, and paths moved');
    const r = cli(repo, ['ci', '--base', 'main', '--format', 'json', '--today', TODAY]);
    expect(r.code).toBe(1);
    expect(rulesOf(r)).toEqual(
      expect.arrayContaining(['ci/checkpoint-reopened error', 'ci/config-changed warning']),
    );
    const note = JSON.parse(r.stdout).findings.find((f: { rule: string }) => f.rule === 'ci/config-changed');
    expect(note.message).toBe(
      "the PR changes paths: this check reads the base's; the change applies once merged",
    );
  });

  it('a base whose config does not validate: the PR still cannot turn off the rule it breaks', () => {
    const repo = makeRepo({
      'src/app.ts': 'export {};\n',
      'killdate.config.yaml': 'version: 1\nprodcut: Acme\n',
    });
    git(repo, 'checkout', '-q', '-b', 'agent-pr');
    write(repo, {
      'src/app.ts': `export const beta = true; // KILLDATE ${day(-3)} flag beta: 0 errors for 14 days\n`,
      'killdate.config.yaml': 'version: 1\nproduct: Acme\nrules:\n  killdate/overdue: "off"\n',
    });
    commitAll(repo, 'the typo fixed, the flag, and the rule off');
    const r = cli(repo, ['ci', '--base', 'main', '--format', 'json', '--today', TODAY]);
    expect(r.code).toBe(1);
    expect(rulesOf(r)).toEqual(
      expect.arrayContaining([
        'killdate/overdue error',
        'ci/rule-weakened warning',
        'ci/config-changed warning',
      ]),
    );
  });
});
