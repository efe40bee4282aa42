import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/core/markdown.js';
import { parseHeuristics } from '../../src/core/parse/heuristics.js';
import { parseIteration } from '../../src/core/parse/iteration.js';
import { parseKnownIssues } from '../../src/core/parse/known-issues.js';
import { parseLearnings } from '../../src/core/parse/learnings.js';
import { parseRoadmap } from '../../src/core/parse/roadmap.js';
import { parseStack } from '../../src/core/parse/stack.js';
import { demoRepo, kd, kdAsync, TODAY } from './helpers.js';

const PM = 'project-management';
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const issues = (dir: string) =>
  parseKnownIssues(parseMarkdown('k', read(dir, `${PM}/KNOWN-ISSUES.md`))).entries;

describe('register commands round-trip through their parsers', () => {
  const dir = demoRepo();

  it('bug add / list / fix', () => {
    const a = JSON.parse(
      kd(dir, [
        'bug',
        'add',
        'Export drops the last row',
        '--layer',
        'ui',
        '--severity',
        'high',
        '--symptoms',
        'one row fewer',
        '--json',
        '--today',
        TODAY,
      ]).stdout,
    );
    expect(a.id).toBe('UI-2');
    const b = JSON.parse(kd(dir, ['bug', 'add', 'Slow list', '--layer', 'performance', '--json']).stdout);
    expect(b.id).toBe('P-1');
    const e = issues(dir).find((x) => x.id === 'UI-2')!;
    expect([e.title, e.severity?.value, e.symptoms?.value, e.opened?.value]).toEqual([
      'Export drops the last row',
      'high',
      'one row fewer',
      TODAY,
    ]);
    const list = JSON.parse(kd(dir, ['bug', 'list', '--json']).stdout);
    expect(list.issues.map((i: { id: string }) => i.id)).toEqual(['UI-1', 'CFG-1', 'UI-2', 'P-1']);
    const before = read(dir, `${PM}/KNOWN-ISSUES.md`);
    expect(kd(dir, ['bug', 'fix', 'CFG-1']).status).toBe(0);
    const after = read(dir, `${PM}/KNOWN-ISSUES.md`);
    expect(issues(dir).map((i) => i.id)).toEqual(['UI-1', 'UI-2', 'P-1']);
    // exactly the entry's lines went
    const gone = before.split('\n').filter((l) => !after.split('\n').includes(l) || l === '');
    expect(before.replace(/### CFG-1[\s\S]*?(?=### UI-2)/, '')).toBe(after);
    expect(gone.some((l) => l.startsWith('### CFG-1'))).toBe(true);
    expect(kd(dir, ['bug', 'fix', 'CFG-1']).status).toBe(2);
    expect(kd(dir, ['bug', 'add', 'x', '--layer', 'kitchen']).status).toBe(2);
  });

  it('learn add', () => {
    const r = JSON.parse(
      kd(dir, [
        'learn',
        'add',
        'Flaky export',
        '--happened',
        'a test flaked',
        '--missed',
        'no fixture',
        '--fix',
        'a golden file',
        '--rule',
        'every export has one',
        '--json',
        '--today',
        TODAY,
      ]).stdout,
    );
    expect(r.id).toBe('L-002');
    const e = parseLearnings(parseMarkdown('l', read(dir, `${PM}/TESTING-LEARNINGS.md`))).entries.find(
      (x) => x.id === 'L-002',
    )!;
    expect([e.title, e.whatHappened?.value, e.whyMissed?.value, e.fix?.value, e.rule?.value]).toEqual([
      'Flaky export',
      'a test flaked',
      'no fixture',
      'a golden file',
      'every export has one',
    ]);
  });

  it('heuristic add (existing and new domain) and show --for', () => {
    kd(dir, [
      'heuristic',
      'add',
      'Authentication',
      'Session tokens expire after an hour.',
      '--paths',
      'src/auth/**',
    ]);
    kd(dir, ['heuristic', 'add', 'Billing', 'Amounts are integer cents.', '--paths', 'src/invoices/**']);
    const domains = parseHeuristics(parseMarkdown('h', read(dir, `${PM}/DEV-HEURISTICS.md`))).domains;
    const auth = domains.find((d) => d.name === 'Authentication')!;
    expect(auth.globs).toEqual(['**/auth/**', 'src/auth/**']);
    expect(auth.entries.at(-1)?.text).toBe('Session tokens expire after an hour.');
    expect(domains.at(-1)?.name).toBe('Billing');
    const show = JSON.parse(kd(dir, ['heuristic', 'show', '--for', 'src/auth/session.ts', '--json']).stdout);
    expect(show.domains.map((d: { name: string }) => d.name)).toEqual(['Authentication']);
    expect(kd(dir, ['heuristic', 'show', '--for', 'src/auth/session.ts']).stdout).toMatch(
      /Session tokens expire/,
    );
  });

  it('decision add, iteration new, roadmap add/start/done', () => {
    expect(
      kd(dir, [
        'decision',
        'add',
        'SQLite storage',
        '--summary',
        'one file',
        '--rationale',
        'no server',
        '--alternatives',
        'Postgres',
        '--today',
        TODAY,
      ]).status,
    ).toBe(0);
    const d = parseStack(parseMarkdown('s', read(dir, `${PM}/STACK.md`))).decisions.at(-1)!;
    expect([d.name, d.decided?.value, d.rationale?.value, d.alternatives?.value]).toEqual([
      'SQLite storage',
      TODAY,
      'no server',
      'Postgres',
    ]);
    expect(
      kd(dir, ['decision', 'add', 'SQLite storage', '--rationale', 'r', '--alternatives', 'a']).status,
    ).toBe(1);
    const it1 = JSON.parse(kd(dir, ['iteration', 'new', 'pricing-copy', '--today', TODAY, '--json']).stdout);
    const note = parseIteration(parseMarkdown(it1.file, read(dir, it1.file)));
    expect([note.date, note.slug, note.slugValid]).toEqual([TODAY, 'pricing-copy', true]);
    expect(kd(dir, ['iteration', 'new', 'pricing-copy', '--today', TODAY]).status).toBe(1);
    expect(kd(dir, ['iteration', 'new', 'Bad Slug']).status).toBe(2);
    kd(dir, ['roadmap', 'add', 'PDF fonts']);
    kd(dir, ['roadmap', 'start', 'sqlite']);
    kd(dir, ['roadmap', 'done', 'recurring invoices']);
    const m = parseRoadmap(parseMarkdown('r', read(dir, `${PM}/ROADMAP.md`)));
    expect(m.byKey['in-progress']?.items.map((i) => i.text)).toEqual([
      'SQLite storage — keep invoices across restarts',
    ]);
    expect(m.byKey.next?.items.at(-1)).toMatchObject({ text: 'PDF fonts', checked: false });
    expect(m.byKey.completed?.items.at(-1)).toMatchObject({ checked: true });
    expect(m.byKey.completed?.items.at(-1)?.text).toMatch(/^Recurring invoices/);
    expect(kd(dir, ['roadmap', 'start', 'e']).status).toBe(1); // several matches
    const check = kd(dir, ['check', '--json', '--no-cache', '--today', TODAY]);
    const rules = JSON.parse(check.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(
      rules.filter((r: string) => /^(issues|learnings|heuristics|stack|roadmap|iteration)\//.test(r)),
    ).toEqual([]);
  });
});

describe('safety', () => {
  it('100 concurrent bug adds give 100 distinct ids in a file that parses', async () => {
    const dir = demoRepo();
    const runs = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        kdAsync(dir, ['bug', 'add', `Concurrent bug ${i}`, '--layer', 'logic', '--json']),
      ),
    );
    expect(runs.filter((r) => r.status !== 0).map((r) => r.stderr)).toEqual([]);
    const ids = runs.map((r) => JSON.parse(r.stdout).id);
    expect(new Set(ids).size).toBe(100);
    const entries = issues(dir).filter((e) => e.prefix === 'B');
    expect(entries).toHaveLength(100);
    expect(new Set(entries.map((e) => e.id)).size).toBe(100);
    expect(entries.every((e) => e.severity && e.opened && /^Concurrent bug \d+$/.test(e.title))).toBe(true);
  }, 120_000);

  it('a register with conflict markers is refused, bytes unchanged', () => {
    const dir = demoRepo();
    const f = join(dir, PM, 'KNOWN-ISSUES.md');
    const text = `${read(dir, `${PM}/KNOWN-ISSUES.md`)}<<<<<<< HEAD\n### B-1 — ours\n=======\n### B-1 — theirs\n>>>>>>> other\n`;
    writeFileSync(f, text);
    const r = kd(dir, ['bug', 'add', 'x', '--layer', 'data']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/merge-conflict markers/);
    expect(kd(dir, ['bug', 'fix', 'UI-1']).status).toBe(1);
    expect(readFileSync(f, 'utf8')).toBe(text);
  });

  it('an entry the parser would not place is refused, not written', () => {
    const dir = demoRepo();
    const f = join(dir, PM, 'KNOWN-ISSUES.md');
    const text = `${read(dir, `${PM}/KNOWN-ISSUES.md`)}\n\`\`\`\nan unclosed fence a person left\n`;
    writeFileSync(f, text);
    const r = kd(dir, ['bug', 'add', 'hidden', '--layer', 'data']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/parser would not find/);
    expect(readFileSync(f, 'utf8')).toBe(text);
  });

  it('secrets in an entry are refused', () => {
    const dir = demoRepo();
    const before = read(dir, `${PM}/KNOWN-ISSUES.md`);
    const r = kd(dir, [
      'bug',
      'add',
      'Leak',
      '--layer',
      'security',
      '--symptoms',
      'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 in the log',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/secret \(github\)/);
    expect(read(dir, `${PM}/KNOWN-ISSUES.md`)).toBe(before);
  });
});

describe("the template's empty-register line", () => {
  it('the first decision and the first learning take the place of "No ... recorded yet."; the next ones follow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-empty-register-'));
    expect(kd(dir, ['init', '--yes', '--product', 'Acme']).status).toBe(0);
    const stack = `${PM}/STACK.md`;
    const learnings = `${PM}/TESTING-LEARNINGS.md`;
    expect(read(dir, stack)).toContain('\nNo decisions recorded yet.\n');
    const decide = (name: string) =>
      kd(dir, [
        'decision',
        'add',
        name,
        '--rationale',
        'no server',
        '--alternatives',
        'Postgres',
        '--today',
        TODAY,
      ]);
    expect(decide('SQLite storage').status).toBe(0);
    const one = read(dir, stack);
    expect(one).not.toContain('recorded yet');
    expect(one).toContain('```\n\n### SQLite storage\n\n- **Decided:**');
    expect(decide('One process').status).toBe(0);
    expect(parseStack(parseMarkdown('s', read(dir, stack))).decisions.map((d) => d.name)).toEqual([
      'SQLite storage',
      'One process',
    ]);
    const learn = kd(dir, [
      'learn',
      'add',
      'Flaky export',
      '--happened',
      'a test flaked',
      '--missed',
      'no fixture',
      '--fix',
      'a golden file',
      '--rule',
      'every export has one',
      '--today',
      TODAY,
    ]);
    expect(learn.status, learn.stderr).toBe(0);
    expect(read(dir, learnings)).not.toContain('No learnings recorded yet.');
    expect(parseLearnings(parseMarkdown('l', read(dir, learnings))).entries).toHaveLength(1);
  });
});
