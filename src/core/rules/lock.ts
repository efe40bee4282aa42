// Lock structure: the eight gates, one status each, N/A only on gates 5-7, a filled header.
// Structural problems are errors whatever the gates claim. The gate contents are checked in
// lock-fields.ts, lock-tables.ts and lock-sunset.ts.
import { isValidDate } from '../dates.js';
import type { Lock } from '../parse/lock.js';
import { valueGap } from '../parse/lock-text.js';
import { defineRule, type Reporter } from '../rule.js';
import { GATE_NAMES, lockExample, locks } from './lock-each.js';
import { lockFieldRules } from './lock-fields.js';
import { lockSunsetRules } from './lock-sunset.js';
import { lockTableRules } from './lock-tables.js';

const ALL_GATES = [1, 2, 3, 4, 5, 6, 7, 8]
  .map((n) => `## Gate ${n} — ${GATE_NAMES[n]}\n\n**Status:** BLOCKED\n`)
  .join('\n');
const NA_ALLOWED = new Set([5, 6, 7]);

const structureRules = [
  defineRule({
    id: 'lock/gate-missing',
    severity: 'error',
    summary: 'A lock has all eight gates, each under a heading such as `## Gate 3 — Invariants inventory`.',
    examples: { ok: lockExample(ALL_GATES), bad: lockExample('## Gate 1 — Canonical alignment\n') },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        for (let n = 1; n <= 8; n++)
          if (!lock.gates.some((g) => g.number === n))
            report({
              file: path,
              line: lock.titleLine ?? 1,
              message: `gate ${n} (${GATE_NAMES[n]}) not found: expected a heading "## Gate ${n} — ${GATE_NAMES[n]}"`,
            });
    },
  }),
  defineRule({
    id: 'lock/gate-numbering',
    severity: 'error',
    summary: 'Each gate appears once and is numbered 1 to 8.',
    examples: {
      ok: lockExample('## Gate 1 - Canonical alignment\n\n## Gate 2 - Scope lock\n'),
      bad: lockExample('## Gate 1 - Canonical alignment\n\n## Gate 1 - Scope lock\n\n## Gate 9 - Extra\n'),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        lock.gates.forEach((g, i) => {
          const first = lock.gates.findIndex((o) => o.number === g.number);
          if (g.number < 1 || g.number > 8)
            report({
              file: path,
              line: g.line,
              message: `gate ${g.number} is not one of the eight gates: expected gates 1 to 8`,
            });
          else if (first < i)
            report({
              file: path,
              line: g.line,
              message: `gate ${g.number} appears again (first at line ${lock.gates[first]!.line}): expected each gate once`,
            });
        });
    },
  }),
  defineRule({
    id: 'lock/status-missing',
    severity: 'error',
    summary: 'Every gate has a status line (`**Status:** ☐ PASSED ☐ BLOCKED`).',
    examples: {
      ok: lockExample('## Gate 1 — Canonical alignment\n\n**Status:** ☐ PASSED  ☑ BLOCKED\n'),
      bad: lockExample('## Gate 1 — Canonical alignment\n\nNothing here yet.\n'),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        for (const g of lock.gates)
          if (!g.status.found)
            report({
              file: path,
              line: g.line,
              message: `gate ${g.number} has no status line: expected "**Status:** ☐ PASSED  ☐ BLOCKED"${NA_ALLOWED.has(g.number) ? ' (or N/A)' : ''}`,
            });
    },
  }),
  defineRule({
    id: 'lock/status-unset',
    severity: 'warning',
    summary:
      'Every gate has one status ticked. An unticked gate is work remaining: a warning, since it blocks its checkpoint anyway.',
    examples: {
      ok: lockExample('## Gate 2 — Scope lock\n\n- [x] PASSED\n- [ ] BLOCKED\n'),
      bad: lockExample('## Gate 2 — Scope lock\n\n**Status:** ☐ PASSED  ☐ BLOCKED\n'),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        for (const g of lock.gates)
          if (g.status.found && g.status.state === 'unset')
            report({
              file: path,
              line: g.status.line ?? g.line,
              message: `gate ${g.number} has no status ticked: expected PASSED or BLOCKED${NA_ALLOWED.has(g.number) ? ' or N/A' : ''}; an open gate blocks CP-${g.number === 8 ? 2 : 1}`,
            });
    },
  }),
  defineRule({
    id: 'lock/status-conflict',
    severity: 'error',
    summary: 'A gate has exactly one status, never two (☑ PASSED ☑ BLOCKED).',
    examples: {
      ok: lockExample('## Gate 3 — Invariants inventory\n\n**Status:** ☑ PASSED  ☐ BLOCKED\n'),
      bad: lockExample('## Gate 3 — Invariants inventory\n\n**Status:** ☑ PASSED  ☑ BLOCKED\n'),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        for (const g of lock.gates)
          if (g.status.state === 'conflicting')
            report({
              file: path,
              line: g.status.line ?? g.line,
              message: `gate ${g.number} has ${g.status.chosen.join(' and ')} ticked: expected exactly one status`,
            });
    },
  }),
  defineRule({
    id: 'lock/na-not-allowed',
    severity: 'error',
    summary: 'N/A is allowed only on gates 5, 6 and 7; gates 1-4 and 8 always apply.',
    examples: {
      ok: lockExample('## Gate 5 — Four-state rendering\n\n**Status:** ☐ PASSED  ☐ BLOCKED  ☑ N/A\n'),
      bad: lockExample('## Gate 3 — Invariants inventory\n\n**Status:** N/A\n'),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        for (const g of lock.gates)
          if (g.status.chosen.includes('N/A') && !NA_ALLOWED.has(g.number) && g.number >= 1 && g.number <= 8)
            report({
              file: path,
              line: g.status.line ?? g.line,
              message: `gate ${g.number} (${GATE_NAMES[g.number]}) is marked N/A: expected PASSED or BLOCKED, N/A is allowed only on gates 5, 6 and 7`,
            });
    },
  }),
  defineRule({
    id: 'lock/header',
    severity: 'error',
    summary:
      'The lock names its feature and has a valid `Date locked` and a `Branch`. A blank is an error once every gate claims PASSED or N/A, a warning before; an invalid date is always an error.',
    examples: {
      ok: lockExample('**Date locked:** 2026-05-20\n**Branch:** feature/invites\n'),
      bad: lockExample('**Date locked:** 2026-02-30\n**Branch:** [branch name]\n'),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) checkHeader(path, lock, report);
    },
  }),
];

