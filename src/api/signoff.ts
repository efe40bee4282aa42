import { join } from 'node:path';
import type { Blocker } from '../core/checkpoint-conditions.js';
import { evaluateCheckpoints } from '../core/checkpoints.js';
import { KilldateError } from '../core/errors.js';
import { refuseInsideAgent } from '../core/human-acts.js';
import { refuseConflicts } from '../core/registers/edit.js';
import {
  appendSignoff,
  type Checkpoint,
  checkpointIndex,
  parseCheckpoint,
  parseSignoffs,
  type Signoff,
} from '../core/signoffs.js';
import { hasControl } from '../core/visible.js';
import { git } from '../workspace/git.js';
import { blameFile, commitRecord, UNCOMMITTED } from '../workspace/record-git.js';
import { readForRewrite } from '../workspace/utf8.js';
import { gatherEvidence, runCommands, signoffsPath } from './evidence.js';
import { findFeature } from './features.js';
import { openRuledWorkspace } from './findings.js';
import { rules } from './rules.js';
import { conditionsFor } from './status.js';

export interface SignoffOptions {
  cwd?: string;
  feature: string;
  checkpoint: string;
  today?: string;
  /** the time recorded; defaults to now */
  now?: Date;
}

export interface SignoffPlan {
  version: 1;
  feature: string;
  checkpoint: Checkpoint;
  by: string;
  /** what the sign-off would cover */
  documents: { id: string; sha256: string }[];
  /** CP-3: the exact commands `run` will execute, per runbook (their hash is a covered document) */
  commands?: { runbook: string; commands: string[] }[];
  /** empty when the checkpoint may be signed */
  blockers: Blocker[];
  /** the checkpoint already holds against these exact documents */
  alreadySigned: boolean;
  file: string;
}

/** What a sign-off would record, and what blocks it. Writes nothing. */
export function planSignoff(
  opts: SignoffOptions,
): SignoffPlan & { root: string; records: Signoff[]; sign: boolean } {
  const checkpoint = parseCheckpoint(opts.checkpoint);
  if (!checkpoint)
    throw new KilldateError('USAGE', `unknown checkpoint ${opts.checkpoint}: expected cp0, cp1, cp2 or cp3`);
  const open = openRuledWorkspace(opts, rules);
  const { root, ws } = open;
  const feature = findFeature(ws, opts.feature);
  const evidence = gatherEvidence(root, ws, feature);
  const views = evaluateCheckpoints(evidence.signoffs, evidence.cover, evidence.isMock);
  const blockers: Blocker[] = [];
  for (const v of views.slice(0, checkpointIndex(checkpoint)))
    if (v.status !== 'signed')
      blockers.push({
        rule: 'checkpoint/order',
        severity: 'error',
        file: signoffsPath(feature),
        message: `${v.checkpoint} is ${v.status}${v.reason ? ` (${v.reason})` : ''}: sign it before ${checkpoint}`,
      });
  blockers.push(...conditionsFor(checkpoint, ws, feature, open.featureFindings(feature), evidence));
  return {
    version: 1,
    root,
    records: evidence.signoffs,
    sign: ws.config.trust.signedCommits,
    feature: feature.slug,
    checkpoint,
    by: gitUser(root),
    documents: evidence.cover[checkpoint],
    ...(checkpoint === 'CP-3'
      ? { commands: feature.runbooks.map((rb) => ({ runbook: rb, commands: runCommands(ws, rb) })) }
      : {}),
    blockers,
    alreadySigned: views[checkpointIndex(checkpoint)]!.status === 'signed',
    file: signoffsPath(feature),
  };
}

/** Records the sign-off of a plan with no blockers; a human act, refused inside an agent or a run. */
export function recordSignoff(
  plan: ReturnType<typeof planSignoff>,
  now: Date = new Date(),
  env: NodeJS.ProcessEnv = process.env,
): Signoff & { commit: string } {
  refuseInsideAgent('signoff', env);
  if (plan.blockers.length)
    throw new KilldateError(
      'REFUSED',
      `${plan.checkpoint} of ${plan.feature} does not hold: ${plan.blockers.length} finding(s)`,
    );
  const record = {
    checkpoint: plan.checkpoint,
    by: plan.by,
    at: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    documents: plan.documents,
  };
  const abs = join(plan.root, plan.file);
  const text = readForRewrite(abs, plan.file);
  refuseConflicts(plan.file, text);
  refuseUncommittedRecords(plan.root, plan.file, text);
  const commit = commitRecord(plan.root, {
    file: plan.file,
    text: appendSignoff(text, plan.feature, record),
    author: plan.by,
    message: `killdate signoff: ${plan.feature} ${plan.checkpoint}`,
    sign: plan.sign,
  });
  return { ...record, line: 0, commit };
}

/** A record in the file that no commit holds is never swept into the sign-off's commit. */
function refuseUncommittedRecords(root: string, file: string, text: string | undefined): void {
  const records = text ? parseSignoffs(text) : [];
  if (!records.length) return;
  const blame = blameFile(root, file);
  for (const r of records)
    for (const n of r.lines ?? [r.line])
      if ((blame.get(n)?.commit ?? UNCOMMITTED) === UNCOMMITTED)
        throw new KilldateError(
          'REFUSED',
          `signoff refused: ${file}:${n} is part of a ${r.checkpoint} record that no commit holds`,
        );
}

/** The git user as `Name <email>`; a sign-off needs to say who. */
export function gitUser(root: string): string {
  // both keys in one call (`key\nvalue\0` each); the last value of a key wins, as with --get
  const r = git(root, ['config', '-z', '--get-regexp', '^user\\.(name|email)$']);
  const values = new Map<string, string>();
  for (const item of r.ok ? r.stdout.split('\0') : []) {
    const nl = item.indexOf('\n');
    if (nl > 0) values.set(item.slice(0, nl), item.slice(nl + 1).trim());
  }
  const name = values.get('user.name') ?? '';
  const email = values.get('user.email') ?? '';
  if (!email)
    throw new KilldateError(
      'USAGE',
      'git user.email is not set: a sign-off or decision is committed under the name and email of who made it',
      'git config user.name "Your Name" && git config user.email you@example.com',
    );
  const who = `${name || email} <${email}>`;
  // a record names its signer on one line: a line break in the name could add lines to it
  if (hasControl(who) || /[<>]/.test(name) || /[<>\s]/.test(email))
    throw new KilldateError(
      'USAGE',
      `git user.name or user.email holds a line break, a control character or < >: ${JSON.stringify(who)}; a sign-off or decision names who made it on one line`,
    );
  return who;
}
