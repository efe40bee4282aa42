// Kill dates from lock gate 7 (the source of truth) and the KILLDATE markers in code (read by
// the api's check with git grep): overdue fails the check, missing and inconsistent dates are
// errors, a date within killDates.dueSoonDays warns, a marker no lock declares warns.
import { findingsOf, type KillDateItem } from '../killdates.js';
import { killDateItems } from '../killdates-lock.js';
import { defineRule, type Rule } from '../rule.js';
import type { Workspace } from '../workspace.js';

const LOCK = 'feature-builds/export/PRE-BUILD-LOCK.md';
const gate7 = (body: string) =>
  `# Pre-build lock: export\n\n## Gate 7 — Sunset criterion and kill date\n\n${body}\n\n**Status:** PASSED\n`;
const CRITERION = '**Sunset criterion:** delete once 100% of users have had it 14 days with zero errors';
const lockWith = (date: string, what = 'flag `export_v2`') =>
  gate7(`**Temporary code:** ${what}\n${CRITERION}\n**Kill date:** ${date}`);

/** A lock date written but not a real date: lock/kill-date-invalid reports it, not killdate/missing. */
const invalidLockDate = (item: KillDateItem) => item.source === 'lock' && !!item.raw && !item.date;

function reportStatus(ws: Workspace, rule: string, report: Parameters<Rule['check']>[1]) {
  for (const item of killDateItems(ws)) {
    if (rule === 'killdate/missing' && invalidLockDate(item)) continue;
    for (const f of findingsOf(item))
      if (f.rule === rule) report({ file: f.file, line: f.line, message: f.message, fix: f.fix });
  }
}

export const killDateRules: Rule[] = [
  defineRule({
    id: 'killdate/overdue',
    severity: 'error',
    summary: 'No kill date in a lock (active or completed) has passed: on that date the temporary code goes.',
    examples: {
      ok: { [LOCK]: lockWith('2026-09-30') },
      bad: { [LOCK]: lockWith('2026-05-01') },
    },
    check: (ws, report) => reportStatus(ws, 'killdate/overdue', report),
  }),
  defineRule({
    id: 'killdate/missing',
    severity: 'error',
    summary:
      'Temporary code named in gate 7 has a kill date and a sunset criterion (a date that is not a real calendar date is lock/kill-date-invalid).',
    examples: {
      ok: { [LOCK]: lockWith('2026-09-30') },
      bad: { [LOCK]: gate7('**Temporary code:** flag `export_v2`\n**Kill date:** 2026-09-30') },
    },
    check: (ws, report) => reportStatus(ws, 'killdate/missing', report),
  }),
  defineRule({
    id: 'killdate/inconsistent',
    severity: 'error',
    summary:
      'Two sources never give the same temporary code different kill dates (the earliest governs: when it has passed, each is overdue too).',
    examples: {
      ok: { [LOCK]: lockWith('2026-09-30') },
      bad: {
        [LOCK]: lockWith('2026-09-30'),
        'feature-builds/import/PRE-BUILD-LOCK.md': lockWith('2026-10-31'),
      },
    },
    check: (ws, report) => reportStatus(ws, 'killdate/inconsistent', report),
  }),
  defineRule({
    id: 'killdate/due-soon',
    severity: 'warning',
    summary: 'A kill date within killDates.dueSoonDays (default 14) is flagged before it passes.',
    examples: {
      ok: { [LOCK]: lockWith('2026-09-30') },
      bad: { [LOCK]: lockWith('2026-06-08') },
    },
    check: (ws, report) => reportStatus(ws, 'killdate/due-soon', report),
  }),
  defineRule({
    id: 'killdate/undeclared',
    severity: 'warning',
    summary:
      'A KILLDATE marker in code names temporary code that some lock declares in gate 7 (the source of truth).',
    examples: {
      ok: {
        [LOCK]: lockWith('2026-09-30'),
        'src/export.ts': '// KILLDATE 2026-09-30 flag export_v2: 100% of users for 14 days\n',
      },
      bad: {
        [LOCK]: lockWith('2026-09-30'),
        'src/export.ts': '// KILLDATE 2026-09-30 shim csv_v1: zero calls for 7 days\n',
      },
    },
    check: (ws, report) => reportStatus(ws, 'killdate/undeclared', report),
  }),
];
