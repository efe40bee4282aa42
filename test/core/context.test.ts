// The context document parser and its rules, on a kit-shaped CLAUDE.md and on edge input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { parseMarkdown } from '../../src/core/markdown.js';
import { looksLikeRepoPath, parseContext } from '../../src/core/parse/context.js';
import { contextBudgetRules, contextRules } from '../../src/core/rules/context.js';
import { mentionRules } from '../../src/core/rules/mentions.js';
import { countTokens, overTokenBudget } from '../../src/core/tokens.js';

// Our own words, laid out like the kit's CLAUDE.md (same headings, a manifest table).
const KIT_CLAUDE = `# [AppName] — Agent Context

> Fill every \`[BRACKETED]\` value before the first session.

---

## Product Truth

- What [AppName] is: \`project-management/CANONICAL.md\`
- How it is built: \`project-management/ARCHITECTURE.md\`

## Build Discipline

| Doc | Purpose | Use |
|---|---|---|
| \`docs/pre-build-lock.md\` | the scope lock | before code |

## Claude Code vs Cursor

1. The planner writes runbook N.
2. The executor runs it.

## Feature Build Gate

Copy the lock into \`feature-builds/[feature]/PRE-BUILD-LOCK.md\` first.

## Testing Philosophy (90/10)

Run \`[YOUR TEST COMMAND]\` when shared code changes.

## Session Start — Every Session

Read \`project-management/_log.md\`, see [the roadmap](project-management/ROADMAP.md).

## Session End — Every Session

Write the log. Visit https://example.com/docs and \`src/**/*.ts\` are not paths.

## Deployment

Walk through \`docs/deploy-checklist.md\` in order.

## Reference — Read on Trigger

| Doc | Read when... |
|---|---|
| \`project-management/STACK.md\` | Before a permanent decision |
| \`docs/pre-build-lock.md\` | Before writing code for a feature |
| \`docs/deploy-checklist.md\` |  |
`;

const KIT_FILES = {
  'CLAUDE.md': KIT_CLAUDE,
  'project-management/CANONICAL.md': '# Canonical\n',
  'project-management/ARCHITECTURE.md': '# Architecture\n',
  'project-management/_log.md': '# Session log\n',
  'project-management/ROADMAP.md': '# Roadmap\n',
  'project-management/STACK.md': '# Stack\n',
  'project-management/DEBUGGING-TAXONOMY.md': '# Debugging\n',
  'docs/pre-build-lock.md': '# Lock\n',
};

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const all = [...contextRules, ...mentionRules, ...contextBudgetRules];

describe('parseContext on a kit-shaped CLAUDE.md', () => {
  const model = parseContext(parseMarkdown('CLAUDE.md', KIT_CLAUDE));

  it('finds every required section but the task-type table, tolerantly', () => {
    expect(Object.keys(model.required).sort()).toEqual(
      [
        'Reference manifest',
        'build discipline',
        'deployment',
        'feature build gate',
        'product truth pointers',
        'session end',
        'session start',
        'testing rule',
        'tool boundary and handoff loop',
      ].sort(),
    );
    expect(model.required['tool boundary and handoff loop']?.title).toBe('Claude Code vs Cursor');
    expect(model.required['testing rule']?.title).toBe('Testing Philosophy (90/10)');
  });

  it('reads the manifest rows with their lines and triggers, and the Core before it', () => {
    expect(model.manifest?.entries).toEqual([
      {
        path: 'project-management/STACK.md',
        trigger: 'Before a permanent decision',
        line: lineOf(KIT_CLAUDE, '| `project-management/STACK.md`'),
      },
      {
        path: 'docs/pre-build-lock.md',
        trigger: 'Before writing code for a feature',
        line: lineOf(KIT_CLAUDE, '| Before writing code'),
      },
      {
        path: 'docs/deploy-checklist.md',
        trigger: '',
        line: lineOf(KIT_CLAUDE, '| `docs/deploy-checklist.md` |'),
      },
    ]);
    expect(model.coreLines).toBe(lineOf(KIT_CLAUDE, '## Reference') - 1);
    expect(model.coreText.endsWith('in order.\n')).toBe(true);
  });

  it('collects paths from code spans and links, not URLs, globs or bracket placeholders', () => {
    const paths = model.paths.map((p) => p.text);
    expect(paths).toContain('project-management/ROADMAP.md');
    expect(paths).toContain('docs/deploy-checklist.md');
    expect(paths.some((p) => p.includes('[') || p.includes('*') || p.includes('example.com'))).toBe(false);
    expect(model.paths.find((p) => p.text === 'project-management/_log.md')?.line).toBe(
      lineOf(KIT_CLAUDE, '_log.md'),
    );
  });

  it('collects placeholders with lines, inside code spans too, not one named as an example', () => {
    expect(model.placeholders.map((p) => [p.text, p.line])).toEqual([
      ['[AppName]', 1],
      ['[AppName]', lineOf(KIT_CLAUDE, 'What [AppName]')],
      ['[YOUR TEST COMMAND]', lineOf(KIT_CLAUDE, 'YOUR TEST COMMAND')],
    ]);
    expect(model.importsAgents).toBe(false);
  });
});

