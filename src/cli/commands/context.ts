import type { Command } from 'commander';
import { contextBudget, contextSync } from '../../api/context.js';
import { globalCwd, printJson, yellow } from '../output.js';

export function register(program: Command): void {
  const c = program.command('context').description('Context documents: sync from AGENTS.md, token budget');
  c.command('sync')
    .description('Generate CLAUDE.md import, GEMINI.md and the Cursor rule from AGENTS.md (between markers)')
    .option('--check', 'change nothing; exit 1 when a document is out of date')
    .option('--json', 'print one JSON document')
    .action((o: { check?: boolean; json?: boolean }, cmd: Command) => {
      const r = contextSync({ cwd: globalCwd(cmd), check: o.check });
      if (o.json) printJson(r);
      else
        for (const t of r.targets) {
          const verb =
            t.action === 'ok'
              ? 'up to date'
              : o.check
                ? `out of date (${t.action === 'create' ? 'missing' : 'differs'})`
                : t.action === 'create'
                  ? 'created'
                  : 'updated';
          process.stdout.write(`${t.file}: ${t.action === 'refused' ? `refused: ${t.reason}` : verb}\n`);
        }
      const refused = r.targets.some((t) => t.action === 'refused');
      process.exitCode = (o.check && r.outOfDate) || refused ? 1 : 0;
    });
  c.command('budget')
    .description('Lines and tokens per context document, the Core, the start report and each Reference doc')
    .option('--today <date>', 'as of this day (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action(async (o: { json?: boolean; today?: string }, cmd: Command) => {
      const r = await contextBudget({ cwd: globalCwd(cmd), today: o.today });
      if (o.json) return printJson(r);
      const line = (f: string, l: number | string, t: number | string, extra = '') =>
        `${f.padEnd(48)} ${String(l).padStart(6)} ${String(t).padStart(7)}  ${extra}\n`;
      process.stdout.write(line('document', 'lines', 'tokens'));
      for (const d of r.documents) process.stdout.write(line(d.file, d.lines, d.tokens));
      process.stdout.write(line('Core (read every session)', r.core.lines, r.core.tokens));
      process.stdout.write(line('start report (every session)', '', r.start.tokens));
      if (r.reference.length) process.stdout.write('\nReference docs (paid when their trigger fires):\n');
      for (const d of r.reference) process.stdout.write(line(d.file, d.lines, d.tokens, d.trigger ?? ''));
      for (const w of r.warnings) process.stdout.write(`${yellow('warning')} ${w}\n`);
    });
}
