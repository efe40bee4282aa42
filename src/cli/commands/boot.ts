import type { Command } from 'commander';
import { boot } from '../../api/versions.js';
import { globalCwd, printJson, red } from '../output.js';

export function register(program: Command): void {
  program
    .command('boot')
    .description('Check out a release tag in a temporary worktree and run commands.boot under a timeout')
    .argument('<tag>', 'the release tag, e.g. the N-1 one from `killdate versions`')
    .option('--timeout <duration>', 'override release.bootTimeout, e.g. 90s')
    .option('--json', 'print one JSON document')
    .action(async (tag: string, opts: { timeout?: string; json?: boolean }, cmd: Command) => {
      const abort = new AbortController();
      const onInt = () => abort.abort();
      process.once('SIGINT', onInt);
      try {
        const r = await boot({
          cwd: globalCwd(cmd),
          tag,
          timeout: opts.timeout,
          echo: opts.json ? undefined : process.stderr,
          signal: abort.signal,
        });
        if (opts.json) printJson(r);
        else
          process.stdout.write(
            r.bootable
              ? `${tag}${r.role ? ` (${r.role})` : ''} is bootable: ${r.command} exited 0 in ${(r.durationMs / 1000).toFixed(1)}s\n`
              : `${red('not bootable')}: ${tag}: ${r.timedOut ? 'timed out' : r.interrupted ? 'interrupted' : `exit ${r.exit}`}; output kept in ${r.logFile}\n`,
          );
        process.exitCode = r.interrupted ? 130 : r.bootable ? 0 : 1;
      } finally {
        process.off('SIGINT', onInt);
      }
    });
}
