// A repo forked from the public killdate-kit starter, with no killdate config at all, is
// recognised (CLAUDE.md is the context document) and checked by the real binary: as forked
// (exit 1: the context document's placeholders, and every placeholder and dead path of the other
// documents reported), a few days in, and filled in the way the kit's own instructions say
// (exit 0: what the kit's templates and worked examples do warns at most).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/finding.js';
import { parseMarkdown } from '../src/core/markdown.js';
import { parseKnownIssues } from '../src/core/parse/known-issues.js';
import { parseLearnings } from '../src/core/parse/learnings.js';
import { gateOf, parseLock } from '../src/core/parse/lock.js';
import { parseLog } from '../src/core/parse/log.js';
import { parseStack } from '../src/core/parse/stack.js';
import { openWorkspace } from '../src/workspace/load.js';
import { buildCli, gitIn, removeBuild, repoFromFixture, runBuilt } from './helpers/built-cli.js';
import { day, TODAY } from './helpers/dates.js';
import { fillKitForkPerInstructions } from './helpers/kit-fork-filled.js';
import { fillKitFork, LOCK, RUNBOOK } from './helpers/kit-fork-variant.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/kit-fork');
const PM = 'project-management';

interface CheckJson {
  version: number;
  findings: Finding[];
  summary: { errors: number; warnings: number; documents: number };
}

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => removeBuild(cli));

function check(dir: string, ...paths: string[]): { status: number | null; out: CheckJson } {
  const r = runBuilt(cli, dir, ['check', '--json', '--no-cache', '--today', TODAY, ...paths]);
  expect(r.stderr).toBe('');
  return { status: r.status, out: JSON.parse(r.stdout) as CheckJson };
}

const key = (f: Finding) => `${f.rule} ${f.file}:${f.line ?? '-'}`;
const keys = (fs: Finding[]) => fs.map(key).sort();
const lineOf = (dir: string, file: string, line: number) =>
  readFileSync(join(dir, file), 'utf8').split('\n')[line - 1] ?? '';
const doc = (dir: string, file: string) => parseMarkdown(file, readFileSync(join(dir, file), 'utf8'));
const at = (rule: string, file: string, lines: number[]) => lines.map((n) => `${rule} ${file}:${n}`);

/** What must hold of any check result: contract shape, sane lines, exit code from errors. */
function expectSane(dir: string, status: number | null, out: CheckJson) {
  expect(out.version).toBe(1);
  const errors = out.findings.filter((f) => f.severity === 'error').length;
  expect(out.summary.errors).toBe(errors);
  expect(out.summary.warnings).toBe(out.findings.length - errors);
  expect(status).toBe(errors > 0 ? 1 : 0);
  for (const f of out.findings) {
    expect(f.rule, key(f)).toMatch(/^[a-z]+\/[a-z-]+$/);
    expect(['error', 'warning'], key(f)).toContain(f.severity);
    expect(f.message.length, key(f)).toBeGreaterThan(10);
    expect(f.file, key(f)).not.toMatch(/^\/|\\/);
    expect(f.rule).not.toBe('doc/unreadable');
    if (f.line === undefined) continue;
    const lines = readFileSync(join(dir, f.file), 'utf8').split('\n').length;
    expect(f.line, key(f)).toBeGreaterThanOrEqual(1);
    expect(f.line, key(f)).toBeLessThanOrEqual(lines);
  }
}

const EXECUTOR_MD = ['01-tool-boundary', '02-scope-guard', '03-review-loop'].map(
  (n) => `executor/extension .cursor/rules/${n}.md:1`,
);

/** The kit's own dead references, each where the kit has it. */
const DEAD = [
  ...at('doc/dead-reference', 'README.md', [24, 26]),
  ...at('doc/dead-reference', 'feature-builds/README.md', [27, 28]),
  ...at('doc/dead-reference', `${PM}/FEATURE-LOCK.md`, [33]),
  ...at('doc/dead-reference', `${PM}/SHIP-RULES.md`, [94, 105]),
];
const DEAD_PATHS = [
  'project-management/CANONICAL.md',
  'docs/mvb-scope.md',
  'docs/pre-build-lock.md',
  'docs/runbook-template.md',
  'project-management/CANONICAL.md',
  'project-management/PRE-BUILD-LOCK-TEMPLATE.md',
  'PRE-BUILD-LOCK-TEMPLATE.md',
];

