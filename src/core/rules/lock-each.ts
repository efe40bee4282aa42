// What the lock rules share: every lock of the workspace parsed once, the severity decision
// for a gap in a gate, and a tiny builder for the rule examples.
import type { Severity } from '../finding.js';
import { type Gate, gateOf, type Lock, parseLock } from '../parse/lock.js';
import type { Reporter } from '../rule.js';
import type { Workspace } from '../workspace.js';

export interface LockAt {
  path: string;
  lock: Lock;
}

/** Every feature lock, active and completed; the lock templates are not feature locks. */
export function locks(ws: Workspace): LockAt[] {
  // every lock rule asks this of every feature folder: a plain loop, no flatMap
  const out: LockAt[] = [];
  for (const path of ws.ofKind('lock')) {
    const lock = ws.parsed(path, parseLock);
    if (lock) out.push({ path, lock });
  }
  return out;
}

export const GATE_NAMES: Record<number, string> = {
  1: 'Canonical alignment',
  2: 'Scope lock',
  3: 'Invariants inventory',
  4: 'Blast radius',
  5: 'Four-state rendering',
  6: 'Interface contract',
  7: 'Sunset criterion and kill date',
  8: 'Mocks sign-off',
};

/**
 * The severity decision: a gap in a gate whose status claims PASSED is a false claim (error);
 * the same gap while the gate is still open is work remaining that blocks the checkpoint
 * (warning).
 */
export function gapSeverity(g: Gate): Severity {
  return g.status.state === 'PASSED' ? 'error' : 'warning';
}

function claim(g: Gate): string {
  if (g.status.state === 'PASSED') return `gate ${g.number} is marked PASSED`;
  const state = g.status.state === 'BLOCKED' ? 'BLOCKED' : 'still open';
  return `gate ${g.number} is ${state}; this blocks CP-${g.number === 8 ? 2 : 1}`;
}

/** A gate whose answers are checked: present and not N/A. */
export function checkedGate(lock: Lock, n: number): Gate | undefined {
  const g = gateOf(lock, n);
  return g && g.status.state !== 'N/A' ? g : undefined;
}

/** Report a gap in gate `g`: "<found>: expected <expected> (gate N is marked PASSED)". */
export function reportGap(
  report: Reporter,
  file: string,
  g: Gate,
  line: number | undefined,
  found: string,
  expected: string,
): void {
  report({
    file,
    line: line ?? g.line,
    severity: gapSeverity(g),
    message: `${found}: expected ${expected} (${claim(g)})`,
  });
}

export const LOCK_PATH = 'feature-builds/invites/PRE-BUILD-LOCK.md';

/** An example workspace holding one lock with the given gates. */
export function lockExample(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [LOCK_PATH]: `# Pre-build lock: Team invites\n\n${body}`, ...extra };
}
