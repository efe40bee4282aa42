// featureComplete(): the definition of done, then the folder moves to _completed/ (git mv
// when tracked). Its kill dates stay tracked: the scanner reads _completed/ too.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { refuseInsideAgent } from '../core/human-acts.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';
import { git, LITERAL } from '../workspace/git.js';
import { openWorkspace } from '../workspace/load.js';
import { assertWritable } from '../workspace/paths.js';
import {
  forgedDecisions,
  notShipped,
  openCheckpoints,
  shippedBy,
  taskApprovals,
  unrecordedKillDates,
} from './done.js';
import { findFeature } from './features.js';
import { activeTask } from './scope.js';

export interface CompleteResult {
  version: 1;
  feature: string;
  from: string;
  to: string;
  moved: 'git mv' | 'rename';
  /** what the definition of done checked */
  checked: string[];
}

export function featureComplete(opts: {
  cwd?: string;
  feature: string;
  today?: string;
  /** the caller's environment, checked for agent markers (default: this process's) */
  env?: NodeJS.ProcessEnv;
  /** a human attests the feature is live in production and verified (deployed without killdate ship) */
  shipped?: boolean;
  now?: Date;
}): CompleteResult {
  refuseInsideAgent('feature complete', opts.env ?? process.env);
  const { root, ws } = openWorkspace(opts);
  const feature = findFeature(ws, opts.feature);
  const { problems, checked } = definitionOfDone(root, ws, feature, opts);
  const to = `${ws.paths.features}/_completed/${feature.slug}`;
  if (existsSync(join(root, to))) problems.push(`${to} already exists`);
  if (problems.length)
    throw new KilldateError('REFUSED', `${feature.slug} is not done:\n  - ${problems.join('\n  - ')}`);
  mkdirSync(join(root, ws.paths.features, '_completed'), { recursive: true });
  const tracked = git(root, [...LITERAL, 'ls-files', '--', feature.dir]).stdout.trim() !== '';
  if (tracked) {
    const r = git(root, ['mv', feature.dir, to]);
    if (!r.ok) throw new KilldateError('GIT', `git mv ${feature.dir} ${to} failed: ${r.stderr.trim()}`);
  } else {
    assertWritable(join(root, to));
    renameSync(join(root, feature.dir), join(root, to));
  }
  return {
    version: 1,
    feature: feature.slug,
    from: feature.dir,
    to,
    moved: tracked ? 'git mv' : 'rename',
    checked,
  };
}

/** The kit's definition of done: built and reviewed, shipped and verified, kill dates recorded. */
function definitionOfDone(
  root: string,
  ws: Workspace,
  feature: FeatureRef,
  opts: { shipped?: boolean; now?: Date },
): { problems: string[]; checked: string[] } {
  const problems = openCheckpoints(root, ws, feature);
  const checked = ['CP-0 to CP-3 signed and unchanged since'];
  if (activeTask(root)?.feature === feature.slug)
    problems.push('a task of this feature is still active (killdate task stop)');
  problems.push(...forgedDecisions(root, ws, feature));
  const tasks = taskApprovals(root, ws, feature);
  if (!tasks.length) problems.push(`${feature.dir} has no runbook: no task was built`);
  for (const t of tasks)
    if (!t.approved) problems.push(`task ${t.task} has no approval in ${feature.dir}/REVIEW.md`);
  checked.push('every runbook task approved in REVIEW.md');
  const now = opts.now ?? new Date();
  const shipped = shippedBy(root, feature.slug, now);
  if (shipped) checked.push(`shipped: ${shipped}`);
  else if (opts.shipped) checked.push('shipped: attested live in production and verified');
  else problems.push(`not shipped: ${notShipped(root, feature.slug, now)}`);
  problems.push(...unrecordedKillDates(ws, feature));
  checked.push(`gate 7 kill dates recorded in ${ws.config.paths.log}`);
  return { problems, checked };
}
