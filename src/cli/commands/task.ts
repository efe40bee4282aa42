import type { Command } from 'commander';
import { taskStart, taskStop } from '../../api/task.js';
import { cutList, dim, globalCwd, printJson, yellow } from '../output.js';

export function register(program: Command): void {
  const task = program.command('task').description('Start and stop the active task the scope guard checks');
  task
    .command('start')
    .description('Record the base commit and make a task of a ready feature (CP-3 signed) the active one')
    .argument('<feature>', 'feature slug')
    .argument('<task>', 'task number, slug or runbook file name')
    .option('--json', 'print one JSON document')
    .action((feature: string, name: string, opts: { json?: boolean }, cmd: Command) => {
      const t = taskStart({ cwd: globalCwd(cmd), feature, task: name });
      if (opts.json) return printJson({ version: 1, active: t });
      process.stdout.write(
        `task ${t.task} of ${t.feature} is active from ${t.base.slice(0, 12)} on ${t.branch}\n` +
          `${dim(`FILES: ${t.files.length ? cutList(t.files) : '(none: every change will be out of scope)'}`)}\n`,
      );
      for (const w of t.warnings) process.stderr.write(`${yellow('warning:')} ${w}\n`);
    });
  task
    .command('stop')
    .description('Clear the active task')
    .option('--json', 'print one JSON document')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const r = taskStop({ cwd: globalCwd(cmd) });
      if (opts.json) return printJson({ version: 1, stopped: r.stopped ?? null });
      process.stdout.write(
        r.stopped ? `task ${r.stopped.task} of ${r.stopped.feature} stopped\n` : 'no active task\n',
      );
    });
}
