// Which task runs next, and whether it may: tasks go in runbook order, each only after every
// earlier one was approved (or accepted with a reason) in REVIEW.md, and never while the
// task's last run still waits for a decision.

import { KilldateError } from '../core/errors.js';
import { isApproval, latestDecision, type ReviewEntry } from '../core/review-doc.js';
import type { FeatureRef } from '../core/workspace.js';
import { findRunbook, taskSlug } from './features.js';

const decide = (feature: string, task: string) =>
  `killdate approve ${feature} ${task}, or reject / revert / accept ${feature} ${task} --reason "..."`;

/** The runbook to run: the one asked for, else the first not yet approved. Refuses with the reason. */
export function selectTask(feature: FeatureRef, entries: ReviewEntry[], requested?: string): string {
  const runbooks = feature.runbooks;
  if (!runbooks.length)
    throw new KilldateError(
      'REFUSED',
      `${feature.slug} has no runbook: nothing to run`,
      'killdate runbook new',
    );
  const runbook = requested
    ? findRunbook(feature, requested)
    : runbooks.find((rb) => !isApproval(latestDecision(entries, taskSlug(rb))?.decision));
  if (!runbook)
    throw new KilldateError(
      'REFUSED',
      `every task of ${feature.slug} is approved: nothing left to run`,
      `killdate feature complete ${feature.slug}`,
    );
  for (const earlier of runbooks.slice(0, runbooks.indexOf(runbook))) {
    const t = taskSlug(earlier);
    const d = latestDecision(entries, t);
    if (!isApproval(d?.decision))
      throw new KilldateError(
        'REFUSED',
        `task ${t} of ${feature.slug} is ${d ? d.decision : 'not run yet'}: the previous task must be approved first`,
        d?.decision === 'pending' ? decide(feature.slug, t) : `killdate run ${feature.slug} --task ${t}`,
      );
  }
  const task = taskSlug(runbook);
  const mine = latestDecision(entries, task)?.decision;
  if (mine === 'pending')
    throw new KilldateError(
      'REFUSED',
      `task ${task} of ${feature.slug} waits for a decision on its last run`,
      decide(feature.slug, task),
    );
  if (requested && isApproval(mine))
    throw new KilldateError(
      'REFUSED',
      `task ${task} of ${feature.slug} is already ${mine}`,
      'a change after approval is a new runbook (killdate runbook new)',
    );
  return runbook;
}

/** The runbook after `runbook`, if any. */
export function nextRunbook(feature: FeatureRef, runbook: string): string | undefined {
  const i = feature.runbooks.indexOf(runbook);
  return i >= 0 ? feature.runbooks[i + 1] : undefined;
}