/** Every finding on the kit as forked, unfilled. */
const DAY_ONE = [
  ...EXECUTOR_MD,
  ...at('context/placeholder', 'CLAUDE.md', [1, 4, 14, 15, 115, 164]),
  ...DEAD,
  ...at(
    'doc/placeholder',
    'marketing/canonical/BEHAVIOR-SPEC.md',
    [1, 11, 19, 20, 21, 29, 30, 31, 39, 40, 41, 49, 57, 58, 59],
  ),
  ...at(
    'doc/placeholder',
    'marketing/canonical/MARKETING-TRUTH.md',
    [1, 15, 21, 23, 25, 31, 33, 35, 45, 46, 56, 57],
  ),
  ...at(
    'doc/placeholder',
    `${PM}/ARCHITECTURE.md`,
    [1, 9, 10, 11, 12, 13, 14, 20, 34, 35, 37, 45, 46, 47, 48, 56, 57, 67],
  ),
  ...at('doc/placeholder', `${PM}/DEV-HEURISTICS.md`, [55]),
  ...at('doc/placeholder', `${PM}/FIRST-BUILD.md`, [97, 100, 109, 112]),
  ...at('doc/placeholder', `${PM}/ROADMAP.md`, [9, 15, 16, 22, 23]),
  ...at('doc/placeholder', `${PM}/SHIP-TO-PROD.md`, [9, 32, 41, 43, 51]),
  ...at('doc/placeholder', `${PM}/_log.md`, [25]),
];

describe('a fork of the killdate-kit starter on day one, no config', () => {
  let dir = '';
  let result: ReturnType<typeof check>;
  beforeAll(() => {
    dir = repoFromFixture(FIXTURE, 'killdate-kit-fork-');
    result = check(dir);
  });

  it('is recognised: CLAUDE.md is the context document, the kit templates are templates', () => {
    const { ws, configFile } = openWorkspace({ cwd: dir, today: TODAY });
    expect(configFile).toBeUndefined();
    expect(ws.paths.context).toBe('CLAUDE.md');
    expect(ws.kitFormat).toBe(true);
    expect(ws.kind(`${PM}/FEATURE-LOCK.md`)).toBe('lock-template');
    expect(ws.kind('feature-builds/_playbook/BUILD-RULES.md')).toBe('runbook-template');
    expect(ws.kind('.cursor/rules/02-scope-guard.md')).toBe('executor-rule');
    expect(ws.kind('marketing/canonical/MARKETING-TRUTH.md')).toBe('canonical');
    expect(ws.kind('README.md')).toBe('readme');
    expect(ws.features()).toEqual([]);
  });

  it('gives exactly the expected findings and exits 1 on the context document’s placeholders', () => {
    const { status, out } = result;
    expectSane(dir, status, out);
    expect(keys(out.findings)).toEqual([...DAY_ONE].sort());
    expect(out.summary).toMatchObject({ errors: 6, warnings: DAY_ONE.length - 6, documents: 27 });
    expect(
      out.findings.filter((f) => f.severity === 'error').every((f) => f.rule === 'context/placeholder'),
    ).toBe(true);
    expect(status).toBe(1);
  });

  it('points every placeholder at the line that holds it; the [BRACKETS] instruction is not one', () => {
    for (const f of result.out.findings.filter((x) => /placeholder/.test(x.rule))) {
      const shown = /\[[^\]]+\]/.exec(f.message)?.[0] ?? '';
      expect(shown, key(f)).not.toBe('');
      expect(lineOf(dir, f.file, f.line!), key(f)).toContain(shown);
    }
    const inClaude = result.out.findings.filter((f) => f.rule === 'context/placeholder');
    expect(inClaude.map((f) => /\[[^\]]+\]/.exec(f.message)?.[0])).toEqual([
      '[AppName]',
      '[AppName]',
      '[AppName]',
      '[AppName]',
      '[YOUR TEST COMMAND]',
      '[YOUR NAME]',
    ]);
    expect(lineOf(dir, 'CLAUDE.md', 3)).toContain('Fill in everything marked `[BRACKETS]`');
    const shown = (file: string, line: number) =>
      result.out.findings.find((f) => f.file === file && f.line === line)?.message ?? '';
    expect(shown(`${PM}/ROADMAP.md`, 9)).toContain('[current item]');
    expect(shown(`${PM}/_log.md`, 25)).toContain('[Date of first session]');
    expect(shown(`${PM}/SHIP-TO-PROD.md`, 41)).toContain('[YOUR DEPLOY COMMAND]');
  });

  it('finds every dead reference of the kit, and none for a bare `_log.md`', () => {
    const dead = result.out.findings.filter((f) => f.rule.endsWith('/dead-reference'));
    expect(dead.map((f) => f.message.split(' ')[0])).toEqual(DEAD_PATHS);
    for (const f of dead) expect(lineOf(dir, f.file, f.line!)).toContain(f.message.split(' ')[0]);
    const bare = readFileSync(join(dir, 'CLAUDE.md'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('in `_log.md`'));
    expect(bare).toBeGreaterThan(0);
    expect(dead.some((f) => f.file === 'CLAUDE.md')).toBe(false);
  });

  it('does not check the kit templates as a real lock or runbook', () => {
    const onTemplates = result.out.findings.filter((f) =>
      [`${PM}/FEATURE-LOCK.md`, 'feature-builds/_playbook/BUILD-RULES.md'].includes(f.file),
    );
    expect(onTemplates.map(key)).toEqual([`doc/dead-reference ${PM}/FEATURE-LOCK.md:33`]);
    expect(result.out.findings.filter((f) => /^(lock|runbook|killdate)\//.test(f.rule))).toEqual([]);
  });

  it('does not read the registers’ entry-format examples and placeholders as entries', () => {
    expect(parseLog(doc(dir, `${PM}/_log.md`)).entries).toEqual([]);
    expect(parseKnownIssues(doc(dir, `${PM}/KNOWN-ISSUES.md`)).entries).toEqual([]);
    expect(parseLearnings(doc(dir, `${PM}/TESTING-LEARNINGS.md`)).entries).toEqual([]);
    expect(parseStack(doc(dir, `${PM}/STACK.md`)).decisions).toEqual([]);
    const registers = result.out.findings.filter((f) =>
      /^(log|roadmap|issues|learnings|stack|heuristics)\//.test(f.rule),
    );
    expect(registers).toEqual([]);
  });
});

describe('the same fork filled in the way the kit’s own instructions say', () => {
  let dir = '';
  let result: ReturnType<typeof check>;
  beforeAll(() => {
    dir = repoFromFixture(FIXTURE, 'killdate-kit-full-');
    fillKitForkPerInstructions(dir);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'filled in, user-settings locked, first runbook');
    result = check(dir);
  });

  it('exits 0: no placeholder is left, and the kit’s own templates and examples only warn', () => {
    const { status, out } = result;
    expectSane(dir, status, out);
    expect(status).toBe(0);
    expect(keys(out.findings)).toEqual(
      [
        ...EXECUTOR_MD,
        ...DEAD,
        `runbook/prohibited-defaults ${RUNBOOK}:34`,
        `runbook/skeleton-code ${RUNBOOK}:30`,
      ].sort(),
    );
  });

  it('reads the lock as the kit writes it: every gate PASSED or N/A, the kill date from today', () => {
    const lock = parseLock(doc(dir, LOCK));
    const states = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => gateOf(lock, n)?.status.state);
    expect(states).toEqual(['PASSED', 'PASSED', 'PASSED', 'PASSED', 'PASSED', 'N/A', 'PASSED', 'PASSED']);
    expect(lock.sunset?.killDate?.date).toBe(day(82));
    expect(lock.scope?.sectionVsReplacement?.value).toMatch(/\. One route\. One form\. /);
  });
});

