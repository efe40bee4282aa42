import type { Command } from 'commander';
import { decide } from '../../api/decide.js';
import { globalCwd, printJson } from '../output.js';
import { renderDecision } from '../render-run.js';

export function register(program: Command): void {
  program
    .command('accept')
    .description("Accept a task's failed checks with a reason on record")
    .argument('<feature>', 'feature slug')
    .argument('<task>', 'task number, slug or runbook file name')
    .requiredOption('--reason <text>', 'why, on record in REVIEW.md')
    .option('--json', 'print one JSON document')
    .action(
      async (feature: string, task: string, opts: { reason?: string; json?: boolean }, cmd: Command) => {
        const r = await decide('accepted', {
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
