import type { Command } from 'commander';
import { OTHER_RULES } from '../../core/rule-catalog.js';
import { rules } from '../../core/rules/index.js';
import { bold, dim, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('rules')
    .description('List every rule with its id, severity and what it expects')
    .option('--json', 'print one JSON document')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        printJson({
          version: 1,
          rules: [
            ...rules.map(({ id, severity, summary }) => ({ id, severity, summary, by: ['check'] })),
            ...OTHER_RULES,
          ],
        });
        return;
      }
      const width = Math.max(...[...rules, ...OTHER_RULES].map((r) => r.id.length));
      const row = (r: { id: string; severity: string; summary: string }) =>
        `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${dim(r.summary)}\n`;
      process.stdout.write(rules.map(row).join(''));
      process.stdout.write(`\n${bold('reported by status, signoff and ci')}\n`);
      for (const r of OTHER_RULES)
        process.stdout.write(row({ ...r, summary: `${r.summary} (${r.by.join(', ')})` }));
    });
}
