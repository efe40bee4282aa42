import type { Command } from 'commander';
import { addBug, fixBug, listBugs } from '../../api/registers.js';
import { LAYERS, SEVERITIES } from '../../core/registers/bugs.js';
import { plain } from '../../core/sections.js';
import { globalCwd, printJson } from '../output.js';

type AddOpts = {
  layer: string;
  severity?: string;
  symptoms?: string;
  cause?: string;
  workaround?: string;
  json?: boolean;
  today?: string;
};

export function register(program: Command): void {
  const bug = program.command('bug').description('Known issues: add, list, fix');
  bug
    .command('add <title>')
    .description('Add an open bug to KNOWN-ISSUES.md with the next id of its layer prefix')
    .requiredOption('--layer <layer>', `${LAYERS.join(' | ')}, or an id prefix`)
    .option('--severity <level>', SEVERITIES.join(' | '), 'medium')
    .option('--symptoms <text>', 'what you see')
    .option('--cause <text>', 'the suspected cause')
    .option('--workaround <text>', 'how users get by')
    .option('--today <date>', 'the opened date (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action(async (title: string, o: AddOpts, cmd: Command) => {
      const r = await addBug({ cwd: globalCwd(cmd), title, ...o });
      if (o.json) printJson(r);
      else process.stdout.write(`${r.id} added to ${r.file}\n`);
    });
  bug
    .command('list')
    .description('List the open bugs')
    .option('--json', 'print one JSON document')
    .action((o: { json?: boolean }, cmd: Command) => {
      const r = listBugs({ cwd: globalCwd(cmd) });
      if (o.json) return printJson(r);
      for (const i of r.issues)
        process.stdout.write(
          `${(i.id || '?').padEnd(7)} ${plain(i.severity?.value ?? '?').padEnd(7)} ${i.title}\n`,
        );
      process.stdout.write(`${r.issues.length} open\n`);
    });
  bug
    .command('fix <id>')
    .description('Remove a fixed bug (exactly its lines; git keeps the history)')
    .option('--json', 'print one JSON document')
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      const r = await fixBug({ cwd: globalCwd(cmd), id });
      if (o.json) printJson(r);
      else process.stdout.write(`${r.id} removed from ${r.file}\n`);
    });
}
