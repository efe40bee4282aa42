import type { Command } from 'commander';
import { addLearning } from '../../api/registers.js';
import { globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('learn')
    .description('Testing learnings')
    .command('add <title>')
    .description('Add a testing learning (L-001 ...) to TESTING-LEARNINGS.md')
    .requiredOption('--happened <text>', 'what happened')
    .requiredOption('--missed <text>', 'why the tests missed it')
    .requiredOption('--fix <text>', 'the fix')
    .requiredOption('--rule <text>', 'the rule going forward')
    .option('--today <date>', 'the entry date (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action(
      async (
        title: string,
        o: { happened: string; missed: string; fix: string; rule: string; today?: string; json?: boolean },
        cmd: Command,
      ) => {
        const r = await addLearning({ cwd: globalCwd(cmd), title, ...o });
        if (o.json) printJson(r);
        else process.stdout.write(`${r.id} added to ${r.file}\n`);
      },
    );
}
