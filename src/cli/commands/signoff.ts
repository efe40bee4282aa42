import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { planSignoff, recordSignoff } from '../../api/signoff.js';
import { KilldateError } from '../../core/errors.js';
import { refuseInsideAgent } from '../../core/human-acts.js';
import { bold, dim, globalCwd, printJson, renderFindings } from '../output.js';

export function register(program: Command): void {
  program
    .command('signoff')
    .description(
      'Record a checkpoint sign-off (who, when, the hash of every covered document); refuses when it does not hold',
    )
    .argument('<feature>', 'feature slug')
    .argument('<checkpoint>', 'cp0 | cp1 | cp2 | cp3')
    .option('--yes', 'confirm without asking')
    .option('--today <date>', 'evaluate dates as of this day (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action(
      async (
        feature: string,
        checkpoint: string,
        opts: { yes?: boolean; json?: boolean; today?: string },
        cmd: Command,
      ) => {
        refuseInsideAgent('signoff', process.env);
        const plan = planSignoff({ cwd: globalCwd(cmd), feature, checkpoint, today: opts.today });
        const { root: _root, records: _records, sign: _sign, ...shown } = plan;
        if (plan.blockers.length) {
          process.exitCode = 1;
          if (opts.json) return printJson({ ...shown, recorded: null });
          process.stdout.write(
            `${renderFindings(plan.blockers)}\n\n${plan.checkpoint} of ${plan.feature} refused: ${plan.blockers.length} finding(s) above\n`,
          );
          return;
        }
        if (plan.alreadySigned) {
          if (opts.json) return printJson({ ...shown, recorded: null });
          process.stdout.write(
            `${plan.checkpoint} of ${plan.feature} is already signed and nothing it covers changed\n`,
          );
          return;
        }
        if (!opts.json)
          process.stdout.write(
            `${bold(`${plan.checkpoint} of ${plan.feature}`)}, signed by ${plan.by}, covers:\n${plan.documents.map((d) => `  ${d.id}  ${dim(d.sha256.slice(0, 12))}`).join('\n')}\n`,
          );
        if (!opts.json && plan.commands) process.stdout.write(renderCommands(plan.commands));
        if (!opts.yes) {
          if (!process.stdin.isTTY || !process.stdout.isTTY)
            throw new KilldateError('REFUSED', 'signoff refused: not confirmed on a terminal');
          if (!(await confirm('Record this sign-off? [y/N] '))) {
            process.stdout.write('not signed\n');
            process.exitCode = 1;
            return;
          }
        }
        const recorded = recordSignoff(plan);
        if (opts.json) return printJson({ ...shown, recorded });
        process.stdout.write(
          `signed: ${plan.checkpoint} recorded in ${plan.file}, commit ${recorded.commit.slice(0, 7)}\n`,
        );
      },
    );
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** CP-3: the exact commands `killdate run` will execute, so the signer sees what they approve. */
function renderCommands(list: { runbook: string; commands: string[] }[]): string {
  const lines = ['VALIDATE commands `killdate run` will execute (covered by the #validate hashes):'];
  for (const { runbook, commands } of list) {
    lines.push(`  ${runbook}`);
    lines.push(
      ...(commands.length
        ? commands.map((c) => `    $ ${c}`)
        : ['    (none: every step is checked by a person)']),
    );
  }
  return `${lines.join('\n')}\n`;
}
