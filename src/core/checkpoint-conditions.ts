// What each checkpoint requires (METHOD section 4), as findings: empty means it may be signed.
// Rule findings are reused and each lock finding is tagged with the gate it sits in.
import { canonicalTexts, citationMiss } from './citation.js';
import type { Finding } from './finding.js';
import type { MdDoc } from './markdown.js';
import { type Gate, gateOf, parseLock } from './parse/lock.js';
import type { KillDate } from './parse/lock-gates.js';
import { valueGap } from './parse/lock-text.js';
import { parseRunbook, type Runbook } from './parse/runbook.js';
import { normaliseEntry } from './scope.js';
import type { Field } from './sections.js';
import type { Checkpoint } from './signoffs.js';
import { type FeatureRef, persistParser, type Workspace } from './workspace.js';

export interface Blocker extends Finding {
  /** the lock gate the finding sits in, when it is in the lock */
  gate?: number;
}

export interface ConditionInput {
  ws: Workspace;
  feature: FeatureRef;
  /** every rule finding of the workspace */
  findings: Finding[];
  /** workspace-relative mock paths named by gate 8 or found in mocks/, and whether each exists */
  mocks: { path: string; exists: boolean; named: boolean; line?: number }[];
}

const ALLOWED_NA = new Set([5, 6, 7]);

/**
 * What the conditions read of a lock and of a runbook, kept in the parse cache apart from the
 * whole parses: status asks for every feature's next checkpoint, and these are a small part.
 */
export interface LockGates {
  path: string;
  gates: Pick<Gate, 'number' | 'line' | 'endLine' | 'status'>[];
  citation?: Field;
  killDate?: KillDate;
}
type RunbookConditions = Pick<Runbook, 'files'> & { mapsTo?: Field };

function lockGatesOf(doc: MdDoc, ws: Workspace): LockGates {
  const lock = ws.parsed(doc.path, parseLock)!;
  return {
    path: lock.path,
    gates: lock.gates.map(({ number, line, endLine, status }) => ({ number, line, endLine, status })),
    citation: lock.alignment?.citation,
    killDate: lock.sunset?.killDate,
  };
}
persistParser(lockGatesOf, 'lock-gates', 'lock');

function runbookConditionsOf(doc: MdDoc, ws: Workspace): RunbookConditions {
  const rb = ws.parsed(doc.path, parseRunbook)!;
  return { files: rb.files, mapsTo: rb.header.mapsTo };
}
persistParser(runbookConditionsOf, 'runbook-conditions', 'runbook');

export function conditions(cp: Checkpoint, input: ConditionInput): Blocker[] {
  const { ws, feature } = input;
  if (cp === 'CP-3') return runbookConditions(input);
  if (!feature.lock)
    return [
      blocker(
        'checkpoint/no-lock',
        `${feature.dir}/`,
        `no PRE-BUILD-LOCK.md: ${cp} needs the lock (killdate feature new)`,
      ),
    ];
  const lock = ws.parsed(feature.lock, lockGatesOf)!;
  const inLock = lockFindings(input.findings, lock);
  const conflicts = inLock.filter((f) => f.rule === 'doc/conflict-markers');
  if (conflicts.length) return conflicts;
  if (cp === 'CP-0') return [...inLock.filter((f) => f.gate === 1), ...citationCheck(ws, lock, inLock)];
  if (cp === 'CP-1')
    return [
      ...statusCheck(lock, [1, 2, 3, 4, 5, 6, 7]),
      ...inLock.filter((f) => f.gate !== 8),
      ...killDateCheck(ws, lock),
    ];
  return [...statusCheck(lock, [8]), ...inLock.filter((f) => f.gate === 8), ...mockCheck(input, lock)];
}

function blocker(rule: string, file: string, message: string, line?: number, gate?: number): Blocker {
  return { rule, severity: 'error', file, message, ...(line ? { line } : {}), ...(gate ? { gate } : {}) };
}

/**
 * Findings of the lock file, each with the gate whose lines hold it. Warnings count too: the
 * lock rules warn while a gate is open, and an open gate is exactly what a checkpoint refuses.
 * A kill date due soon is a reminder, not a gap: the date is real and in the future.
 */
export function lockFindings(findings: Finding[], lock: LockGates): Blocker[] {
  return findings
    .filter((f) => f.file === lock.path && f.rule !== 'killdate/due-soon')
    .map((f) => {
      const g = lock.gates.find((g) => f.line !== undefined && f.line >= g.line && f.line <= g.endLine);
      return g ? { ...f, gate: g.number } : f;
    });
}

