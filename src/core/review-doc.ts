// The feature's REVIEW.md: one section per task run (the review's verdict) and one per human
// decision, appended in order, never rewritten. This module is the one definition of the
// format: the loop renders with it, `feature complete`, `run` and the rules parse with it.
import { parseMarkdown } from './markdown.js';
import { inRecord, shownInline } from './visible.js';

export const REVIEW_FILE = 'REVIEW.md';

export const DECISIONS = ['pending', 'approved', 'rejected', 'reverted', 'accepted'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ReviewCheck {
  name: string;
  /** null: not run (with the reason in detail), or still running */
  ok: boolean | null;
  detail?: string;
  /** a VALIDATE command still running: only in the run record while the review lasts */
  running?: true;
}

export interface RunSection {
  feature: string;
  task: string;
  runId: string;
  runbook: string;
  agent: string;
  agentVersion?: string;
  executorStatus: string;
  base: string;
  reviewedAt: string;
  files: { path: string; status: string }[];
  tokens: { input: number; output: number; cached: number };
  costUsd?: number;
  transcript: string;
  checks: ReviewCheck[];
  /** PROHIBITED items and VALIDATE steps no check can prove: a human reads the diff for them */
  forHuman: string[];
  diagnosis?: { agent: string; text: string };
  decision: Decision;
  /** why: the failed checks, or the policy that approved */
  note?: string;
}

export interface DecisionSection {
  task: string;
  runId: string;
  /** pending: a revert undone, the task awaits a decision again */
  decision: Decision;
  by: string;
  at: string;
  reason?: string;
}

/** One entry of REVIEW.md as parsed back. */
export interface ReviewEntry {
  kind: 'run' | 'decision';
  task: string;
  runId?: string;
  /** undefined when the section has no readable decision line */
  decision?: Decision;
  reason?: string;
  line: number;
  /** the decision line's number, when present */
  decisionLine?: number;
  rawDecision?: string;
  /** run sections: the checks marked FAIL in its table */
  failed?: number;
  /** run sections: the names of those checks */
  failedChecks?: string[];
  /** run sections: the executor agent, its tokens and cost as recorded */
  agent?: string;
  tokens?: { input: number; output: number; cached: number };
  costUsd?: number;
  /** `Reviewed at` of a run, `At` of a decision */
  at?: string;
}

const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim() || '-';
/** Inline code: a name's backticks and control characters (a line break in a file name) cannot break the record. */
const tick = (s: string): string => `\`${shownInline(s).replace(/`/g, "'")}\``;
const mark = (ok: boolean | null): string => (ok === null ? 'not run' : ok ? 'pass' : 'FAIL');
const quote = (s: string): string =>
  s
    .trim()
    .split('\n')
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

export function reviewHeader(feature: string): string {
  return `# Review: ${feature}\n\nThe handoff loop appends one section per task run and one per decision. Never edit earlier sections: add a decision with killdate approve, reject, revert or accept.\n`;
}

export function decisionLine(d: Decision, note?: string): string {
  return `**Decision:** ${d}${note ? ` — ${note.replace(/\s+/g, ' ').trim()}` : ''}`;
}

export function renderRunSection(r: RunSection): string {
  const files = r.files.length ? r.files.map((f) => `${tick(f.path)} (${f.status})`).join(', ') : 'none';
  const cost = r.costUsd === undefined ? 'not reported by the agent' : `$${r.costUsd.toFixed(4)}`;
  const out = [
    `## Task ${r.task} — run ${r.runId}`,
    '',
    `- **Runbook:** ${tick(r.runbook)}`,
    `- **Executor:** ${r.agent}${r.agentVersion ? ` ${r.agentVersion}` : ''} (${r.executorStatus})`,
    `- **Base commit:** ${tick(r.base)}`,
    `- **Reviewed at:** ${r.reviewedAt}`,
    `- **Files changed:** ${files}`,
    `- **Tokens:** ${r.tokens.input} in, ${r.tokens.output} out, ${r.tokens.cached} cached`,
    `- **Cost:** ${cost}`,
    `- **Transcript:** ${tick(r.transcript)}`,
    '',
    '| Check | Result | Detail |',
    '|---|---|---|',
    ...r.checks.map((c) => `| ${cell(c.name)} | ${mark(c.ok)} | ${cell(c.detail ?? '')} |`),
    '',
  ];
  if (r.forHuman.length)
    out.push(
      'For a human to check (no machine check can prove these; read the diff):',
      '',
      ...r.forHuman.map((t) => `- ${t}`),
      '',
    );
  if (r.diagnosis)
    out.push(
      `Drift diagnosis by the planner (${r.diagnosis.agent}, read-only):`,
      '',
      quote(r.diagnosis.text),
      '',
    );
  out.push(decisionLine(r.decision, r.note), '');
  return inRecord(out.join('\n'));
}

