import type { Command } from 'commander';
import { start } from '../../api/start.js';
import { dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('start')
    .description(
      'Print the start report: git state, RESUME HERE, log tail, roadmap, issues, kill dates, checkpoints',
    )
    .option('--json', 'print one JSON document')
    .option('--hook', "print Claude Code's SessionStart hook output (the report as additional context)")
    .option('--summary', '"where are we": the last session, what is in progress, the next step')
    .option('--today <date>', 'evaluate as of this day (YYYY-MM-DD)')
    .action(
      async (opts: { json?: boolean; hook?: boolean; summary?: boolean; today?: string }, cmd: Command) => {
        const r = await start({ cwd: globalCwd(cmd), today: opts.today, tokens: !opts.hook });
        const { guardWarnings } = await import('../../api/hooks-status.js');
        const warnings = (await guardWarnings(r.root)).map((w) => `killdate warning: ${w}\n`);
        const text = opts.summary ? r.summary : r.text;
        if (opts.hook)
          process.stdout.write(
            `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: warnings.join('') + text } })}\n`,
          );
        else if (opts.json)
          printJson({
            version: r.version,
            root: r.root,
            tokens: r.tokens,
            text: r.text,
            summary: r.summary,
            ...r.facts,
          });
        else {
          process.stderr.write(warnings.join(''));
          process.stdout.write(text);
          if (!opts.summary && r.tokens !== undefined) process.stderr.write(dim(`${r.tokens} tokens\n`));
        }
      },
    );
}
