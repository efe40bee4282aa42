// The four human decisions on a reviewed task, each recorded in the feature's REVIEW.md.
import type { Command } from 'commander';
import { type DecideOptions, type DecisionAction, decide, undoLastRevert } from '../../api/decide.js';
import { globalCwd, printJson } from '../output.js';
import { prompts } from '../prompts.js';
import { renderDecision } from '../render-run.js';

const DECISIONS: Record<string, { action: DecisionAction; summary: string; reasonRequired: boolean }> = {
  approve: {
    action: 'approved',
    summary: 'Approve a task whose checks all passed (recorded in REVIEW.md)',
    reasonRequired: false,
  },
  reject: {
    action: 'rejected',
    summary: 'Reject a task with a reason (recorded in REVIEW.md)',
    reasonRequired: true,
  },
  revert: {
    action: 'reverted',
    summary: "Undo exactly the task's changes and record it in REVIEW.md",
    reasonRequired: false,
  },
  accept: {
    action: 'accepted',
    summary: "Accept a task's failed checks with a reason on record",
    reasonRequired: true,
  },
};

/** Registers the decision named `name` (approve, reject, revert or accept). */
export function registerDecision(program: Command, name: string): void {
  const d = DECISIONS[name]!;
  const cmd = program
    .command(name)
    .description(d.summary)
    .argument('<feature>', 'feature slug')
    .argument('<task>', 'task number, slug or runbook file name');
  if (d.reasonRequired) cmd.requiredOption('--reason <text>', 'why, on record in REVIEW.md');
  else cmd.option('--reason <text>', 'a note on record in REVIEW.md');
  if (d.action === 'reverted')
    cmd
      .option('--path <paths...>', 'revert these paths outside FILES too (needed when not on a terminal)')
      .option(
        '--undo',
        'put back the bytes the last revert of this task overwrote or removed; the task awaits a decision again',
      );
  if (d.action === 'approved' || d.action === 'accepted')
    cmd.option('--commit', "also commit exactly the task's changed files, in a commit naming the task");
  cmd
    .option('--json', 'print one JSON document')
    .action(
      async (
        feature: string,
        task: string,
        opts: { reason?: string; json?: boolean; path?: string[]; undo?: boolean; commit?: boolean },
        c: Command,
      ) => {
        if (opts.undo) {
          const u = undoLastRevert({ cwd: globalCwd(c), feature, task });
          if (opts.json) return printJson(u);
          process.stdout.write(
            `undone: the revert of ${u.feature} ${u.task} (run ${u.runId}): ${u.restored.length} path(s) back, ${u.removed.length} removed; the task awaits your decision again\n`,
          );
          return;
        }
        const r = await decide(d.action, {
          cwd: globalCwd(c),
          feature,
          task,
          ...(opts.reason ? { reason: opts.reason } : {}),
          ...(opts.path ? { paths: opts.path } : {}),
          ...(opts.commit ? { commit: true } : {}),
          ...(d.action === 'reverted' ? terminalConfirm() : {}),
        });
        if (opts.json) printJson(r);
        else process.stdout.write(renderDecision(r));
      },
    );
}

/** On a terminal, revert asks before it reverts a path outside FILES; elsewhere it must be named. */
export function terminalConfirm(): Pick<DecideOptions, 'confirm'> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return {};
  return {
    confirm: async (outside) => {
      const clack = await prompts();
      const ok = await clack.confirm({
        message: `Revert ${outside.length} path(s) outside FILES too? ${outside.slice(0, 6).join(', ')}${outside.length > 6 ? ', ...' : ''}`,
      });
      return ok === true;
    },
  };
}