function statusCheck(lock: LockGates, gates: number[]): Blocker[] {
  const out: Blocker[] = [];
  for (const n of gates) {
    const g = gateOf(lock, n);
    if (!g) {
      out.push(
        blocker(
          'checkpoint/gate-missing',
          lock.path,
          `gate ${n} is missing: expected a "Gate ${n}" section`,
          undefined,
          n,
        ),
      );
      continue;
    }
    const s = g.status.state;
    const ok = s === 'PASSED' || (s === 'N/A' && ALLOWED_NA.has(n));
    if (!ok) {
      const why = s === 'N/A' ? 'N/A, which only gates 5, 6 and 7 allow' : s === 'unset' ? 'not set' : s;
      out.push(
        blocker(
          'checkpoint/gate-status',
          lock.path,
          `gate ${n} status is ${why}: expected PASSED`,
          g.status.line ?? g.line,
          n,
        ),
      );
    }
  }
  return out;
}

function citationCheck(ws: Workspace, lock: LockGates, inLock: Blocker[]): Blocker[] {
  const g1 = gateOf(lock, 1);
  if (!g1) return statusCheck(lock, [1]);
  if (inLock.some((f) => f.gate === 1)) return [];
  const citation = lock.citation;
  const gap = valueGap(citation?.value);
  if (!citation || gap)
    return [
      blocker(
        'checkpoint/citation',
        lock.path,
        `gate 1 "Canonical reference" is ${gap ?? 'missing'}: expected a passage quoted from a canonical doc`,
        citation?.line ?? g1.line,
        1,
      ),
    ];
  const miss = citationMiss(citation.value, canonicalTexts(ws));
  return miss ? [blocker('checkpoint/citation', lock.path, miss, citation.line, 1)] : [];
}

function killDateCheck(ws: Workspace, lock: LockGates): Blocker[] {
  const g7 = gateOf(lock, 7);
  if (!g7 || g7.status.state === 'N/A') return [];
  const kd = lock.killDate;
  if (!kd?.date)
    return [
      blocker(
        'checkpoint/kill-date',
        lock.path,
        `gate 7 kill date is ${kd?.invalid ? `not a real date (${kd.invalid})` : 'missing'}: expected YYYY-MM-DD`,
        kd?.line ?? g7.line,
        7,
      ),
    ];
  if (kd.date <= ws.today)
    return [
      blocker(
        'checkpoint/kill-date',
        lock.path,
        `gate 7 kill date ${kd.date} is not in the future (today ${ws.today}): expected a later date when signing`,
        kd.line,
        7,
      ),
    ];
  return [];
}

function mockCheck(input: ConditionInput, lock: LockGates): Blocker[] {
  const out: Blocker[] = [];
  for (const m of input.mocks)
    if (m.named && !m.exists)
      out.push(
        blocker(
          'checkpoint/mock-missing',
          lock.path,
          `gate 8 names mock ${m.path}, which does not exist`,
          m.line,
          8,
        ),
      );
  if (!input.mocks.some((m) => m.exists))
    out.push(
      blocker(
        'checkpoint/mock-missing',
        lock.path,
        `no mock file: gate 8 must name mock files that exist (or put them in ${input.feature.dir}/mocks/)`,
        gateOf(lock, 8)?.line,
        8,
      ),
    );
  return out;
}

function runbookConditions({ ws, feature, findings }: ConditionInput): Blocker[] {
  if (feature.runbooks.length === 0)
    return [
      blocker(
        'checkpoint/no-runbook',
        `${feature.dir}/`,
        'no runbook: CP-3 needs one runbook per executor task (killdate runbook new)',
      ),
    ];
  const out: Blocker[] = [];
  for (const path of feature.runbooks) {
    out.push(...findings.filter((f) => f.file === path && f.severity === 'error'));
    const rb = ws.parsed(path, runbookConditionsOf)!;
    if (
      !ws.kitFormat && // the kit's runbook template has no "Maps to:" (METHOD section 11)
      valueGap(rb.mapsTo?.value) !== null &&
      !findings.some((f) => f.file === path && f.rule === 'runbook/maps-to')
    )
      out.push(
        blocker(
          'checkpoint/unmapped',
          path,
          'the task maps to nothing: expected "Maps to:" naming a gate, IN item or mock element',
          rb.mapsTo?.line,
        ),
      );
    if (
      !rb.files.some((f) => !f.placeholder) &&
      !findings.some((f) => f.file === path && f.rule === 'runbook/files-empty')
    )
      out.push(
        blocker(
          'checkpoint/no-files',
          path,
          'FILES lists no path: every task needs its allowlist before CP-3',
        ),
      );
    for (const e of rb.files) {
      const n = normaliseEntry(e.pattern);
      if ('reason' in n && !findings.some((f) => f.file === path && f.line === e.line))
        out.push(blocker('checkpoint/files-path', path, `FILES entry ${e.pattern}: ${n.reason}`, e.line));
    }
  }
  return out;
}
