import type { Command } from 'commander';
import type { DecisionAction } from '../../api/decide.js';
import { decide } from '../../api/decide.js';
import { type RunFeatureResult, run } from '../../api/run.js';
import { runAll } from '../../api/run-all.js';
import { KilldateError } from '../../core/errors.js';
import { dim, globalCwd, printJson, yellow } from '../output.js';
import { prompts } from '../prompts.js';
import { exitFor, renderDecision, renderRunResult } from '../render-run.js';
import { runWatch } from '../run-progress.js';
import { terminalConfirm } from './decide.js';

interface RunFlags {
  task?: string;
  executor?: string;
  planner?: string;
  all?: boolean;
  concurrency?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run the next task of a ready feature: brief, executor, review, verdict in REVIEW.md')
    .argument('[features...]', 'feature slug; several (or --all) run in parallel worktrees')
    .option('--task <n>', 'run this task (number, slug or runbook file name)')
    .option('--executor <agent>', 'executor for this run (overrides config)')
    .option('--planner <agent>', 'planner for the drift diagnosis (overrides config)')
    .option('--all', 'every ready feature, each in its own worktree')
    .option('--concurrency <n>', 'features at once with --all (default: run.concurrency)')
    .option('--json', 'print one JSON document; never asks')
    .action(async (features: string[], flags: RunFlags, cmd: Command) => {
      const cwd = globalCwd(cmd);
      if (flags.all || features.length > 1) return parallel(cwd, features, flags);
      if (features.length !== 1)
        throw new KilldateError('USAGE', 'name a feature, or pass --all', 'killdate run <feature>');
      await single(cwd, features[0]!, flags);
    });
}

const agents = (f: RunFlags) => ({
  ...(f.executor ? { executor: f.executor } : {}),
  ...(f.planner ? { planner: f.planner } : {}),
});

async function single(cwd: string | undefined, feature: string, flags: RunFlags): Promise<void> {
  const interactive = !flags.json && process.stdin.isTTY && process.stdout.isTTY;
  const progress = flags.json ? undefined : (line: string) => process.stderr.write(`${dim(line)}\n`);
  let task = flags.task;
  for (;;) {
    const r = await run({
      cwd,
      feature,
      ...(task ? { task } : {}),
      ...agents(flags),
      ...(progress ? { progress, watch: runWatch(process.stderr) } : {}),
    });
    if (flags.json) printJson(r);
    else process.stdout.write(renderRunResult(r));
    process.exitCode = exitFor(r);
    if (!interactive || !['waiting-for-human', 'checks-failed'].includes(r.stopped)) return;
    const next = await ask(cwd, r);
    if (!next) return;
    task = undefined;
  }
}

/** On a terminal: the human's decision, then whether to run the next task. */
async function ask(cwd: string | undefined, r: RunFeatureResult): Promise<boolean> {
  const clack = await prompts();
  const t = r.runs.at(-1)!;
  const options: { value: DecisionAction | 'later'; label: string }[] = [
    ...(t.allPassed ? [{ value: 'approved' as const, label: 'approve' }] : []),
    { value: 'rejected', label: 'reject (with a reason; amend the runbook, then rerun)' },
    { value: 'reverted', label: 'revert the task’s changes' },
    ...(t.allPassed
      ? []
      : [{ value: 'accepted' as const, label: 'accept the failed checks (with a reason on record)' }]),
    { value: 'later', label: 'decide later' },
  ];
  const choice = await clack.select({ message: `Task ${t.task} of ${r.feature}`, options });
  if (clack.isCancel(choice) || choice === 'later') return false;
  let reason: string | undefined;
  if (choice === 'rejected' || choice === 'accepted' || choice === 'reverted') {
    const v = await clack.text({
      message: 'Reason (on record in REVIEW.md)',
      validate: (s) => (choice !== 'reverted' && !s?.trim() ? 'a reason is required' : undefined),
    });
    if (clack.isCancel(v)) return false;
    reason = String(v).trim() || undefined;
  }
  const d = await decide(choice, {
    cwd,
    feature: r.feature,
    task: t.task,
    ...(reason ? { reason } : {}),
    ...(choice === 'reverted' ? terminalConfirm() : {}),
  });
  process.stdout.write(renderDecision(d));
  process.exitCode = 0;
  if (!d.next || (choice !== 'approved' && choice !== 'accepted')) return false;
  const go = await clack.confirm({ message: `Run task ${d.next} now?` });
  return go === true;
}

async function parallel(cwd: string | undefined, features: string[], flags: RunFlags): Promise<void> {
  if (flags.task)
    throw new KilldateError('USAGE', '--task applies to one feature', 'killdate run <feature> --task N');
  const concurrency = flags.concurrency ? Number(flags.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))
    throw new KilldateError('USAGE', `--concurrency ${flags.concurrency}: expected a positive whole number`);
  const r = await runAll({
    cwd,
    ...(flags.all ? {} : { features }),
    ...(concurrency ? { concurrency } : {}),
    ...agents(flags),
    onOverlaps: (list) => {
      if (flags.json) return;
      for (const o of list)
        process.stderr.write(
          `${yellow('overlap')} ${o.features.join(' and ')} share FILES: ${o.entries.join(', ')}\n`,
        );
    },
    ...(flags.json ? {} : { progress: (line: string) => process.stderr.write(`${dim(line)}\n`) }),
  });
  if (flags.json) printJson(r);
  else
    for (const o of r.outcomes)
      process.stdout.write(
        o.result
          ? `${dim(`worktree ${o.worktree} (${o.branch})`)}\n${renderRunResult(o.result)}\n`
          : `${o.feature}: ${o.error?.message}${o.error?.hint ? `\n  hint: ${o.error.hint}` : ''}\n\n`,
      );
  const codes = r.outcomes.map((o) => (o.result ? exitFor(o.result) : 1));
  process.exitCode = Math.max(0, ...codes);
}
