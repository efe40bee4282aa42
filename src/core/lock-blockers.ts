// The lock rules' findings for one lock, grouped by the gate they concern, so a checkpoint can
// say gate by gate what still blocks it (CP-1: gates 1-7 and the header; CP-2: gate 8).
// Errors are false PASSED claims or broken structure; warnings are work left in open gates.
import { runRules } from './check.js';
import type { Finding } from './finding.js';
import { parseLock } from './parse/lock.js';
import { lockRules } from './rules/lock.js';
import type { Workspace } from './workspace.js';

export interface LockBlockers {
  /** gate number -> its findings, only gates that have some */
  byGate: Record<number, Finding[]>;
  /** findings about the lock as a whole (title, header) */
  general: Finding[];
}

export function lockBlockers(ws: Workspace, lockPath: string): LockBlockers {
  const out: LockBlockers = { byGate: {}, general: [] };
  const lock = ws.parsed(lockPath, parseLock);
  if (!lock) return out;
  for (const f of runRules(ws, lockRules)) {
    if (f.file !== lockPath) continue;
    const n = gateNumber(f, lock.gates);
    if (n === undefined) out.general.push(f);
    else {
      out.byGate[n] = out.byGate[n] ?? [];
      out.byGate[n].push(f);
    }
  }
  return out;
}

/** The gate whose lines hold the finding; a missing gate is named by its message. */
function gateNumber(
  f: Finding,
  gates: { number: number; line: number; endLine: number }[],
): number | undefined {
  const at = f.line === undefined ? undefined : gates.find((g) => f.line! >= g.line && f.line! <= g.endLine);
  if (at) return at.number;
  const named = /^gate (\d+)\b/.exec(f.message);
  return named ? Number(named[1]) : undefined;
}
