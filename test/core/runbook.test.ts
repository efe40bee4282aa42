// The runbook parser on the kit's format and ours, and the runbook rules on whole runbooks.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { parseMarkdown } from '../../src/core/markdown.js';
import {
  filesAllowlist,
  parseRunbook,
  parseRunbookFileName,
  type Runbook,
  validateCommands,
} from '../../src/core/parse/runbook.js';
import { rules } from '../../src/core/rules/index.js';

const COMPLETE = readFileSync(new URL('../fixtures/runbooks/complete.md', import.meta.url), 'utf8');
const parse = (text: string, path = 'feature-builds/search/runbook-01-list.md') =>
  parseRunbook(parseMarkdown(path, text));
const names = (rb: Runbook) => rb.blocks.map((b) => b.name);
const FIVE = ['FILES', 'TYPES', 'SKELETON', 'PROHIBITED', 'VALIDATE'];

// The kit's template layout (preamble, placeholders, worked example), in our own words.
const KIT = `# Runbook template

Copy this for each executor task. Fill every block.

---

# Runbook: [TASK NAME]

**Feature:** [feature name]
**Task:** [N of M — e.g. 2 of 4]
**Branch:** [branch name]

## FILES

Only these files may change.

\`\`\`
[path/to/file.ts]
\`\`\`

## TYPES

\`\`\`typescript
// [paste types here]
\`\`\`

## SKELETON

\`\`\`
[describe the expected output]
\`\`\`

## PROHIBITED

- Do not modify files outside the FILES block
- [task-specific prohibition]

## VALIDATE

- [ ] [specific thing to check]
- [ ] Tests pass: \`[test command]\`

---

## Worked example

---

# Runbook: Add a profile page

## FILES

\`\`\`
app/routes/profile.tsx
\`\`\`
`;

const cases: { name: string; text: string; expect: (rb: Runbook) => void }[] = [
  {
    name: 'our format, numbered',
    text: COMPLETE,
    expect: (rb) => {
      expect(rb.taskName).toBe('Saved searches list');
      expect(rb.header.task).toMatchObject({ n: 2, m: 3, line: 4 });
      expect(rb.header.feature?.value).toBe('saved-searches');
      expect(rb.header.branch).toMatchObject({ value: 'feature/saved-searches', line: 5 });
      expect(rb.header.mapsTo?.line).toBe(6);
      expect(names(rb)).toEqual(FIVE);
      expect(rb.files.map((f) => [f.pattern, f.line, f.isNew])).toEqual([
        ['src/routes/searches.tsx', 11, true],
        ['src/components/SavedSearchList.tsx', 12, true],
        ['src/lib/searches.ts', 13, false],
        ['test/lib/searches.test.ts', 14, false],
      ]);
      expect(rb.types.code).toHaveLength(1);
      expect(rb.skeleton[0]?.lang).toBe('tsx');
      expect(rb.prohibited).toHaveLength(7);
      expect(rb.validate.map((s) => s.command)).toEqual([
        'npm test',
        'npx tsc --noEmit',
        undefined,
        undefined,
        undefined,
      ]);
      expect(rb.workedExample).toBeUndefined();
    },
  },
  {
    name: 'kit template left as is',
    text: KIT,
    expect: (rb) => {
      expect(rb.title).toEqual({ text: 'Runbook: [TASK NAME]', line: 7 });
      expect(rb.taskName).toBe('[TASK NAME]');
      expect(rb.header.task?.n).toBeUndefined();
      expect(names(rb)).toEqual(FIVE);
      expect(rb.workedExample?.line).toBe(45);
      expect(rb.files).toMatchObject([{ pattern: '[path/to/file.ts]', placeholder: true }]);
      expect(filesAllowlist(rb)).toEqual([]);
      expect(validateCommands(rb)).toEqual([]);
    },
  },
  {
    name: 'CRLF line ends',
    text: COMPLETE.replace(/\n/g, '\r\n'),
    expect: (rb) => {
      expect(names(rb)).toEqual(FIVE);
      expect(rb.header.task).toMatchObject({ n: 2, m: 3 });
      expect(rb.files[0]?.pattern).toBe('src/routes/searches.tsx');
      expect(validateCommands(rb)[0]).toMatchObject({ command: 'npm test', line: 54 });
    },
  },
  {
    name: 'empty file',
    text: '',
    expect: (rb) => {
      expect(rb.title).toBeUndefined();
      expect(rb.blocks).toEqual([]);
      expect(rb.header).toEqual({});
    },
  },
  {
    name: 'missing blocks, headings at any level and case',
    text: '# Runbook: x\n\n### 1. Files (allowlist)\n\n- `src/a.ts` — new\n- src/b.ts (edit)\n- Only these two.\n\n#### validate\n\n- [x] Tests pass: `pnpm vitest run`\n',
    expect: (rb) => {
      expect(rb.blocks.map((b) => [b.name, b.heading, b.level])).toEqual([
        ['FILES', '1. Files (allowlist)', 3],
        ['VALIDATE', 'validate', 4],
      ]);
      expect(rb.files.map((f) => f.pattern)).toEqual(['src/a.ts', 'src/b.ts']);
      expect(rb.files[0]?.note).toBe('new');
      expect(rb.validate[0]).toMatchObject({ checked: true, command: 'pnpm vitest run', line: 11 });
    },
  },
  {
    name: 'FILES as a fence with comments, ./ and folders',
    text: '# Runbook: x\n\n## FILES\n\n```text\n# the route\n./src/routes/a.tsx   # new\n`src/lib/`\nsrc/**/*.css // styles\n\n```\n',
    expect: (rb) => {
      expect(rb.files.map((f) => [f.pattern, f.line])).toEqual([
        ['src/routes/a.tsx', 7],
        ['src/lib/**', 8],
        ['src/**/*.css', 9],
      ]);
    },
  },
  {
    name: 'FILES as inline code in prose; TYPES N/A',
    text: '# Runbook: x\n\n## FILES\n\nTouch `src/a.ts` and\n`src/b.ts` only.\n\n## TYPES\n\n`N/A — no data contracts in this task`\n',
    expect: (rb) => {
      expect(rb.files.map((f) => [f.pattern, f.line])).toEqual([
        ['src/a.ts', 5],
        ['src/b.ts', 6],
      ]);
      expect(rb.types.na).toBe(true);
    },
  },
  {
    name: 'a second Runbook: title starts a leftover example',
    text: '# Runbook: Add /settings route\n\n## FILES\n\n- app/a.ts\n\n# Runbook: Another\n\n## FILES\n\n- app/b.ts\n',
    expect: (rb) => {
      expect(rb.taskName).toBe('Add /settings route');
      expect(rb.workedExample).toEqual({ line: 7 });
      expect(rb.files.map((f) => f.pattern)).toEqual(['app/a.ts']);
    },
  },
  {
    name: 'a dev server is not a runnable VALIDATE command',
    text: '# Runbook: x\n\n## VALIDATE\n\n- [ ] `npm run dev`: `/settings` renders\n- [ ] `make test && make lint`\n- [ ] The field `displayName` shows\n',
    expect: (rb) => {
      expect(rb.validate.map((s) => s.command)).toEqual([undefined, 'make test && make lint', undefined]);
    },
  },
];

