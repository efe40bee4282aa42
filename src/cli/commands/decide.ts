// The four human decisions on a reviewed task, each recorded in the feature's REVIEW.md.
import type { Command } from 'commander';
import { type DecisionAction, decide } from '../../api/decide.js';
import { globalCwd, printJson } from '../output.js';
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
  cmd
    .option('--json', 'print one JSON document')
    .action(async (feature: string, task: string, opts: { reason?: string; json?: boolean }, c: Command) => {
      const r = await decide(d.action, {
        cwd: globalCwd(c),
        feature,
        task,
        ...(opts.reason ? { reason: opts.reason } : {}),
      });
      if (opts.json) printJson(r);
      else process.stdout.write(renderDecision(r));
    });
}
