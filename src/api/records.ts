// Sign-offs and decisions that git backs. A record in SIGNOFFS.md, or a decision in REVIEW.md,
// counts only when git shows it added by one commit whose author is the person it names, its
// lines unchanged since, and (trust.signedCommits) that commit signed by an allowed signer.
// Anything else is a finding (signoff/forged, review/forged) and does not count.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Config } from '../core/config.js';
import type { Finding } from '../core/finding.js';
import { emailOf, type LineOrigin, recordOrigin } from '../core/record-trust.js';
import type { ReviewEntry } from '../core/review-doc.js';
import type { Signoff } from '../core/signoffs.js';
import { readReview, reviewPath } from '../orchestrator/review-file.js';
import { blameFile, UNCOMMITTED, verifySigned } from '../workspace/record-git.js';

export interface TrustSettings {
  signedCommits: boolean;
  /** absolute path of the allowed-signers file */
  allowedSigners: string;
}

export function trustSettings(root: string, config: Pick<Config, 'trust'>, signers?: string): TrustSettings {
  const file = signers ?? config.trust.allowedSigners;
  return {
    signedCommits: config.trust.signedCommits,
    allowedSigners: isAbsolute(file) ? file : join(root, file),
  };
}

interface Claim {
  what: string;
  lines: number[];
  by: string;
}

/** Why git does not back the claim, with the line; undefined when it does. */
function problemOf(
  root: string,
  blame: Map<number, LineOrigin>,
  c: Claim,
  t: TrustSettings,
): { line: number; message: string } | undefined {
  const o = recordOrigin(c.lines, blame, c.by);
  if ('problem' in o) return { line: o.line, message: `${c.what}: ${o.problem}` };
  if (!t.signedCommits) return undefined;
  const unsigned = existsSync(t.allowedSigners)
    ? verifySigned(root, o.commit, t.allowedSigners, emailOf(c.by))
    : `no allowed-signers file at ${t.allowedSigners}`;
  return unsigned ? { line: c.lines[0]!, message: `${c.what}: ${unsigned}` } : undefined;
}

function judge<T>(root: string, file: string, rule: string, items: [T, Claim][], t: TrustSettings) {
  const trusted: T[] = [];
  const forged: Finding[] = [];
  if (!items.length) return { trusted, forged };
  const blame = blameFile(root, file);
  for (const [item, claim] of items) {
    const p = problemOf(root, blame, claim, t);
    if (p) forged.push({ rule, severity: 'error', file, line: p.line, message: p.message });
    else trusted.push(item);
  }
  return { trusted, forged };
}

/** The sign-offs git backs, and a signoff/forged finding for each other one. */
export function trustedSignoffs(root: string, file: string, list: Signoff[], t: TrustSettings) {
  const items: [Signoff, Claim][] = list.map((s) => [
    s,
    { what: `${s.checkpoint} record signed by ${s.by}`, lines: s.lines ?? [s.line], by: s.by },
  ]);
  return judge(root, file, 'signoff/forged', items, t);
}

const BY = /^- \*\*By:\*\*\s*(.+)$/;

/**
 * REVIEW.md with every decision git does not back taken out (a forged decision does not count),
 * and a review/forged finding for each. A run section's decision is written by `killdate run`:
 * only `pending`, or `approved` by the auto-when-all-pass policy with no failed check.
 */
export function trustedReview(
  root: string,
  file: string,
  entries: ReviewEntry[],
  policy: Config['approval']['policy'],
  t: TrustSettings,
) {
  const text = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8').split(/\r?\n/) : [];
  const forged: Finding[] = [];
  const decisions: [ReviewEntry, Claim][] = [];
  for (const e of entries) {
    if (e.kind === 'run') {
      const byPolicy = e.decision === 'approved' && policy === 'auto-when-all-pass' && !e.failed;
      if (e.decision && e.decision !== 'pending' && !byPolicy)
        forged.push({
          rule: 'review/forged',
          severity: 'error',
          file,
          line: e.decisionLine ?? e.line,
          message: `task ${e.task} run ${e.runId}: a run section says ${e.decision}, which killdate run never writes${e.decision === 'approved' ? ` under approval.policy ${policy}` : ''}`,
        });
      continue;
    }
    if (!e.decision) continue;
    const end = e.decisionLine ?? e.line;
    const lines = text.slice(e.line - 1, end).flatMap((l, i) => (l.trim() ? [e.line + i] : []));
    const by =
      text
        .slice(e.line - 1, end)
        .map((l) => BY.exec(l)?.[1]?.trim())
        .find(Boolean) ?? '';
    decisions.push([e, { what: `task ${e.task} decision ${e.decision}${by ? ` by ${by}` : ''}`, lines, by }]);
  }
  const judged = judge(root, file, 'review/forged', decisions, t);
  const bad = new Set<ReviewEntry>([...decisions.map(([e]) => e)].filter((e) => !judged.trusted.includes(e)));
  const badRuns = new Set(forged.map((f) => f.line));
  const kept = entries.map((e): ReviewEntry => {
    if (bad.has(e)) return { ...e, decision: undefined };
    if (e.kind === 'run' && badRuns.has(e.decisionLine ?? e.line)) return { ...e, decision: 'pending' };
    return e;
  });
  return { entries: kept, forged: [...forged, ...judged.forged] };
}

/** The first line of a decision section that no commit holds: it is never swept into a new decision's commit. */
export function uncommittedDecisionLine(
  root: string,
  file: string,
  entries: ReviewEntry[],
): number | undefined {
  const decisions = entries.filter((e) => e.kind === 'decision');
  if (!decisions.length) return undefined;
  const blame = blameFile(root, file);
  for (const e of decisions)
    for (let n = e.line; n <= (e.decisionLine ?? e.line); n++)
      if ((blame.get(n)?.commit ?? UNCOMMITTED) === UNCOMMITTED) return n;
  return undefined;
}

/** A feature's REVIEW.md as the loop may trust it: forged decisions taken out, and the findings. */
export function readTrustedReview(
  tree: string,
  featureDir: string,
  config: Pick<Config, 'trust' | 'approval'>,
  signers?: string,
) {
  const raw = readReview(tree, featureDir);
  return trustedReview(
    tree,
    reviewPath(featureDir),
    raw,
    config.approval.policy,
    trustSettings(tree, config, signers),
  );
}
