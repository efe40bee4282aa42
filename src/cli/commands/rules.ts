import type { Command } from 'commander';
import { rules } from '../../core/rules/index.js';
import { dim, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('rules')
    .description('List every rule with its id, severity and what it expects')
    .option('--json', 'print one JSON document')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        printJson({
          version: 1,
          rules: rules.map(({ id, severity, summary }) => ({ id, severity, summary })),
        });
        return;
      }
      const width = Math.max(...rules.map((r) => r.id.length));
      for (const r of rules)
        process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${dim(r.summary)}\n`);
    });
}
