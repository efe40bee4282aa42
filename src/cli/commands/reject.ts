import type { Command } from 'commander';
import { decide } from '../../api/decide.js';
import { globalCwd, printJson } from '../output.js';
import { renderDecision } from '../render-run.js';

export function register(program: Command): void {
  program
    .command('reject')
    .description('Reject a task with a reason (recorded in REVIEW.md)')
    .argument('<feature>', 'feature slug')
    .argument('<task>', 'task number, slug or runbook file name')
    .requiredOption('--reason <text>', 'why, on record in REVIEW.md')
    .option('--json', 'print one JSON document')
    .action(
      async (feature: string, task: string, opts: { reason?: string; json?: boolean }, cmd: Command) => {
        const r = await decide('rejected', {
          cwd: globalCwd(cmd),
          feature,
          task,
          ...(opts.reason ? { reason: opts.reason } : {}),
        });
        if (opts.json) printJson(r);
        else process.stdout.write(renderDecision(r));
      },
    );
}
