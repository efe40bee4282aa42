import type { Command } from 'commander';
import { ci } from '../../api/ci.js';
import { KilldateError } from '../../core/errors.js';
import { globalCwd, printJson, renderFindings, renderGithub } from '../output.js';

export function register(program: Command): void {
  program
    .command('ci')
    .description(
      'The pull-request check: check, kill dates, FILES against the diff, sunset lines of the PR body',
    )
    .option('--base <ref>', 'the PR base, e.g. origin/main: enables the diff checks')
    .option('--pr-body <file>', 'the PR description')
    .option('--format <format>', 'human | json | github', 'human')
    .option('--today <date>', 'evaluate dates as of this day (YYYY-MM-DD)')
    .action(
      async (opts: { base?: string; prBody?: string; format: string; today?: string }, cmd: Command) => {
        if (!['human', 'json', 'github'].includes(opts.format))
          throw new KilldateError('USAGE', `unknown --format ${opts.format}: expected human, json or github`);
        const r = await ci({ cwd: globalCwd(cmd), base: opts.base, prBody: opts.prBody, today: opts.today });
        if (opts.format === 'json') printJson(r);
        else if (opts.format === 'github') {
          if (r.findings.length) process.stdout.write(`${renderGithub(r.findings)}\n`);
          process.stdout.write(`killdate ci: ${r.summary.errors} errors, ${r.summary.warnings} warnings\n`);
        } else {
          if (r.findings.length) process.stdout.write(`${renderFindings(r.findings)}\n\n`);
          if (r.pr)
            process.stdout.write(
              `PR against ${r.pr.base}: ${r.pr.changed} files changed, features ${r.pr.features.join(', ') || 'none'}\n`,
            );
          process.stdout.write(`${r.summary.errors} errors, ${r.summary.warnings} warnings\n`);
        }
        process.exitCode = r.summary.errors ? 1 : 0;
      },
    );
}
