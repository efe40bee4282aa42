import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runbookNew } from '../../api/feature.js';
import { KilldateError } from '../../core/errors.js';
import { dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  const runbook = program.command('runbook').description('Runbooks of a feature');
  runbook
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
  runbook
    .command('amend')
    .description('Replace a runbook with a new text, also during its task: not out of scope, re-opens CP-3')
    .argument('<feature>', 'feature slug')
    .argument('<task>', 'task number, slug or runbook file name')
    .requiredOption('--from <file>', 'the whole amended runbook ("-" reads stdin)')
    .option('--json', 'print one JSON document')
    .action(async (feature: string, task: string, opts: { from: string; json?: boolean }, cmd: Command) => {
      const cwd = globalCwd(cmd);
      const { runbookAmend } = await import('../../api/runbook-amend.js');
      const r = await runbookAmend({ cwd, feature, task, text: readText(opts.from, cwd) });
      if (opts.json) return printJson(r);
      const lines = [r.changed ? `amended ${r.runbook}` : `${r.runbook} unchanged`];
      const { before, after } = r.files;
      if (before.join('\n') !== after.join('\n'))
        lines.push(`FILES: ${before.join(', ') || 'none'} -> ${after.join(', ') || 'none'}`);
      if (r.cp3 !== 'signed')
        lines.push(`CP-3 is ${r.cp3}: the amended runbook binds a run once it is signed`);
      if (r.activeTask) lines.push(`task ${r.activeTask} stays active with the FILES it started with`);
      if (r.replacedKept) lines.push(`the text it replaced (edits not in git) is kept in ${r.replacedKept}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function readText(from: string, cwd: string | undefined): string {
  const file = from === '-' ? 0 : resolve(cwd ?? process.cwd(), from);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new KilldateError('NOT_FOUND', `cannot read ${from}: ${(e as Error).message}`);
  }
}
