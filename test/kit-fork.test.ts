// A repo forked from the public killdate-kit starter, with no killdate config at all, is
// recognised (CLAUDE.md is the context document) and checked by the real binary: on day one
// as forked, and a few days in with a lock, a runbook and register entries in the kit's format.
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

const UNDOCUMENTED = [
  'DEBUGGING-TAXONOMY',
  'DEV-HEURISTICS',
  'FIRST-BUILD',
  'SHIP-RULES',
  'SHIP-TO-PROD',
  'TESTING-LEARNINGS',
].map((name) => `context/undocumented-process ${PM}/${name}.md:1`);

/** Every finding on the kit as forked, unfilled. */
const DAY_ONE = [
  'executor/extension .cursor/rules/01-tool-boundary.md:1',
  'executor/extension .cursor/rules/02-scope-guard.md:1',
  'executor/extension .cursor/rules/03-review-loop.md:1',
  'context/missing-section CLAUDE.md:-',
  'context/placeholder CLAUDE.md:1',
  'context/placeholder CLAUDE.md:3',
  'context/placeholder CLAUDE.md:4',
  'context/placeholder CLAUDE.md:14',
  'context/placeholder CLAUDE.md:15',
  'context/placeholder CLAUDE.md:85',
  'context/dead-reference CLAUDE.md:133',
  'context/dead-reference CLAUDE.md:154',
  ...UNDOCUMENTED,
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
    expect(ws.kind('docs/pre-build-lock.md')).toBe('lock-template');
    expect(ws.kind('docs/runbook-template.md')).toBe('runbook-template');
    expect(ws.kind('.cursor/rules/02-scope-guard.md')).toBe('executor-rule');
    expect(ws.kind('marketing/canonical/MARKETING-TRUTH.md')).toBe('canonical');
    expect(ws.features()).toEqual([]);
  });

  it('gives exactly the expected findings, warnings only, exit 0', () => {
    const { status, out } = result;
    expectSane(dir, status, out);
    expect(keys(out.findings)).toEqual([...DAY_ONE].sort());
    expect(out.summary).toMatchObject({ errors: 0, warnings: DAY_ONE.length, documents: 28 });
  });

  it('points placeholders and the dead reference at the lines that hold them', () => {
    for (const f of result.out.findings.filter((x) => x.file === 'CLAUDE.md' && x.line)) {
      const shown = /\[[^\]]+\]|docs\/deploy-checklist\.md/.exec(f.message)?.[0] ?? '';
      expect(shown, key(f)).not.toBe('');
      expect(lineOf(dir, 'CLAUDE.md', f.line!), key(f)).toContain(shown);
    }
    const placeholders = result.out.findings.filter((f) => f.rule === 'context/placeholder');
    expect(placeholders.map((f) => /\[[^\]]+\]/.exec(f.message)?.[0])).toEqual([
      '[AppName]',
      '[BRACKETS]',
      '[AppName]',
      '[AppName]',
      '[AppName]',
      '[YOUR TEST COMMAND]',
    ]);
    const missing = result.out.findings.find((f) => f.rule === 'context/missing-section');
    expect(missing?.message).toContain('task-type table');
  });

  it('does not check the kit templates as a real lock or runbook', () => {
    const onTemplates = result.out.findings.filter((f) => f.file.startsWith('docs/'));
    expect(onTemplates).toEqual([]);
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

/** Every finding outside CLAUDE.md's day-one set once the user has started filling the kit. */
const FILLED = [
  ...[111, 112, 113, 114, 115, 116, 117, 118, 119, 120].map((n) => `lock/empty-cell ${LOCK}:${n}`),
  `lock/empty-cell ${LOCK}:134`,
  `lock/status-unset ${LOCK}:136`,
  `lock/mocks-checklist ${LOCK}:181`,
  `lock/mocks-checklist ${LOCK}:182`,
  `lock/mocks-checklist ${LOCK}:183`,
  `lock/mocks-checklist ${LOCK}:185`,
  `lock/status-unset ${LOCK}:187`,
  `runbook/file-name ${RUNBOOK}:-`,
  `runbook/maps-to ${RUNBOOK}:1`,
  `issues/prefix ${PM}/KNOWN-ISSUES.md:36`,
  `issues/severity ${PM}/KNOWN-ISSUES.md:37`,
  `issues/missing-field ${PM}/KNOWN-ISSUES.md:39`,
  `issues/opened-date ${PM}/KNOWN-ISSUES.md:41`,
];

describe('the same fork partly filled in the kit’s format', () => {
  let dir = '';
  let result: ReturnType<typeof check>;
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
    const beyondDayOne = out.findings.filter(
      (f) => !f.rule.startsWith('context/') && !f.rule.startsWith('executor/'),
    );
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

  it('warns about the kit-style runbook name and nothing else in the runbook but Maps to', () => {
    const name = result.out.findings.find((f) => f.rule === 'runbook/file-name');
    expect(name?.message).toContain('runbook-settings-route.md');
    expect(name?.fix).toContain('runbook-01-settings-route.md');
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
