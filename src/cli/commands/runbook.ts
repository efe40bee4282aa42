import type { Command } from 'commander';
import { runbookNew } from '../../api/feature.js';
import { dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('runbook')
    .description('Runbooks of a feature')
    .command('new')
    .description('Write the next numbered runbook from the template, header filled')
    .argument('<feature>', 'feature slug')
    .argument('<task-slug>', 'e.g. settings-form')
    .option('--json', 'print one JSON document')
    .action((feature: string, task: string, opts: { json?: boolean }, cmd: Command) => {
      const r = runbookNew({ cwd: globalCwd(cmd), feature, task });
      if (opts.json) return printJson(r);
      process.stdout.write(
        `created ${r.path} ${dim(`from ${r.template}`)}\n${r.note ? `note: ${r.note}\n` : ''}`,
      );
    });
}