describe('the same fork partly filled in the kit’s format', () => {
  let dir = '';
  let result: ReturnType<typeof check>;
  /** Findings beyond those of the fork as forked (findings of files the user has not touched). */
  const FILLED = [
    ...[111, 112, 113, 114, 115, 116, 117, 118, 119, 120].map((n) => `lock/empty-cell ${LOCK}:${n}`),
    `lock/empty-cell ${LOCK}:134`,
    `lock/status-unset ${LOCK}:136`,
    `lock/mocks-checklist ${LOCK}:181`,
    `lock/mocks-checklist ${LOCK}:182`,
    `lock/mocks-checklist ${LOCK}:183`,
    `lock/mocks-checklist ${LOCK}:185`,
    `lock/status-unset ${LOCK}:187`,
    `issues/prefix ${PM}/KNOWN-ISSUES.md:36`,
    `issues/severity ${PM}/KNOWN-ISSUES.md:37`,
    `issues/missing-field ${PM}/KNOWN-ISSUES.md:39`,
    `doc/placeholder ${PM}/KNOWN-ISSUES.md:39`,
    `issues/opened-date ${PM}/KNOWN-ISSUES.md:41`,
  ];
  beforeAll(() => {
    dir = repoFromFixture(FIXTURE, 'killdate-kit-filled-');
    fillKitFork(dir);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'user settings: lock draft, first runbook, log');
    result = check(dir);
  });

  it('gives exactly the expected findings; the wrong known issue makes errors, exit 1', () => {
    const { status, out } = result;
    expectSane(dir, status, out);
    const untouched = new Set(DAY_ONE);
    const beyondDayOne = out.findings.filter((f) => !untouched.has(key(f)));
    expect(keys(beyondDayOne)).toEqual([...FILLED].sort());
    expect(status).toBe(1);
  });

  it('reads the ☑/☐ statuses of the kit lock, gate by gate', () => {
    const lock = parseLock(doc(dir, LOCK));
    expect(lock.feature).toBe('User settings');
    const states = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => gateOf(lock, n)?.status.state);
    expect(states).toEqual(['PASSED', 'PASSED', 'PASSED', 'BLOCKED', 'unset', 'N/A', 'PASSED', 'unset']);
    expect(lock.sunset?.killDate).toMatchObject({ date: day(82), line: 169 });
    expect(lock.sunset?.temporary?.value).toContain('settings_page');
  });

  it('gives no finding inside the filled gates and finds each blank gate by number', () => {
    const lock = parseLock(doc(dir, LOCK));
    const onLock = result.out.findings.filter((f) => f.file === LOCK);
    for (const n of [1, 2, 3, 6, 7]) {
      const g = gateOf(lock, n)!;
      const inside = onLock.filter((f) => f.line !== undefined && f.line >= g.line && f.line <= g.endLine);
      expect(inside.map(key), `gate ${n}`).toEqual([]);
    }
    for (const [n, state] of [
      [4, 'is BLOCKED'],
      [5, 'is still open'],
      [8, 'is still open'],
    ] as const) {
      const g = gateOf(lock, n)!;
      const inside = onLock.filter((f) => f.line! >= g.line && f.line! <= g.endLine);
      expect(inside.length, `gate ${n}`).toBeGreaterThan(0);
      for (const f of inside) expect(f.message, key(f)).toContain(`gate ${n}`);
      expect(
        inside.some((f) => f.message.includes(`gate ${n} ${state}`)),
        `gate ${n}`,
      ).toBe(true);
    }
    expect(lineOf(dir, LOCK, 111)).toMatch(/^\| Primary route \/ surface \|/);
    expect(lineOf(dir, LOCK, 136)).toMatch(/^\*\*Status:\*\* ☐ PASSED {2}☐ BLOCKED {2}☐ N\/A/);
    expect(lineOf(dir, LOCK, 185)).toBe('[link to mock or note that it was reviewed and by whom]');
  });

  it('says nothing about the kit-style runbook name or its missing Maps to field', () => {
    expect(result.out.findings.filter((f) => f.file === RUNBOOK)).toEqual([]);
  });

  it('parses the session log, known issues, learning and decision written in the kit format', () => {
    const log = parseLog(doc(dir, `${PM}/_log.md`));
    expect(log.entries.map((e) => [e.date, e.dateValid, e.branch?.value])).toEqual([
      [day(-7), true, 'main'],
      [day(-5), true, 'feature/user-settings'],
    ]);
    expect(log.entries.every((e) => (e.whatHappened?.value.length ?? 0) > 20)).toBe(true);
    expect(log.liveResume?.steps.map((s) => s.line)).toEqual([36, 37, 38]);
    const issues = parseKnownIssues(doc(dir, `${PM}/KNOWN-ISSUES.md`)).entries;
    expect(issues.map((e) => [e.id, e.line, e.openedValid])).toEqual([
      ['UI-1', 29, true],
      ['X-2', 36, false],
    ]);
    const learnings = parseLearnings(doc(dir, `${PM}/TESTING-LEARNINGS.md`)).entries;
    expect(learnings.map((e) => [e.date, e.title])).toEqual([
      [day(-3), 'The summary job ran in UTC for everyone'],
    ]);
    expect(parseStack(doc(dir, `${PM}/STACK.md`)).decisions.map((d) => d.name)).toEqual([
      'Time zones as IANA names',
    ]);
  });

  it('checks the log entries: one out of date order is found at its heading', () => {
    const late = repoFromFixture(FIXTURE, 'killdate-kit-late-');
    fillKitFork(late);
    const log = join(late, `${PM}/_log.md`);
    const text = readFileSync(log, 'utf8');
    writeFileSync(
      log,
      `${text}\n## ${day(-6)}\n\n**Branch:** main\n**What happened:** Wrote this one late.\n`,
    );
    const heading = text.split('\n').length + 1;
    expect(lineOf(late, `${PM}/_log.md`, heading)).toBe(`## ${day(-6)}`);
    const { status, out } = check(late, `${PM}/_log.md`);
    expectSane(late, status, out);
    expect(keys(out.findings)).toEqual([`log/date-order ${PM}/_log.md:${heading}`]);
    expect(status).toBe(1);
  });
});
