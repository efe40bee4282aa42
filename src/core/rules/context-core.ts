// Rules on the Core of the context document: its size in lines and tokens, and CLAUDE.md
// importing the source so Claude Code reads it.
import { parseContext } from '../parse/context.js';
import { defineRule } from '../rule.js';
import { overTokenBudget } from '../tokens.js';
import type { Workspace } from '../workspace.js';

function context(ws: Workspace) {
  return ws.parsed(ws.paths.context, parseContext);
}

const importLine = (target: string) =>
  new RegExp(`^\\s*@(\\./)?${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

export const contextBudgetRules = [
  defineRule({
    id: 'context/core-lines',
    severity: 'warning',
    summary: 'The Core (everything before the Reference manifest) stays within the line budget.',
    examples: {
      ok: { 'AGENTS.md': '# Acme\n\nShort core.\n\n## Reference\n\n- `docs/a.md`: when x\n' },
      bad: {
        'killdate.config.yaml': 'budgets:\n  coreLines: 3\n',
        'AGENTS.md': '# Acme\n\nOne.\n\nTwo.\n\nThree.\n\n## Reference\n\n- `docs/a.md`: when x\n',
      },
    },
    check(ws, report) {
      const model = context(ws);
      const budget = ws.config.budgets.coreLines;
      if (model && model.coreLines > budget)
        report({
          file: ws.paths.context,
          line: budget + 1,
          message: `Core is ${model.coreLines} lines: expected at most ${budget}; move material to Reference docs read on trigger`,
        });
    },
  }),
  defineRule({
    id: 'context/core-tokens',
    severity: 'warning',
    summary: 'The Core stays within the token budget (counted with a BPE tokenizer).',
    examples: {
      ok: { 'AGENTS.md': '# Acme\n\nShort core.\n' },
      bad: {
        'killdate.config.yaml': 'budgets:\n  coreTokens: 20\n',
        'AGENTS.md': `# Acme\n\n${'Every session reads this Core, so each word costs tokens. '.repeat(4)}\n`,
      },
    },
    check(ws, report) {
      const model = context(ws);
      if (!model) return;
      const budget = ws.config.budgets.coreTokens;
      const { over, tokens } = overTokenBudget(model.coreText, budget);
      if (over)
        report({
          file: ws.paths.context,
          message: `Core is ${tokens} tokens: expected at most ${budget}; move material to Reference docs read on trigger`,
        });
    },
  }),
  defineRule({
    id: 'context/claude-import',
    severity: 'error',
    summary: 'When AGENTS.md is the source, CLAUDE.md imports it with an `@AGENTS.md` line.',
    examples: {
      ok: { 'AGENTS.md': '# Acme\n', 'CLAUDE.md': '@AGENTS.md\n\nClaude-only notes.\n' },
      bad: { 'AGENTS.md': '# Acme\n', 'CLAUDE.md': '# Acme\n\nSee AGENTS.md.\n' },
    },
    check(ws, report) {
      const { context: source, claude } = ws.paths;
      const lines = ws.doc(claude)?.lines;
      if (source === claude || !lines || ws.text(source) === undefined) return;
      if (lines.some((l) => importLine(source).test(l))) return;
      report({
        file: claude,
        line: 1,
        message: `${claude} does not import ${source}: Claude Code never reads it; expected a line "@${source}"`,
      });
    },
  }),
];
