import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type InitAction, type InitAnswers, type InitResult, init, initDefaults } from '../../api/init.js';
import { bold, dim, globalCwd, printJson } from '../output.js';
import { prompts } from '../prompts.js';

interface InitFlags {
  product?: string;
  testCommand?: string;
  stagingDeployCommand?: string;
  deployCommand?: string;
  healthCommand?: string;
  logsCommand?: string;
  dryRun?: boolean;
  ci?: boolean;
  action?: string;
  yes?: boolean;
  json?: boolean;
}

const QUESTIONS: [keyof InitAnswers, string][] = [
  ['product', 'Product name'],
  ['testCommand', 'Command that runs the tests'],
  ['stagingDeployCommand', 'Command that deploys to staging'],
  ['deployCommand', 'Command that deploys to production'],
  ['healthCommand', 'Command that checks production health'],
  ['logsCommand', 'Command that prints production logs'],
];

export function register(program: Command): void {
  program
    .command('init')
    .description('Write the method layout into a folder; never overwrites a file')
    .argument('[dir]', 'folder to set up (created when missing)', '.')
    .option('--product <name>', 'product name (default: the folder name)')
    .option('--test-command <cmd>', 'command that runs the tests')
    .option('--staging-deploy-command <cmd>', 'command that deploys to staging')
    .option('--deploy-command <cmd>', 'command that deploys to production')
    .option('--health-command <cmd>', 'command that checks production health')
    .option('--logs-command <cmd>', 'command that prints recent production logs')
    .option('--ci', 'also write the GitHub Actions workflows: the PR check and the scale-out run')
    .option(
      '--action <owner/name[@ref]>',
      "with --ci: the killdate repository whose action builds killdate in the workflows (default ref: this version's tag)",
    )
    .option('--dry-run', 'list what would be written; write nothing')
    .option('-y, --yes', 'ask nothing: take the flags and the defaults')
    .option('--json', 'print one JSON document')
    .action(async (dir: string, flags: InitFlags, cmd: Command) => {
      const target = resolve(globalCwd(cmd) ?? process.cwd(), dir);
      const given = pickAnswers(flags);
      const interactive = !flags.yes && !flags.json && process.stdin.isTTY && process.stdout.isTTY;
      const answers = interactive ? await ask(target, given) : given;
      if (answers === undefined) {
        process.exitCode = 130;
        return;
      }
      const result = init({ dir: target, answers, dryRun: flags.dryRun, ci: flags.ci, action: flags.action });
      if (flags.json) printJson(result);
      else process.stdout.write(renderInit(result));
    });
}

function pickAnswers(flags: InitFlags): InitAnswers {
  const out: InitAnswers = {};
  for (const [key] of QUESTIONS) if (flags[key] !== undefined) out[key] = flags[key];
  return out;
}

/** Ask, on a terminal only, each question no flag answered. Undefined when cancelled. */
async function ask(dir: string, given: InitAnswers): Promise<InitAnswers | undefined> {
  const clack = await prompts();
  const defaults = initDefaults(dir);
  const out: InitAnswers = { ...given };
  clack.intro('killdate init');
  for (const [key, message] of QUESTIONS) {
    if (given[key] !== undefined) continue;
    const fallback = defaults[key];
    const value = await clack.text({
      message,
      placeholder: fallback ?? 'leave empty to fill in later',
      defaultValue: fallback ?? '',
    });
    if (clack.isCancel(value)) {
      clack.cancel('Nothing was written.');
      return undefined;
    }
    if (value.trim()) out[key] = value.trim();
  }
  clack.outro(`Writing into ${dir}`);
  return out;
}

/** One line per file: created, appended or skipped with the reason. */
export function actionLines(actions: InitAction[], dryRun: boolean): string[] {
  const verb = {
    create: dryRun ? 'would create' : 'created',
    append: dryRun ? 'would append' : 'appended',
  };
  return actions.map((a) =>
    a.action === 'skip'
      ? `  ${dim('skipped ')}  ${a.path}  ${dim(`(${a.reason})`)}`
      : `  ${verb[a.action].padEnd(12)}  ${a.path}`,
  );
}

export function renderInit(r: InitResult): string {
  const lines = actionLines(r.actions, r.dryRun);
  const n = (k: string) => r.actions.filter((a) => a.action === k).length;
  const changed = n('create') + n('append');
  lines.push(
    '',
    `${bold(r.dryRun ? 'Dry run:' : 'Done:')} ${changed} file${changed === 1 ? '' : 's'} ${r.dryRun ? 'to write' : 'written'}, ${n('skip')} skipped, in ${r.root}`,
  );
  lines.push(`Product: ${r.answers.product}`);
  for (const note of r.notes) lines.push(`Note: ${note}`);
  if (!r.dryRun && changed > 0)
    lines.push(`Next: fill in the canonical docs, then run ${bold('killdate check')}.`);
  else if (changed === 0) lines.push('Nothing to do: every file of the layout is already there.');
  return `${lines.join('\n')}\n`;
}
