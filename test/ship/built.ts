// A feature that was built: settings-page signed CP-0..CP-3 (test/orchestrator/fixture.ts) with
// task 1 approved in REVIEW.md, committed; for the canary and `feature complete`.
import { renderDecisionSection, reviewHeader } from '../../src/core/review-doc.js';
import type { Repo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';
import { readyRepo } from '../orchestrator/fixture.js';

export const FEATURE = 'settings-page';

/** Decision sections approving each task, as `killdate approve` writes them; committed by the signer, git backs them. */
export function approvals(tasks: string[]): string {
  return [
    reviewHeader(FEATURE),
    ...tasks.map((task, i) =>
      renderDecisionSection({
        task,
        runId: `run-${i + 1}`,
        decision: 'approved',
        by: 'Ada Reviewer <ada@example.com>',
        at: `${TODAY}T09:0${i}:00Z`,
      }),
    ),
  ].join('\n');
}

/** `config` is appended to the loop's config (e.g. commands and canary); `files` are written too. */
export function builtRepo(config = '', files: Record<string, string> = {}, tasks = ['01-prefs']): Repo {
  const repo = readyRepo({ agents: { extra: config } });
  repo.write({ [`feature-builds/${FEATURE}/REVIEW.md`]: approvals(tasks), ...files });
  repo.commit('task approved');
  return repo;
}
