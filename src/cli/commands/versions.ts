import type { Command } from 'commander';
import { versions } from '../../api/versions.js';
import { dim, globalCwd, printJson, yellow } from '../output.js';

export function register(program: Command): void {
  program
    .command('versions')
    .description('List release tags as N, N-1 and older; report temporary code older releases still carry')
    .option('--json', 'print one JSON document')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const r = versions({ cwd: globalCwd(cmd) });
      if (opts.json) return printJson(r);
      if (!r.releases.length)
        process.stdout.write(`no release tags match ${r.pattern} (release.tagPattern)\n`);
      for (const t of r.releases)
        process.stdout.write(
          `${t.role.padEnd(6)} ${t.tag.padEnd(16)} ${dim(t.date.slice(0, 10))} ${dim(t.commit.slice(0, 8))}\n`,
        );
      for (const d of r.toDelete)
        process.stdout.write(
          `${yellow('delete')} ${d.path}: temporary code named in ${d.lock}, still live; carried by ${d.tags.join(', ')} (older than N-1)\n`,
        );
      process.exitCode = r.toDelete.length ? 1 : 0;
    });
}
