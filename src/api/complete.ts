// featureComplete(): the definition of done, then the folder moves to _completed/ (git mv
// when tracked). Its kill dates stay tracked: the scanner reads _completed/ too.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCheckpoints } from '../core/checkpoints.js';
import { KilldateError } from '../core/errors.js';
import { refuseInsideAgent } from '../core/human-acts.js';
import { isApproval, latestDecision, parseReview } from '../core/review-doc.js';
import { git } from '../workspace/git.js';
import { openWorkspace } from '../workspace/load.js';
import { gatherEvidence } from './evidence.js';
import { findFeature, taskSlug } from './features.js';
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
}): CompleteResult {
  refuseInsideAgent('feature complete', opts.env ?? process.env);
  const { root, ws } = openWorkspace(opts);
  const feature = findFeature(ws, opts.feature);
  const problems: string[] = [];
  const checked: string[] = [];
  const ev = gatherEvidence(root, ws, feature);
  for (const v of evaluateCheckpoints(ev.signoffs, ev.cover, ev.isMock))
    if (v.status !== 'signed')
      problems.push(`${v.checkpoint} is ${v.status}${v.reason ? ` (${v.reason})` : ''}`);
  checked.push('CP-0 to CP-3 signed and unchanged since');
  if (activeTask(root)?.feature === feature.slug)
    problems.push('a task of this feature is still active (killdate task stop)');
  const review = join(root, feature.dir, 'REVIEW.md');
  if (existsSync(review)) {
    const approved = approvedTasks(readFileSync(review, 'utf8'));
    for (const rb of feature.runbooks)
      if (!approved(taskSlug(rb))) problems.push(`task ${taskSlug(rb)} has no approval in REVIEW.md`);
    checked.push('every runbook task approved in REVIEW.md');
  } else checked.push('no REVIEW.md: task approvals not checked');
  const to = `${ws.paths.features}/_completed/${feature.slug}`;
  if (existsSync(join(root, to))) problems.push(`${to} already exists`);
  if (problems.length)
    throw new KilldateError('REFUSED', `${feature.slug} is not done:\n  - ${problems.join('\n  - ')}`);
  mkdirSync(join(root, ws.paths.features, '_completed'), { recursive: true });
  const tracked = git(root, ['ls-files', '--', feature.dir]).stdout.trim() !== '';
  if (tracked) {
    const r = git(root, ['mv', feature.dir, to]);
    if (!r.ok) throw new KilldateError('GIT', `git mv ${feature.dir} ${to} failed: ${r.stderr.trim()}`);
  } else renameSync(join(root, feature.dir), join(root, to));
  return {
    version: 1,
    feature: feature.slug,
    from: feature.dir,
    to,
    moved: tracked ? 'git mv' : 'rename',
    checked,
  };
}

/** A task is approved when its latest decision in REVIEW.md is approved or accepted (core/review-doc.ts). */
function approvedTasks(text: string): (slug: string) => boolean {
  const entries = parseReview(text);
  return (slug) => isApproval(latestDecision(entries, slug)?.decision);
}
