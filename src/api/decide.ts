// The human's decision on a task's last run, recorded in REVIEW.md: approve (every check
// passed), reject with a reason, revert (undo exactly the task's changes), or accept failed
// checks with a reason on record. Only an approval or an acceptance lets the next task start.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { knownSecrets } from '../agents/redact.js';
import { KilldateError } from '../core/errors.js';
import { type HumanAct, refuseInsideAgent } from '../core/human-acts.js';
import { filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { refuseConflicts } from '../core/registers/edit.js';
import {
  type Decision,
  type DecisionSection,
  type LatestDecision,
  latestDecision,
  renderDecisionSection,
} from '../core/review-doc.js';
import { scopeGuard } from '../core/scope.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';
import {
  changedPaths,
  outsideFiles,
  type RevertResult,
  revertTask,
  undoRevert,
} from '../orchestrator/revert.js';
import { readReview, reviewPath, withSection } from '../orchestrator/review-file.js';
import {
  latestRun,
  lockFeature,
  runDir,
  type TaskRunMeta,
  verifiedMeta,
  writeMeta,
} from '../orchestrator/run-state.js';
import { changedSinceReview } from '../orchestrator/since-review.js';
import { methodDocumentPaths } from '../workspace/documents.js';
import { introducedSecrets, whereSecret } from '../workspace/introduced-secrets.js';
import { openWorkspace } from '../workspace/load.js';
import { commitRecord, commitTask } from '../workspace/record-git.js';
import { findRoot } from '../workspace/root.js';
import { readForRewrite } from '../workspace/utf8.js';
import { findFeature, findRunbook, taskSlug } from './features.js';
import { trustedReview, trustSettings, uncommittedDecisionLine } from './records.js';
import { refuseSecrets } from './register-text.js';
import { stateRootOf } from './run.js';
import { gitUser } from './signoff.js';

export type DecisionAction = Exclude<Decision, 'pending'>;

export interface DecideOptions {
  cwd?: string;
  feature: string;
  task: string;
  reason?: string;
  /** the time recorded; defaults to now */
  now?: Date;
  /** the caller's environment, checked for agent markers (default: this process's) */
  env?: NodeJS.ProcessEnv;
  /** revert: paths outside FILES the human names (outside a terminal, each must be named) */
  paths?: string[];
  /** revert on a terminal: asks the human about the paths outside FILES not named */
  confirm?: (outside: string[]) => Promise<boolean>;
  /** approve or accept: also commit exactly the task's changed files, in a commit naming the task */
  commit?: boolean;
}

export interface DecideResult {
  version: 1;
  feature: string;
  task: string;
  runId: string;
  decision: DecisionAction;
  reason?: string;
  by: string;
  review: string;
  reverted?: RevertResult;
  /** with commit: the commit of the task's files (none when nothing of them is left to commit) */
  committed?: { commit?: string; paths: string[] };
  /** the task that may run now, if any */
  next?: string;
}

const ALLOWED: Record<DecisionAction, Decision[]> = {
  approved: ['pending'],
  accepted: ['pending'],
  rejected: ['pending'],
  reverted: ['pending', 'rejected'],
};

const ACTS: Record<DecisionAction, HumanAct> = {
  approved: 'approve',
  accepted: 'accept',
  rejected: 'reject',
  reverted: 'revert',
};

export async function decide(action: DecisionAction, o: DecideOptions): Promise<DecideResult> {
  refuseInsideAgent(ACTS[action], o.env ?? process.env);
  refuseSecrets([o.reason]); // the reason is committed in REVIEW.md
  if ((action === 'rejected' || action === 'accepted') && !o.reason?.trim())
    throw new KilldateError('USAGE', `a reason is required to record ${action}`, '--reason "..."');
  const stateRoot = stateRootOf(findRoot(o.cwd));
  const probe = openWorkspace({ cwd: o.cwd });
  const slug = taskSlug(findRunbook(findFeature(probe.ws, o.feature), o.task));
  const newest = latestRun(stateRoot, o.feature, slug);
  const last = newest ? verifiedMeta(stateRoot, newest.runId) : undefined;
  const tree = last && existsSync(last.tree) ? last.tree : probe.root;
  const { ws } = openWorkspace({ cwd: tree });
  const feature = findFeature(ws, o.feature);
  const release = lockFeature(stateRoot, feature.slug, `decision-${action}`);
  try {
    const { file, entries } = trustedDecisions(tree, ws, feature, ACTS[action]);
    const latest = latestDecision(entries, slug);
    refuse(action, feature, slug, latest, entries);
    const by = gitUser(tree);
    const meta = latest?.runId ? verifiedMeta(stateRoot, latest.runId) : undefined;
    if (o.commit && action !== 'approved' && action !== 'accepted')
      throw new KilldateError('USAGE', `--commit goes with approve or accept, not ${ACTS[action]}`);
    if (o.commit && !meta?.changes)
      throw new KilldateError(
        'REFUSED',
        `${ACTS[action]} --commit refused: run ${latest?.runId ?? '?'} has no record of its changes under .killdate/runs, so the task's files are not known`,
        `${ACTS[action]} without --commit and commit the files yourself`,
      );
    if (action === 'approved' || action === 'accepted')
      await refuseChangedSinceReview(action, meta, file, new Set(methodDocumentPaths(tree, ws.config)));
    if (o.commit && meta?.changes) {
      await refuseSecretsInTask(action, tree, meta.base, changedPaths(meta.changes));
      refuseOutsideFiles(action, ws, findRunbook(feature, slug), changedPaths(meta.changes));
    }
    const reverted = action === 'reverted' ? await revertRun(meta, latest!.runId!, o, stateRoot) : undefined;
    const reason = o.reason?.trim();
    const text = reviewText(tree, file);
    recordDecision({
      tree,
      stateRoot,
      ws,
      feature,
      file,
      text,
      meta,
      act: ACTS[action],
      decision: { task: slug, runId: latest!.runId ?? 'unknown', decision: action, by, at: stamp(o.now) },
      ...(reason ? { reason } : {}),
    });
    const committed =
      o.commit && meta?.changes
        ? commitTask(tree, changedPaths(meta.changes), {
            author: by,
            message: `${feature.slug}: task ${slug} ${action} (killdate run ${latest!.runId})`,
            sign: ws.config.trust.signedCommits,
          })
        : undefined;
    const next = action === 'approved' || action === 'accepted' ? following(feature, slug) : undefined;
    return {
      version: 1,
      feature: feature.slug,
      task: slug,
      runId: latest!.runId ?? 'unknown',
      decision: action,
      ...(reason ? { reason } : {}),
      by,
      review: `${feature.dir}/REVIEW.md`,
      ...(reverted ? { reverted } : {}),
      ...(committed ? { committed } : {}),
      ...(next ? { next } : {}),
    };
  } finally {
    release();
  }
}

const stamp = (now?: Date) => (now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** REVIEW.md's entries git backs; refused while a decision line is in no commit (it would be swept into this one). */
function trustedDecisions(tree: string, ws: Workspace, feature: FeatureRef, act: HumanAct) {
  const file = reviewPath(feature.dir);
  const raw = readReview(tree, feature.dir);
  const { entries } = trustedReview(
    tree,
    file,
    raw,
    ws.config.approval.policy,
    trustSettings(tree, ws.config),
  );
  const loose = uncommittedDecisionLine(tree, file, raw);
  if (loose)
    throw new KilldateError(
      'REFUSED',
      `${act} refused: ${file}:${loose} is part of a decision no commit holds`,
    );
  return { file, entries };
}

/** REVIEW.md's text, refused while it holds merge conflict markers. */
function reviewText(tree: string, file: string): string | undefined {
  const text = readForRewrite(join(tree, file), file);
  refuseConflicts(file, text);
  return text;
}

/** The decision's section appended to REVIEW.md (`text`) in a commit, and the run record's decision with it. */
function recordDecision(r: {
  tree: string;
  stateRoot: string;
  ws: Workspace;
  feature: FeatureRef;
  file: string;
  text: string | undefined;
  meta: TaskRunMeta | undefined;
  act: string;
  decision: Omit<DecisionSection, 'reason'>;
  reason?: string;
}): void {
  const { decision: d, reason } = r;
  commitRecord(r.tree, {
    file: r.file,
    text: withSection(r.text, r.feature.slug, renderDecisionSection({ ...d, ...(reason ? { reason } : {}) })),
    author: d.by,
    message: `killdate ${r.act}: ${r.feature.slug} task ${d.task}`,
    sign: r.ws.config.trust.signedCommits,
  });
  if (!r.meta) return;
  const { reason: _, ...meta } = r.meta;
  writeMeta(r.stateRoot, { ...meta, decision: d.decision, ...(reason ? { reason } : {}) });
}

/**
 * `--commit` commits no secret: a task file (or a file name) holding a secret the base did not
 * (a key in its own format, the value of a secret variable of this environment, a labelled
 * value that looks random) refuses the decision, naming the file, the line and the kind.
 */
async function refuseSecretsInTask(
  action: DecisionAction,
  tree: string,
  base: string,
  paths: string[],
): Promise<void> {
  const known = knownSecrets(process.env, { inFiles: true });
  const found = (await introducedSecrets(tree, base, paths, { known })).secrets;
  if (found.length)
    throw new KilldateError(
      'REFUSED',
      `${ACTS[action]} --commit refused: a secret in ${found.map(whereSecret).join(', ')}; nothing recorded or committed`,
    );
}

/**
 * `--commit` commits only what the runbook's FILES allows, as its text reads now: a run record
 * an agent rewrote (the file and its git copy) cannot name another file to commit.
 */
function refuseOutsideFiles(action: DecisionAction, ws: Workspace, runbook: string, paths: string[]): void {
  const rb = ws.parsed(runbook, parseRunbook);
  const guard = scopeGuard({ files: rb ? filesAllowlist(rb) : [], testPairing: ws.config.scope.testPairing });
  const outside = paths.filter((p) => !guard.allows(p));
  if (outside.length)
    throw new KilldateError(
      'REFUSED',
      `${ACTS[action]} --commit refused: ${outside.join(', ')} outside ${runbook}'s FILES; nothing recorded or committed`,
    );
}

/** approve and accept act on the tree the review saw: the same paths with the same content. */
async function refuseChangedSinceReview(
  action: DecisionAction,
  meta: TaskRunMeta | undefined,
  review: string,
  documents: ReadonlySet<string>,
): Promise<void> {
  if (!meta?.reviewed)
    throw new KilldateError(
      'REFUSED',
      `${ACTS[action]} refused: the run has no record of what its review saw, so the tree cannot be checked against it`,
    );
  const changed = await changedSinceReview(meta, review, documents);
  if (changed.length)
    throw new KilldateError(
      'REFUSED',
      `${ACTS[action]} refused: changed since the review of run ${meta.runId}: ${changed.slice(0, 10).join(', ')}${changed.length > 10 ? `, and ${changed.length - 10} more` : ''}`,
      'look at what changed; revert the run, or rerun the task so the review covers it',
    );
}

function refuse(
  action: DecisionAction,
  feature: FeatureRef,
  slug: string,
  latest: LatestDecision | undefined,
  entries: ReturnType<typeof readReview>,
): void {
  if (!latest)
    throw new KilldateError(
      'REFUSED',
      `task ${slug} of ${feature.slug} has no run in REVIEW.md`,
      `killdate run ${feature.slug}`,
    );
  if (!ALLOWED[action].includes(latest.decision))
    throw new KilldateError(
      'REFUSED',
      `task ${slug} of ${feature.slug} is ${latest.decision}: it cannot be ${action} now`,
      latest.decision === 'pending' ? undefined : `killdate run ${feature.slug} --task ${slug}`,
    );
  if (action === 'approved' && (latest.failed ?? 0) > 0)
    throw new KilldateError(
      'REFUSED',
      `${latest.failed} check(s) of task ${slug} failed: approve needs every check to pass`,
      `revert it, amend the runbook and rerun, or accept it: killdate accept ${feature.slug} ${slug} --reason "..."`,
    );
  if (action === 'reverted') {
    const mine = entries.map((e) => e.task === slug && e.kind === 'run').lastIndexOf(true);
    const later = entries.slice(mine + 1).find((e) => e.kind === 'run' && e.task !== slug);
    if (later)
      throw new KilldateError(
        'REFUSED',
        `task ${later.task} ran after task ${slug}: revert it first`,
        `killdate revert ${feature.slug} ${later.task}`,
      );
  }
}

async function revertRun(
  meta: TaskRunMeta | undefined,
  runId: string,
  o: DecideOptions,
  stateRoot: string,
): Promise<RevertResult> {
  if (!meta?.changes)
    throw new KilldateError(
      'REFUSED',
      `run ${runId} has no record of its changes under .killdate/runs: cannot revert exactly`,
    );
  const confirmed = [...(o.paths ?? []).map((p) => p.replace(/^\.\//, ''))];
  const unnamed = outsideFiles(changedPaths(meta.changes), meta.files).filter((p) => !confirmed.includes(p));
  if (unnamed.length && o.confirm && (await o.confirm(unnamed))) confirmed.push(...unnamed);
  return revertTask({
    tree: meta.tree,
    runId,
    base: meta.base,
    startState: meta.startState,
    changes: meta.changes,
    reviewed: meta.reviewed,
    files: meta.files,
    confirmed,
    // the file system's clock, as the folders' birth times are: the run's record folder was born as it started
    startedMs: statSync(runDir(stateRoot, runId), { throwIfNoEntry: false })?.birthtimeMs,
  });
}

/**
 * `killdate revert --undo`: the files of the task's last revert back to the bytes the revert
 * stored, and the task pending a decision again (a section in REVIEW.md says the revert was
 * undone). A human act, refused unless the revert is the task's decision on record.
 */
export function undoLastRevert(o: DecideOptions): {
  version: 1;
  feature: string;
  task: string;
  runId: string;
  decision: 'pending';
  restored: string[];
  removed: string[];
} {
  refuseInsideAgent('revert', o.env ?? process.env);
  const stateRoot = stateRootOf(findRoot(o.cwd));
  const probe = openWorkspace({ cwd: o.cwd });
  const probed = findFeature(probe.ws, o.feature);
  const slug = taskSlug(findRunbook(probed, o.task));
  const newest = latestRun(stateRoot, probed.slug, slug);
  const meta = newest ? verifiedMeta(stateRoot, newest.runId) : undefined;
  if (!meta) throw new KilldateError('REFUSED', `task ${slug} of ${probed.slug} has no run`);
  const tree = existsSync(meta.tree) ? meta.tree : probe.root;
  const { ws } = openWorkspace({ cwd: tree });
  const feature = findFeature(ws, o.feature);
  const release = lockFeature(stateRoot, feature.slug, 'revert-undo');
  try {
    const { file, entries } = trustedDecisions(tree, ws, feature, 'revert');
    const latest = latestDecision(entries, slug);
    if (latest?.decision !== 'reverted' || latest.runId !== meta.runId)
      throw new KilldateError(
        'REFUSED',
        `task ${slug} of ${feature.slug} is ${latest?.decision ?? 'undecided'}${latest?.runId ? ` (run ${latest.runId})` : ''}: only the revert of its last run can be undone`,
      );
    const text = reviewText(tree, file);
    const r = undoRevert(meta.tree, meta.runId, meta.base, meta.startState);
    const decision = {
      task: slug,
      runId: meta.runId,
      decision: 'pending' as const,
      by: gitUser(tree),
      at: stamp(o.now),
    };
    recordDecision({
      tree,
      stateRoot,
      ws,
      feature,
      file,
      text,
      meta,
      act: 'revert --undo',
      decision,
      reason: 'revert undone',
    });
    return { version: 1, feature: feature.slug, task: slug, runId: meta.runId, decision: 'pending', ...r };
  } finally {
    release();
  }
}

function following(feature: FeatureRef, slug: string): string | undefined {
  const i = feature.runbooks.findIndex((p) => taskSlug(p) === slug);
  const next = i >= 0 ? feature.runbooks[i + 1] : undefined;
  return next ? taskSlug(next) : undefined;
}

export const approve = (o: DecideOptions) => decide('approved', o);
export const reject = (o: DecideOptions) => decide('rejected', o);
export const revert = (o: DecideOptions) => decide('reverted', o);
export const accept = (o: DecideOptions) => decide('accepted', o);
