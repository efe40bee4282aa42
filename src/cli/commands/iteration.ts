import type { Command } from 'commander';
import { newIteration } from '../../api/roadmap.js';
import { globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('iteration')
    .description('Iteration notes for small changes')
    .command('new <slug>')
    .description('Create feature-builds/_iterations/YYYY-MM-DD-slug/ITERATION-NOTE.md')
    .option('--today <date>', 'the date of the folder (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action((slug: string, o: { today?: string; json?: boolean }, cmd: Command) => {
      const r = newIteration({ cwd: globalCwd(cmd), slug, today: o.today });
      if (o.json) printJson(r);
      else process.stdout.write(`created ${r.file}\n`);
    });
}
