// The prompt that asks the planner for a drift diagnosis after a failed check: the runbook in
// full, what the task changed, and exactly which checks failed. The planner runs read-only;
// the human decides.
import type { ReviewCheck } from './review-doc.js';
import type { Change } from './scope.js';

export interface DiagnosisInput {
  feature: string;
  task: string;
  runbook: { path: string; text: string };
  changes: Change[];
  checks: ReviewCheck[];
  executorReason?: string;
}

const MAX_RUNBOOK = 24_000;

export function diagnosisPrompt(d: DiagnosisInput): string {
  const failed = d.checks.filter((c) => c.ok === false);
  const changes = d.changes.length
    ? d.changes
        .slice(0, 200)
        .map((c) => `- ${c.path} (${c.status}${c.from ? ` from ${c.from}` : ''})`)
        .join('\n')
    : '- no file changed';
  return [
    `You are the planner reviewing task ${d.task} of feature ${d.feature}. Do not edit any file: read only.`,
    'The executor ran the runbook below and the review found drift. Diagnose it:',
    '1. what went wrong and why (the runbook, the brief, or the executor),',
    '2. which of three choices fits: revert the task, amend the runbook and rerun, or accept with a reason,',
    '3. if amending, the exact change to the runbook.',
    'Answer in at most 12 short lines of plain text.',
    '',
    '## Failed checks',
    ...failed.map((c) => `- ${c.name}: ${c.detail ?? 'failed'}`),
    ...(d.executorReason ? [`- executor: ${d.executorReason}`] : []),
    '',
    '## Changes since the base commit',
    changes,
    d.changes.length > 200 ? `- ... and ${d.changes.length - 200} more` : '',
    '',
    `## Runbook (${d.runbook.path})`,
    '',
    d.runbook.text.length > MAX_RUNBOOK ? `${d.runbook.text.slice(0, MAX_RUNBOOK)}\n[cut]` : d.runbook.text,
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
}