describe('context rules on the kit-shaped workspace (no config: CLAUDE.md is the source)', () => {
  const findings = runRules(exampleWorkspace(KIT_FILES), all);
  const of = (rule: string) => findings.filter((f) => f.rule === rule);

  it.each([
    ['context/dead-reference', 'docs/deploy-checklist.md does not exist', lineOf(KIT_CLAUDE, 'Walk through')],
    ['context/placeholder', '[AppName]', 1],
    ['context/placeholder', '[YOUR TEST COMMAND]', lineOf(KIT_CLAUDE, 'YOUR TEST COMMAND')],
    [
      'context/manifest-trigger',
      'docs/deploy-checklist.md has no trigger',
      lineOf(KIT_CLAUDE, '| `docs/deploy-checklist.md` |'),
    ],
    ['context/missing-section', '"task-type table"', undefined],
    ['context/undocumented-process', 'DEBUGGING-TAXONOMY.md', 1],
  ])('%s: %s', (rule, text, line) => {
    const hit = of(rule).find((f) => f.message.includes(text));
    expect(hit, JSON.stringify(of(rule))).toBeDefined();
    expect(hit?.file).toBe(
      rule === 'context/undocumented-process' ? 'project-management/DEBUGGING-TAXONOMY.md' : 'CLAUDE.md',
    );
    expect(hit?.line).toBe(line);
  });

  it('does not report what is there', () => {
    expect(of('context/no-manifest')).toEqual([]);
    expect(of('context/missing')).toEqual([]);
    expect(of('context/claude-import')).toEqual([]);
    expect(of('context/dead-reference').map((f) => f.message)).not.toContain(
      'project-management/ROADMAP.md does not exist',
    );
    const undocumented = of('context/undocumented-process').map((f) => f.file);
    expect(undocumented).toEqual(['project-management/DEBUGGING-TAXONOMY.md']);
  });
});

describe('context rules, table-driven', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ['no context doc at all', { 'project-management/ROADMAP.md': '# Roadmap\n' }, ['context/missing']],
    [
      'AGENTS.md source, CLAUDE.md without the import',
      { 'AGENTS.md': '# A\n\n## Reference\n', 'CLAUDE.md': '# Notes\n' },
      ['context/claude-import'],
    ],
    [
      'AGENTS.md source, CLAUDE.md importing it',
      { 'AGENTS.md': '# A\n\n## Reference\n', 'CLAUDE.md': '@AGENTS.md\n' },
      [],
    ],
    [
      'a folder reference that exists',
      { 'AGENTS.md': '## Reference\n\nSee `project-management/`.\n', 'project-management/ROADMAP.md': '' },
      [],
    ],
    [
      'manifest as a list with an empty trigger',
      { 'AGENTS.md': '## Reference manifest\n\n- `AGENTS.md`\n' },
      ['context/manifest-trigger'],
    ],
  ];
  it.each(cases)('%s', (_name, files, expected) => {
    const rules = all.filter(
      (r) => !['context/missing-section', 'context/undocumented-process'].includes(r.id),
    );
    const got = [...new Set(runRules(exampleWorkspace(files), rules).map((f) => f.rule))].sort();
    expect(got).toEqual(expected);
  });
});

describe('odd input', () => {
  it('reads CRLF and a BOM with the same lines', () => {
    const crlf = `\uFEFF${KIT_CLAUDE.replace(/\n/g, '\r\n')}`;
    const a = parseContext(parseMarkdown('CLAUDE.md', crlf));
    const b = parseContext(parseMarkdown('CLAUDE.md', KIT_CLAUDE));
    expect(a).toEqual(b);
    const findings = runRules(exampleWorkspace({ ...KIT_FILES, 'CLAUDE.md': crlf }), all);
    expect(
      findings.some(
        (f) => f.rule === 'context/dead-reference' && f.line === lineOf(KIT_CLAUDE, 'Walk through'),
      ),
    ).toBe(true);
  });

  it.each([
    ['docs/a.md', true],
    ['README.md', true],
    ['project-management/', true],
    ['https://x.dev/a.md', false],
    ['src/**/*.ts', false],
    ['feature-builds/[feature]/LOCK.md', false],
    ['git log --oneline', false],
    ['authenticate()', false],
    ['/etc/hosts', false],
    ['v1.2', false],
  ])('looksLikeRepoPath(%s) is %s', (path, expected) => {
    expect(looksLikeRepoPath(path)).toBe(expected);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const m = parseContext(parseMarkdown('AGENTS.md', text));
        expect(m.coreLines).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
    const mdish = fc.array(
      fc.constantFrom(
        '## Reference\n',
        '| a | b |\n|---|---|\n',
        '| `x/y.md` | |\n',
        '- `a.md` —\n',
        '[AppName]',
        '`',
        '[x](',
        '\r\n',
        '\uFEFF',
        '```\n',
        '@AGENTS.md\n',
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(mdish, (parts) => void parseContext(parseMarkdown('AGENTS.md', parts.join('')))),
      { numRuns: 300 },
    );
  });
});

describe('token count', () => {
  it('gives a real BPE count, not a character estimate', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    const n = countTokens(KIT_CLAUDE);
    expect(n).toBeGreaterThan(KIT_CLAUDE.length / 8);
    expect(n).toBeLessThan(KIT_CLAUDE.length / 2);
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('skips encoding when the bytes cannot exceed the budget', () => {
    expect(overTokenBudget('short', 100)).toEqual({ over: false });
    const text = 'word '.repeat(50);
    expect(overTokenBudget(text, 10)).toEqual({ over: true, tokens: countTokens(text) });
    expect(countTokens(text)).toBeGreaterThanOrEqual(50);
  });
});
