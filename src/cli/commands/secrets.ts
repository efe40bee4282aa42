import type { Command } from 'commander';
import { secrets } from '../../api/secrets.js';
import { shownInline } from '../../core/visible.js';
import { whereSecret } from '../../workspace/introduced-secrets.js';
import { cutLines, dim, globalCwd, printJson, red } from '../output.js';

export function register(program: Command): void {
  program
    .command('secrets')
    .description(
      'List the secrets the working tree adds since a commit (file, line, kind; never the secret); exit 1 when any',
    )
    .option('--base <rev>', 'the commit to compare with (default HEAD)')
    .option('--staged', 'only what is staged: what the next commit would add')
    .option('--json', 'print one JSON document')
    .action(async (opts: { base?: string; staged?: boolean; json?: boolean }, cmd: Command) => {
      const r = await secrets({ cwd: globalCwd(cmd), base: opts.base, staged: opts.staged });
      process.exitCode = r.ok ? 0 : 1;
      if (opts.json) return printJson(r);
      const lines = cutLines(r.secrets.map((s) => `  ${red('secret')} ${shownInline(whereSecret(s))}`));
      lines.push(
        r.ok
          ? `no secret added ${dim(`(${r.checked} changed file(s) since ${r.base})`)}`
          : `${r.secrets.length} secret(s) added ${dim(`in ${r.checked} changed file(s) since ${r.base}`)}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
