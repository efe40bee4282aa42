// Gate 7 (what temporary code, its sunset criterion, a real kill date) and gate 8 (the mocks
// sign-off checklist and the mock files it names).
import type { Lock, Sunset } from '../parse/lock.js';
import { gateOf, resolveMock } from '../parse/lock.js';
import { isNone, valueGap } from '../parse/lock-text.js';
import { defineRule, type Reporter } from '../rule.js';
import { checkedGate, lockExample, locks, reportGap } from './lock-each.js';

const SEVERITY_NOTE = 'An error when the gate is marked PASSED (a false claim), a warning while it is open.';
const G7 = (temp: string, criterion: string, date: string, status = 'PASSED') =>
  `## Gate 7 — Sunset criterion and kill date\n\n**Temporary code:** ${temp}\n\n**Sunset criterion:** ${criterion}\n\n**Kill date:** ${date}\n\n**Status:** ${status}\n`;
const FLAG = 'flag `team_invites`';
const CRITERION = 'delete the flag once 100% of teams have had invites for 14 days with no errors';
const G8 = (box: string, link: string) =>
  `## Gate 8 — Mocks sign-off\n\n- [${box}] Full-surround render\n- [${box}] Side-by-side diff\n- [${box}] Runbook-ready\n\nMock: ${link}, reviewed by Ana.\n\n**Status:** PASSED\n`;

/** Temporary code is named unless the answer is blank-free and says "none". */
function namesTemporary(s: Sunset): boolean {
  const t = s.temporary?.value;
  return t === undefined || valueGap(t) !== null || !isNone(t);
}

