import type { Command } from 'commander';
import { installHooks } from '../../api/hooks.js';
import { dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('hooks')
    .description('Install killdate hooks')
    .command('install')
    .description(
      'Add the git pre-commit scope check and the Claude Code PreToolUse scope guard, without clobbering',
    )
    .option(
      '--bin <command>',
      'how the hooks call killdate, e.g. "node /abs/path/dist/killdate.js"',
      'killdate',
    )
    .option('--json', 'print one JSON document')
    .action((opts: { bin: string; json?: boolean }, cmd: Command) => {
      const r = installHooks({ cwd: globalCwd(cmd), bin: opts.bin });
      if (opts.json) return printJson(r);
      process.stdout.write(
        `${r.claude.file}: PreToolUse ${r.claude.outcome} ${dim(`(${r.claude.command})`)}\n` +
          r.session
            .map((h) => `${r.claude.file}: ${h.event} ${h.outcome} ${dim(`(${h.command})`)}\n`)
            .join('') +
          `${r.git.file}: ${r.git.outcome}: ${r.git.note} ${dim(`(${r.git.command})`)}\n`,
      );
      if (r.git.outcome === 'refused') process.exitCode = 1;
    });
}