describe('parseRunbook', () => {
  for (const c of cases) it(c.name, () => c.expect(parse(c.text)));

  it('reads both file-name styles', () => {
    expect(parseRunbookFileName('f/x/runbook-03-save-button.md')).toEqual({
      style: 'numbered',
      number: 3,
      slug: 'save-button',
    });
    expect(parseRunbookFileName('f/x/runbook-save-button.md')).toEqual({ style: 'kit', slug: 'save-button' });
    expect(parseRunbookFileName('f/x/notes.md')).toEqual({ style: 'other' });
  });

  it('never throws, on any text', () => {
    const md = fc.constantFrom(
      '# Runbook: ',
      '## FILES\n',
      '```\n',
      '- [ ] `',
      '**Task:** ',
      '../',
      '\r\n',
      '\n',
      '[',
      '`',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(md, fc.string()), { maxLength: 40 }), (parts) => {
        const rb = parse(parts.join(''));
        filesAllowlist(rb);
        validateCommands(rb);
      }),
      { numRuns: 500 },
    );
  });
});

const runbookRules = rules.filter((r) => r.id.startsWith('runbook/'));
const ids = (files: Record<string, string>) =>
  runRules(exampleWorkspace(files), runbookRules).map((f) => f.rule);

describe('runbook rules on whole runbooks', () => {
  it('the complete fixture has no finding', () => {
    const findings = runRules(
      exampleWorkspace({ 'feature-builds/saved-searches/runbook-02-list.md': COMPLETE }),
      runbookRules,
    );
    expect(findings).toEqual([]);
  });

  it('the kit template copied as a runbook is caught block by block', () => {
    const found = new Set(ids({ 'feature-builds/settings/runbook-settings.md': KIT }));
    for (const id of [
      'runbook/header',
      'runbook/file-name',
      'runbook/files-path',
      'runbook/types',
      'runbook/skeleton-code',
      'runbook/prohibited-defaults',
      'runbook/prohibited-specific',
      'runbook/worked-example',
      'runbook/placeholder',
    ])
      expect(found).toContain(id);
    expect(found).not.toContain('runbook/blocks');
  });

  it('shared code needs the configured test command', () => {
    const withConfig = {
      'killdate.config.yaml': 'commands:\n  test: npm run test:unit\n',
      'feature-builds/saved-searches/runbook-02-list.md': COMPLETE,
    };
    expect(ids(withConfig)).toContain('runbook/validate-tests');
    const noShared = {
      ...withConfig,
      'killdate.config.yaml': 'sharedCode: ["packages/core/**"]\ncommands:\n  test: npm run test:unit\n',
    };
    expect(ids(noShared)).not.toContain('runbook/validate-tests');
  });

  it('a migration with its test is fine, with a route it is not', () => {
    const rb = (files: string) => COMPLETE.replace(/```\nsrc\/routes[\s\S]*?```/, `\`\`\`\n${files}\n\`\`\``);
    const path = 'feature-builds/saved-searches/runbook-02-list.md';
    expect(
      ids({ [path]: rb('prisma/migrations/20261125_saved/migration.sql\ntest/migrations/saved.test.ts') }),
    ).not.toContain('runbook/migration-mixed');
    expect(ids({ [path]: rb('db/migrations/0007.sql\nsrc/routes/saved.ts') })).toContain(
      'runbook/migration-mixed',
    );
  });

  it('task numbers: duplicate N and a file number that differs', () => {
    const found = runRules(
      exampleWorkspace({
        'feature-builds/s/runbook-01-a.md': '# Runbook: a\n\n**Task:** 1 of 2\n',
        'feature-builds/s/runbook-02-b.md': '# Runbook: b\n\n**Task:** 1 of 2\n',
      }),
      runbookRules.filter((r) => r.id === 'runbook/task-numbers'),
    );
    expect(found.map((f) => [f.file, f.message])).toEqual([
      ['feature-builds/s/runbook-02-b.md', 'task 1 is also runbook-01-a.md: expected each task number once'],
      ['feature-builds/s/runbook-02-b.md', 'task 1 is in a file numbered 2: expected the same number'],
    ]);
  });
});