function checkHeader(file: string, lock: Lock, report: Reporter): void {
  const complete =
    lock.gates.length > 0 && lock.gates.every((g) => g.status.state === 'PASSED' || g.status.state === 'N/A');
  const severity = complete ? 'error' : 'warning';
  const line = lock.titleLine ?? 1;
  const title = lock.feature ?? '';
  const titleGap = valueGap(title);
  if (titleGap)
    report({
      file,
      line,
      severity,
      message: `the lock title names no feature (${titleGap}): expected "# Pre-Build Lock: <feature name>"`,
    });
  const date = lock.dateLocked;
  const dateGap = valueGap(date?.value);
  if (dateGap)
    report({
      file,
      line: date?.line ?? line,
      severity,
      message: `"Date locked" is ${dateGap}: expected the date the lock was filled, YYYY-MM-DD`,
    });
  else if (date && !isValidDate(date.value.split('\n')[0]!.trim().replace(/[*_`]/g, '')))
    report({
      file,
      line: date.line,
      message: `"Date locked" is "${date.value.split('\n')[0]}": expected a real calendar date, YYYY-MM-DD`,
    });
  const branchGap = valueGap(lock.branch?.value);
  if (branchGap)
    report({
      file,
      line: lock.branch?.line ?? line,
      severity,
      message: `"Branch" is ${branchGap}: expected the feature's git branch`,
    });
}

export const lockRules = [...structureRules, ...lockFieldRules, ...lockTableRules, ...lockSunsetRules];