export function renderDecisionSection(d: DecisionSection): string {
  return inRecord(
    [
      `## Task ${d.task} — decision`,
      '',
      `- **Run:** ${shownInline(d.runId)}`,
      `- **By:** ${shownInline(d.by)}`,
      `- **At:** ${shownInline(d.at)}`,
      '',
      decisionLine(d.decision, d.reason),
      '',
    ].join('\n'),
  );
}

const HEADING = /^Task (\S+) — (?:run (\S+)|decision)$/;
const DECISION = /^\*\*Decision:\*\*\s*([A-Za-z-]+)\s*(?:—\s*(.*))?$/;
const FAIL_ROW = /^\|(?:[^|\\]|\\.)*\|\s*FAIL\s*\|/;
const RUN_FIELD = /^- \*\*Run:\*\*\s*(\S+)/;
const AT_FIELD = /^- \*\*(?:Reviewed at|At):\*\*\s*(\S+)/;
const AGENT_FIELD = /^- \*\*Executor:\*\*\s*(\S+)/;
const TOKENS_FIELD = /^- \*\*Tokens:\*\*\s*(\d+) in, (\d+) out, (\d+) cached/;
const COST_FIELD = /^- \*\*Cost:\*\*\s*\$(\d+(?:\.\d+)?)/;

/** The recorded facts of one line of a section: when, who ran it, tokens, cost, a failed check. */
function readFields(entry: ReviewEntry, line: string): void {
  const at = AT_FIELD.exec(line);
  if (at) entry.at = at[1]!;
  if (entry.kind !== 'run') return;
  const agent = AGENT_FIELD.exec(line);
  if (agent) entry.agent = agent[1]!;
  const t = TOKENS_FIELD.exec(line);
  if (t) entry.tokens = { input: Number(t[1]), output: Number(t[2]), cached: Number(t[3]) };
  const cost = COST_FIELD.exec(line);
  if (cost) entry.costUsd = Number(cost[1]);
  if (FAIL_ROW.test(line)) {
    entry.failed! += 1;
    const name = /^\|((?:[^|\\]|\\.)*)\|/.exec(line)![1]!.replace(/\\\|/g, '|').trim();
    entry.failedChecks = [...(entry.failedChecks ?? []), name];
  }
}

/** Every run and decision section of a REVIEW.md, in document order. Never throws. */
export function parseReview(text: string): ReviewEntry[] {
  const doc = parseMarkdown(REVIEW_FILE, text);
  const heads = doc.blocks.filter((b) => b.kind === 'heading' && b.level <= 2);
  const out: ReviewEntry[] = [];
  heads.forEach((h, i) => {
    if (h.kind !== 'heading' || h.level !== 2) return;
    const m = HEADING.exec(h.text.trim());
    if (!m) return;
    const end = (heads[i + 1]?.line ?? doc.lines.length + 1) - 1;
    const entry: ReviewEntry = { kind: m[2] ? 'run' : 'decision', task: m[1]!, line: h.line };
    if (m[2]) entry.runId = m[2];
    if (entry.kind === 'run') entry.failed = 0;
    for (let n = h.line; n < end; n++) {
      const line = doc.lines[n] ?? '';
      readFields(entry, line);
      const run = RUN_FIELD.exec(line);
      if (run && !entry.runId) entry.runId = run[1];
      const d = DECISION.exec(line.trim());
      if (!d) continue;
      entry.decisionLine = n + 1;
      entry.rawDecision = d[1]!;
      const word = d[1]!.toLowerCase();
      if ((DECISIONS as readonly string[]).includes(word)) entry.decision = word as Decision;
      if (d[2]) entry.reason = d[2].trim();
    }
    out.push(entry);
  });
  return out;
}

export interface LatestDecision {
  decision: Decision;
  runId?: string;
  reason?: string;
  /** FAIL rows of the task's latest run section */
  failed?: number;
}

/** The latest decision on a task (by slug), with the run it is about; undefined when never run. */
export function latestDecision(entries: ReviewEntry[], task: string): LatestDecision | undefined {
  let found: LatestDecision | undefined;
  let failed: number | undefined;
  for (const e of entries) {
    if (e.task !== task) continue;
    if (e.kind === 'run') failed = e.failed;
    if (e.decision)
      found = {
        decision: e.decision,
        ...(e.runId ? { runId: e.runId } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        ...(failed === undefined ? {} : { failed }),
      };
  }
  return found;
}

/** Approved, or accepted with a reason on record: the task is done and the next may start. */
export const isApproval = (d: Decision | undefined): boolean => d === 'approved' || d === 'accepted';
