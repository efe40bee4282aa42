// The executor-rule parser (.cursor/rules frontmatter) and its rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { parseMarkdown } from '../../src/core/markdown.js';
import { parseExecutorRule } from '../../src/core/parse/executor-rule.js';
import { rules } from '../../src/core/rules/index.js';

const parse = (text: string, path = '.cursor/rules/01-boundary.mdc') =>
  parseExecutorRule(parseMarkdown(path, text));
const executorRules = rules.filter((r) => r.id.startsWith('executor/'));
const findings = (files: Record<string, string>) =>
  runRules(exampleWorkspace(files), executorRules).map((f) => [f.rule, f.file, f.line, f.severity]);

describe('parseExecutorRule', () => {
  it('reads description, alwaysApply and the body line', () => {
    const r = parse(
      '---\ndescription: Plan in the planner, execute here\nalwaysApply: true\n---\n\n# Boundary\n',
    );
    expect(r).toMatchObject({
      extension: 'mdc',
      description: 'Plan in the planner, execute here',
      alwaysApply: true,
      bodyLine: 5,
      frontmatter: { present: true, line: 1, endLine: 4 },
    });
  });

  it('reads globs written the way Cursor writes them, unquoted and comma separated', () => {
    expect(parse('---\ndescription: d\nglobs: *.tsx, src/**/*.ts\n---\n').globs).toEqual([
      '*.tsx',
      'src/**/*.ts',
    ]);
    expect(parse('---\ndescription: d\nglobs:\n  - app/**\n---\n').globs).toEqual(['app/**']);
  });

  it('CRLF and a BOM do not hide the frontmatter', () => {
    const r = parse('\ufeff---\r\ndescription: d\r\nalwaysApply: false\r\n---\r\nbody\r\n');
    expect(r).toMatchObject({ description: 'd', alwaysApply: false, frontmatter: { endLine: 4 } });
  });

  it('gives the file line of a YAML error', () => {
    const r = parse('---\ndescription: ok\nalwaysApply: true\nalwaysApply: false\n---\n');
    expect(r.frontmatter.error?.line).toBe(4);
    expect(parse('---\ndescription: "open\n---\n').frontmatter.error?.line).toBeGreaterThanOrEqual(2);
  });

  it('no frontmatter, and one never closed', () => {
    expect(parse('# Rule\n').frontmatter).toEqual({ present: false });
    expect(parse('---\ndescription: d\n').frontmatter.error?.message).toContain('not closed');
  });

  it('never throws, on any text', () => {
    const parts = fc.constantFrom(
      '---\n',
      'description: ',
      'globs: ',
      '*',
      'alwaysApply: ',
      '"',
      '\r\n',
      ': :',
      '- ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(parts, fc.string()), { maxLength: 30 }), (list) => {
        parse(list.join(''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('executor rules', () => {
  it('the kit layout: .md files with frontmatter warn once each, no error', () => {
    const md = '---\ndescription: Only touch files in FILES\nalwaysApply: true\n---\n\n# Scope guard\n';
    expect(findings({ '.cursor/rules/02-scope-guard.md': md })).toEqual([
      ['executor/extension', '.cursor/rules/02-scope-guard.md', 1, 'warning'],
    ]);
  });

  it('an .mdc with neither alwaysApply nor globs, and one with broken YAML', () => {
    expect(
      findings({
        '.cursor/rules/a.mdc': '---\ndescription: d\n---\n',
        '.cursor/rules/b.mdc': '---\ndescription: d\nalwaysApply: true\n  bad: [\n---\n',
      }),
    ).toEqual([
      ['executor/frontmatter-fields', '.cursor/rules/a.mdc', 1, 'error'],
      ['executor/frontmatter-yaml', '.cursor/rules/b.mdc', 3, 'error'],
    ]);
  });
});
