// The lock rules on whole locks: the draft fixture's gaps, the severity decision, the citation
// search, which files are locks, and lockBlockers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { lockBlockers } from '../../src/core/lock-blockers.js';
import { parseMarkdown } from '../../src/core/markdown.js';
import { parseLock } from '../../src/core/parse/lock.js';
import { lockRules } from '../../src/core/rules/lock.js';
import { dated, IMPOSSIBLE, TODAY } from '../helpers/dates.js';

const fixture = (name: string) =>
  dated(readFileSync(new URL(`../fixtures/locks/${name}`, import.meta.url), 'utf8'));
const COMPLETE = fixture('complete.md');
const DRAFT = fixture('draft.md');
const LOCK = 'feature-builds/csv-export/PRE-BUILD-LOCK.md';
const CANON = 'marketing/canonical/MARKETING-TRUTH.md';
const ws = (files: Record<string, string>) =>
  exampleWorkspace({ [CANON]: fixture('MARKETING-TRUTH.md'), ...files }, TODAY);
const run = (files: Record<string, string>) => runRules(ws(files), lockRules);
const brief = (files: Record<string, string>) => run(files).map((f) => `${f.rule} ${f.severity} ${f.line}`);

describe('lock rules on the draft fixture', () => {
  const findings = run({ [LOCK]: DRAFT });

  it('reports each gap with its rule, severity and line', () => {
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.line}`)).toEqual([
      'lock/header warning 4',
      'lock/citation-not-found warning 8',
      'lock/blank-field warning 9',
      'lock/blank-field warning 10',
      'lock/scope-sentence warning 16',
      'lock/out-empty warning 21',
      'lock/blank-field warning 24',
      'lock/surgical-change warning 25',
      'lock/status-unset warning 27',
      'lock/verification-method error 33',
      'lock/empty-cell error 34',
      'lock/empty-cell warning 42',
      'lock/status-unset warning 44',
      'lock/empty-cell warning 56',
      'lock/interface-contract warning 56',
      'lock/status-unset warning 58',
      'lock/sunset-criterion warning 63',
      'lock/kill-date-invalid error 64',
      'lock/mocks-checklist warning 70',
      'lock/mocks-checklist warning 71',
      'lock/mocks-checklist warning 72',
      'lock/mocks-checklist warning 74',
      'lock/status-unset warning 76',
    ]);
  });

  it('messages say what was found and what was expected', () => {
    const msg = (rule: string) => findings.find((f) => f.rule === rule)?.message;
    expect(msg('lock/out-empty')).toBe(
      'gate 2 OUT list is empty: expected at least one surface this build will not change (gate 2 is still open; this blocks CP-1)',
    );
    expect(msg('lock/verification-method')).toMatch(
      /"looks fine", which is not a method: expected a test name .* marked PASSED/,
    );
    expect(msg('lock/kill-date-invalid')).toBe(
      `gate 7 kill date "${IMPOSSIBLE}" is not a real calendar date: expected a real date, YYYY-MM-DD`,
    );
    expect(msg('lock/citation-not-found')).toMatch(
      /^gate 1 quote "Export every invoice to a spreadsheet in one click\." is not in any canonical document/,
    );
  });

  it('lockBlockers groups the findings by gate', () => {
    const b = lockBlockers(ws({ [LOCK]: DRAFT }), LOCK);
    expect(Object.keys(b.byGate).map(Number)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(b.byGate[3]!.map((f) => f.rule).sort()).toEqual(['lock/empty-cell', 'lock/verification-method']);
    expect(b.general.map((f) => f.rule)).toEqual(['lock/header']);
    const missing = lockBlockers(
      ws({ [LOCK]: '# Pre-build lock: x\n\n## Gate 1 — A\n\n**Status:** BLOCKED\n' }),
      LOCK,
    );
    expect(missing.byGate[4]?.map((f) => f.rule)).toEqual(['lock/gate-missing']);
    const done = 'feature-builds/team-invites/PRE-BUILD-LOCK.md';
    const mocks = Object.fromEntries(
      ['invite-form.html', 'team-page-side-by-side.html'].map((m) => [
        `feature-builds/team-invites/mocks/${m}`,
        fixture(`mocks/${m}`),
      ]),
    );
    expect(lockBlockers(ws({ [done]: COMPLETE, ...mocks }), done)).toEqual({ byGate: {}, general: [] });
  });
});

describe('the severity decision', () => {
  const out = (status: string) =>
    `# Pre-build lock: x\n\n## Gate 2 — Scope lock\n\n**Scope statement:** Adds x.\n\n**OUT:**\n\n**Status:** ${status}\n`;
  it.each([
    ['PASSED', 'error'],
    ['BLOCKED', 'warning'],
    ['☐ PASSED  ☐ BLOCKED', 'warning'],
  ])('an empty OUT list in a gate marked %s is an %s', (status, severity) => {
    const f = run({ [LOCK]: out(status) }).find((x) => x.rule === 'lock/out-empty');
    expect(f?.severity).toBe(severity);
  });

  it('structural problems are errors whatever the status', () => {
    const text = `# Pre-build lock: x\n\n## Gate 1 — A\n\n**Status:** N/A\n\n## Gate 7 — Sunset\n\n**Kill date:** ${IMPOSSIBLE}\n\n**Status:** BLOCKED\n`;
    const found = run({ [LOCK]: text }).filter((f) =>
      ['lock/na-not-allowed', 'lock/kill-date-invalid'].includes(f.rule),
    );
    expect(found.map((f) => f.severity)).toEqual(['error', 'error']);
  });

  it('gate 7 marked N/A while naming temporary code is an error', () => {
    const text = '## Gate 7 — Sunset\n\n**Temporary code:** flag `x`\n\n**Status:** N/A\n';
    expect(brief({ [LOCK]: text }).filter((f) => f.startsWith('lock/kill-date-missing'))).toEqual([
      'lock/kill-date-missing error 5',
    ]);
  });

  it('N/A gates 5 and 6 skip their tables', () => {
    const text =
      '## Gate 5 — Four states\n\n**Status:** N/A\n\n## Gate 6 — Interfaces\n\n**Status:** ☑ N/A\n';
    expect(run({ [LOCK]: text }).filter((f) => f.rule === 'lock/empty-cell')).toEqual([]);
  });
});

describe('gate 1 citation', () => {
  const g1 = (cite: string) =>
    `## Gate 1 — Canonical alignment\n\n**Canonical reference:** ${cite}\n**Conflicts:** none\n**Resolution:** adjusts\n\n**Status:** PASSED\n`;
  const cited = (cite: string) =>
    run({ [LOCK]: g1(cite) }).filter((f) => f.rule === 'lock/citation-not-found');
  it.each([
    '"An owner invites a teammate by email."',
    '“The invite link works once and expires after seven days.”',
    'An owner invites a teammate by email. The invite link works once and expires after seven days.',
    'MARKETING-TRUTH.md, section Teams',
  ])('%s is found', (cite) => expect(cited(cite)).toEqual([]));
  it.each(['The canonical', '"An owner invites anyone by text message."'])('%s is not found', (cite) =>
    expect(cited(cite)).toHaveLength(1),
  );
  it('a blockquote under the label is the citation', () => {
    const text = g1('').replace('**Conflicts:**', '\n> "expires after seven days"\n\n**Conflicts:**');
    expect(parseLock(parseMarkdown(LOCK, text)).alignment?.citation?.value).toBe(
      '"expires after seven days"',
    );
    expect(cited('').length).toBe(0);
    expect(run({ [LOCK]: text }).filter((f) => f.rule === 'lock/citation-not-found')).toEqual([]);
  });
});

describe('which files are locks', () => {
  it('checks completed features; never the lock templates', () => {
    const bad = '# Pre-build lock: x\n\n## Gate 3 — Invariants\n\n**Status:** N/A\n';
    const files = run({
      'feature-builds/_completed/old/PRE-BUILD-LOCK.md': bad,
      'project-management/FEATURE-LOCK.md': bad,
      'docs/pre-build-lock.md': bad,
    }).map((f) => f.file);
    expect(new Set(files)).toEqual(new Set(['feature-builds/_completed/old/PRE-BUILD-LOCK.md']));
  });
});
