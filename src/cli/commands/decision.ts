import type { Command } from 'commander';
import { addDecision } from '../../api/registers.js';
import { globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('decision')
    .description('Stack decisions')
    .command('add <name>')
    .description('Record a permanent decision in STACK.md')
    .option('--summary <text>', 'the decision in one line')
    .requiredOption('--rationale <text>', 'why')
    .requiredOption('--alternatives <text>', 'what was considered and ruled out')
    .option('--today <date>', 'the decided date (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action(
      async (
        name: string,
        o: { summary?: string; rationale: string; alternatives: string; today?: string; json?: boolean },
        cmd: Command,
      ) => {
        const r = await addDecision({ cwd: globalCwd(cmd), name, ...o });
        if (o.json) printJson(r);
        else process.stdout.write(`decision "${r.name}" added to ${r.file}\n`);
      },
    );
}
