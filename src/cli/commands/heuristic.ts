import type { Command } from 'commander';
import { addHeuristic, showHeuristics } from '../../api/registers.js';
import { globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  const h = program.command('heuristic').description('Dev heuristics by domain');
  h.command('add <domain> <text>')
    .description('Add a heuristic to a domain of DEV-HEURISTICS.md (the domain is created when new)')
    .option('--paths <globs...>', 'path globs of the domain, e.g. "src/auth/**"')
    .option('--json', 'print one JSON document')
    .action(async (domain: string, text: string, o: { paths?: string[]; json?: boolean }, cmd: Command) => {
      const paths = o.paths
        ?.flatMap((p) => p.split(','))
        .map((p) => p.trim())
        .filter(Boolean);
      const r = await addHeuristic({ cwd: globalCwd(cmd), domain, text, paths });
      if (o.json) printJson(r);
      else process.stdout.write(`added to ${r.domain} in ${r.file}\n`);
    });
  h.command('show')
    .description('Print the heuristics, or only the domains whose globs match a path')
    .option('--for <path>', 'a file you are about to touch')
    .option('--json', 'print one JSON document')
    .action((o: { for?: string; json?: boolean }, cmd: Command) => {
      const r = showHeuristics({ cwd: globalCwd(cmd), for: o.for });
      if (o.json) return printJson(r);
      for (const d of r.domains) {
        process.stdout.write(`## ${d.name}${d.globs.length ? ` (${d.globs.join(', ')})` : ''}\n`);
        for (const e of d.entries)
          process.stdout.write(`- ${e.text.replace(/^-\s*/, '').replace(/\s+/g, ' ')}\n`);
      }
      if (!r.domains.length) process.stdout.write(o.for ? `no heuristics for ${o.for}\n` : 'no heuristics\n');
    });
}