export const lockSunsetRules = [
  defineRule({
    id: 'lock/kill-date-invalid',
    severity: 'error',
    summary:
      'A kill date in gate 7 is a real calendar date written YYYY-MM-DD (2026-02-30 is not). Always an error.',
    examples: {
      ok: lockExample(G7(FLAG, CRITERION, '2027-03-31')),
      bad: lockExample(G7(FLAG, CRITERION, '2026-02-30')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const k = lock.sunset?.killDate;
        if (!k || k.date || valueGap(k.raw) || isNone(k.raw)) continue;
        const why = k.invalid ? `"${k.invalid}" is not a real calendar date` : `"${k.raw}" is not a date`;
        report({
          file: path,
          line: k.line,
          message: `gate 7 kill date ${why}: expected a real date, YYYY-MM-DD`,
        });
      }
    },
  }),
  defineRule({
    id: 'lock/kill-date-missing',
    severity: 'error',
    summary: `Gate 7 names what temporary code the build introduces ("none" when there is none) and gives it a kill date. ${SEVERITY_NOTE} Gate 7 marked N/A while it names temporary code is always an error.`,
    examples: {
      ok: lockExample(G7('none', 'N/A: no temporary code introduced', 'N/A', 'N/A')),
      bad: lockExample(G7(FLAG, CRITERION, '[YYYY-MM-DD, or N/A]', 'BLOCKED')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) checkKillDate(path, lock, report);
    },
  }),
  defineRule({
    id: 'lock/sunset-criterion',
    severity: 'error',
    summary: `When gate 7 names temporary code it states the measurable condition under which that code is deleted. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(G7(FLAG, CRITERION, '2027-03-31')),
      bad: lockExample(G7(FLAG, 'TBD', '2027-03-31')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 7);
        const s = lock.sunset;
        if (!g || !s || !namesTemporary(s) || valueGap(s.temporary?.value)) continue;
        const c = s.criterion;
        const why = valueGap(c?.value) ?? (c && isNone(c.value) ? `"${c.value.split('\n')[0]}"` : null);
        if (why)
          reportGap(
            report,
            path,
            g,
            c?.line,
            c ? `gate 7 sunset criterion is ${why}` : 'gate 7 has no "Sunset criterion" field',
            `the measurable condition under which "${s.temporary!.value.split('\n')[0]}" is deleted`,
          );
      }
    },
  }),
  defineRule({
    id: 'lock/mocks-checklist',
    severity: 'error',
    summary: `Gate 8 ticks its three sign-off items (full-surround render, side-by-side diff, runbook-ready) and links the mock or names who reviewed it. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(G8('x', '[invite](mocks/invite.html)'), {
        'feature-builds/invites/mocks/invite.html': '<p>mock</p>',
      }),
      bad: lockExample(G8(' ', '[link to mock or note that it was reviewed and by whom]')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 8);
        const m = lock.mocks;
        if (!g || !m) continue;
        if (m.checklist.length === 0)
          reportGap(
            report,
            path,
            g,
            g.line,
            'gate 8 has no sign-off checklist',
            'ticked items for full-surround render, side-by-side diff and runbook-ready',
          );
        for (const item of m.checklist)
          if (!item.checked)
            reportGap(
              report,
              path,
              g,
              item.line,
              `gate 8 item "${short(item.text.replace(/\*\*/g, ''))}" is not ticked`,
              'it ticked once the mock is approved',
            );
        for (const n of m.notes) {
          const why = valueGap(n.text);
          if (why)
            reportGap(
              report,
              path,
              g,
              n.line,
              `gate 8 mock note is ${why}`,
              'a link to the mock or the name of who reviewed it',
            );
        }
        if (m.links.length === 0 && m.urls.length === 0 && m.notes.length === 0)
          reportGap(
            report,
            path,
            g,
            g.status.line,
            'gate 8 names no mock',
            'a link to the mock file or a note naming who reviewed it',
          );
      }
    },
  }),
  defineRule({
    id: 'lock/mock-missing',
    severity: 'error',
    summary: `Every mock file gate 8 links (relative to the feature folder) exists. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(G8('x', '[invite](mocks/invite.html)'), {
        'feature-builds/invites/mocks/invite.html': '<p>mock</p>',
      }),
      bad: lockExample(G8('x', '[invite](mocks/invite.html)')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = gateOf(lock, 8);
        for (const link of (g && lock.mocks?.links) || []) {
          const target = resolveMock(path, link.path);
          if (!ws.exists(target))
            reportGap(
              report,
              path,
              g!,
              link.line,
              `gate 8 names mock "${link.path}" but ${target} does not exist`,
              'the mock committed in the feature folder',
            );
        }
      }
    },
  }),
];

function short(text: string): string {
  const t = text.split(/\s[—–:]\s|:\s/)[0]!.trim();
  return t.length > 50 ? `${t.slice(0, 47)}...` : t;
}

function checkKillDate(path: string, lock: Lock, report: Reporter): void {
  const g = gateOf(lock, 7);
  const s = lock.sunset;
  if (!g || !s) return;
  const temp = s.temporary;
  if (g.status.state === 'N/A') {
    if (temp && valueGap(temp.value) === null && !isNone(temp.value))
      report({
        file: path,
        line: g.status.line ?? g.line,
        message: `gate 7 is N/A but names temporary code "${temp.value.split('\n')[0]}": expected a sunset criterion, a kill date and PASSED or BLOCKED`,
      });
    return;
  }
  const tempGap = valueGap(temp?.value);
  if (tempGap)
    reportGap(
      report,
      path,
      g,
      temp?.line,
      temp ? `gate 7 temporary code is ${tempGap}` : 'gate 7 does not say what temporary code it introduces',
      'the flag, shim or old version this build phases out, or "none"',
    );
  if (!namesTemporary(s)) return;
  const k = s.killDate;
  if (!k || valueGap(k.raw) || isNone(k.raw))
    reportGap(
      report,
      path,
      g,
      k?.line ?? temp?.line,
      k ? `gate 7 kill date is ${valueGap(k.raw) ?? `"${k.raw}"`}` : 'gate 7 has no "Kill date" field',
      'a hard kill date, YYYY-MM-DD, for the temporary code',
    );
}
