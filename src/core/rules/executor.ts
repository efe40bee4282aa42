// Executor rules (.cursor/rules): Cursor reads `.mdc` files whose YAML frontmatter says when
// the rule applies (`alwaysApply`, or `globs`) and what it is (`description`).
import { type ExecutorRule, parseExecutorRule } from '../parse/executor-rule.js';
import { defineRule } from '../rule.js';
import type { Workspace } from '../workspace.js';

const MDC = '.cursor/rules/02-scope-guard.mdc';
const BODY = '# Scope guard\n\nOnly touch the files in the FILES block.\n';
const GOOD = `---\ndescription: Only touch the files in the FILES block\nalwaysApply: true\n---\n\n${BODY}`;

function executorRules(ws: Workspace): ExecutorRule[] {
  return ws.ofKind('executor-rule').flatMap((p) => ws.parsed(p, parseExecutorRule) ?? []);
}

const mdc = (ws: Workspace) => executorRules(ws).filter((r) => r.extension === 'mdc');

export const executorRuleRules = [
  defineRule({
    id: 'executor/extension',
    severity: 'warning',
    summary:
      'Executor rules are `.mdc` files with frontmatter: Cursor does not read `.md` files in .cursor/rules.',
    examples: {
      ok: { [MDC]: GOOD },
      bad: { '.cursor/rules/02-scope-guard.md': BODY },
    },
    check(ws, report) {
      for (const r of executorRules(ws)) {
        if (r.extension === 'mdc') continue;
        const also = r.frontmatter.present ? '' : ' and it has no frontmatter';
        report({
          file: r.path,
          line: 1,
          message: `".${r.extension}" rule file: Cursor reads only .mdc files with frontmatter from this folder${also}`,
          fix: `rename it to ${r.path.replace(/\.[^./]+$/, '.mdc')}${also ? ' and add --- description/alwaysApply ---' : ''}`,
        });
      }
    },
  }),
  defineRule({
    id: 'executor/frontmatter',
    severity: 'error',
    summary: 'An `.mdc` executor rule starts with YAML frontmatter between `---` lines.',
    examples: {
      ok: { [MDC]: GOOD },
      bad: { [MDC]: BODY },
    },
    check(ws, report) {
      for (const r of mdc(ws)) {
        if (!r.frontmatter.present)
          report({
            file: r.path,
            line: 1,
            message:
              'no frontmatter: expected a first line "---", then description and alwaysApply or globs, then "---"',
          });
        else if (r.frontmatter.endLine === undefined)
          report({
            file: r.path,
            line: 1,
            message: 'the frontmatter is not closed: expected a "---" line after it',
          });
      }
    },
  }),
  defineRule({
    id: 'executor/frontmatter-yaml',
    severity: 'error',
    summary: "An executor rule's frontmatter is valid YAML.",
    examples: {
      ok: { [MDC]: GOOD },
      bad: { [MDC]: `---\ndescription: "scope guard\nalwaysApply: true\n---\n\n${BODY}` },
    },
    check(ws, report) {
      for (const r of mdc(ws)) {
        const err = r.frontmatter.error;
        if (err && r.frontmatter.endLine !== undefined)
          report({
            file: r.path,
            line: err.line,
            message: `invalid YAML in the frontmatter: ${err.message}`,
          });
      }
    },
  }),
  defineRule({
    id: 'executor/frontmatter-fields',
    severity: 'error',
    summary: "An executor rule's frontmatter has a `description`, and `alwaysApply: true|false` or `globs`.",
    examples: {
      ok: { [MDC]: GOOD },
      bad: { [MDC]: `---\nalwaysApply: yes please\n---\n\n${BODY}` },
    },
    check(ws, report) {
      for (const r of mdc(ws)) {
        const data = r.frontmatter.data;
        if (!data) continue;
        const line = r.frontmatter.line ?? 1;
        if (!r.description)
          report({
            file: r.path,
            line,
            message: 'no description in the frontmatter: expected "description: <what the rule is>"',
          });
        if (data.alwaysApply !== undefined && typeof data.alwaysApply !== 'boolean')
          report({
            file: r.path,
            line,
            message: `alwaysApply is "${String(data.alwaysApply)}": expected true or false`,
          });
        else if (r.alwaysApply === undefined && !r.globs?.length)
          report({
            file: r.path,
            line,
            message:
              'the frontmatter says neither alwaysApply nor globs: expected "alwaysApply: true" or "globs: <patterns>"',
          });
      }
    },
  }),
];
