// A PR's own killdate.config.yaml cannot weaken its own check: `killdate ci --base` runs each
// rule at the stricter of the base's and the PR's severity, and warns for each rule the PR sets
// lower. Played as the agent would: an overdue kill date, and the rule that reports it turned off
// in the same PR.
import { describe, expect, it } from 'vitest';
import { strictestRules } from '../../src/api/ci-config.js';
import { day, TODAY } from '../helpers/dates.js';
import { cli, commitAll, git, makeRepo, write } from '../ship/repo.js';

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
        'the PR sets killdate/overdue to off, error on the base: this check keeps error; the change applies once merged',
    });
  });

  it('each rule at the stricter of the two: a PR may raise a severity, never lower one', () => {
    const base = { rules: { 'doc/placeholder': 'error', 'lock/empty-cell': 'off' } };
    const { rules, weakened } = strictestRules(base, {
      'doc/placeholder': 'warning',
      'lock/empty-cell': 'warning',
      'killdate/overdue': 'off',
    });
    expect(rules['doc/placeholder']).toBe('error');
    expect(rules['lock/empty-cell']).toBe('warning');
    expect(rules['killdate/overdue']).toBeUndefined(); // the rule's own severity
    expect(weakened.map((f) => f.message.split(' to ')[0])).toEqual([
      'the PR sets doc/placeholder',
      'the PR sets killdate/overdue',
    ]);
  });
});
