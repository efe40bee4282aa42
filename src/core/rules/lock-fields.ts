// Gates 1 and 2: required fields filled, a non-empty OUT list, a citation found word for word
// in a canonical document, one-sentence answers, and the single surgical change on one line.

import { canonicalTexts, citationMiss } from '../citation.js';
import { sentenceCount, valueGap } from '../parse/lock-text.js';
import { defineRule } from '../rule.js';
import type { Field } from '../sections.js';
import { checkedGate, lockExample, locks, reportGap } from './lock-each.js';

const SEVERITY_NOTE = 'An error when the gate is marked PASSED (a false claim), a warning while it is open.';
const CANON = 'marketing/canonical/MARKETING-TRUTH.md';
const GATE1 = (cite: string) =>
  `## Gate 1 — Canonical alignment\n\n**Canonical reference:** ${cite}\n**Conflicts identified:** none\n**Resolution:** change adjusts to canonical\n\n**Status:** PASSED\n`;
const GATE2 = (out: string, scope = 'Owners can invite teammates by email.', v = 'invite by email') =>
  `## Gate 2 — Scope lock\n\n**Scope statement:** ${scope}\n\n**IN:**\n- invite modal\n\n**OUT:**\n${out}\n\n**Section-vs-Replacement:** New modal on /team.\n\n**Unique-Job:** Nothing else sends invites.\n\n**Single surgical change:** \`V(N+1) = V(N) + ${v}\`\n\n**Status:** PASSED\n`;

export const lockFieldRules = [
  defineRule({
    id: 'lock/blank-field',
    severity: 'error',
    summary: `Gates 1 and 2 have every required field filled: no blank, TBD, TODO, ? or template placeholder. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(GATE1('"Invite anyone."'), { [CANON]: 'Invite anyone.\n' }),
      bad: lockExample(GATE1('TBD')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g1 = checkedGate(lock, 1);
        const a = lock.alignment;
        if (g1 && a)
          for (const [name, f] of [
            ['Canonical reference', a.citation],
            ['Conflicts', a.conflicts],
            ['Resolution', a.resolution],
          ] as const)
            fieldGap(f, name, 'gate 1', (line, found, want) =>
              reportGap(report, path, g1, line, found, want),
            );
        const g2 = checkedGate(lock, 2);
        const s = lock.scope;
        if (!g2 || !s) continue;
        const gap = (line: number | undefined, found: string, want: string) =>
          reportGap(report, path, g2, line, found, want);
        fieldGap(s.statement, 'Scope statement', 'gate 2', gap);
        fieldGap(s.sectionVsReplacement, 'Section vs replacement', 'gate 2', gap);
        fieldGap(s.uniqueJob, 'Unique job', 'gate 2', gap);
        if (!s.in || (s.in.items.length === 0 && valueGap(s.in.inline)))
          gap(s.in?.line, 'gate 2 IN list is empty', 'the surfaces this build adds or changes');
        for (const item of s.in?.items ?? []) {
          const why = valueGap(item.text);
          if (why) gap(item.line, `gate 2 IN item is ${why}`, 'a named surface');
        }
      }
    },
  }),
  defineRule({
    id: 'lock/out-empty',
    severity: 'error',
    summary: `Gate 2 has an OUT list naming at least one surface that will not change; an empty OUT list means the scope is not locked. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(GATE2('- billing page')),
      bad: lockExample(GATE2('- [surface that won’t change]')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 2);
        if (!g || !lock.scope) continue;
        const out = lock.scope.out;
        const filled = (out?.items ?? []).filter((i) => valueGap(i.text) === null);
        const inline = out && valueGap(out.inline) === null;
        if (filled.length > 0 || inline) continue;
        const what = !out
          ? 'gate 2 has no OUT list'
          : out.items.length
            ? 'gate 2 OUT list holds only placeholders'
            : 'gate 2 OUT list is empty';
        reportGap(report, path, g, out?.line, what, 'at least one surface this build will not change');
      }
    },
  }),
  defineRule({
    id: 'lock/citation-not-found',
    severity: 'error',
    summary: `Gate 1's citation is a quote of at least three words found word for word (whitespace, quotes and blockquote markers ignored) in a canonical document, or names one of its headings whose section is filled in. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(GATE1('> "Owners invite teammates by email."'), {
        [CANON]: '# Truth\n\nOwners invite teammates\nby email.\n',
      }),
      bad: lockExample(GATE1('"Anyone can invite anyone."'), {
        [CANON]: '# Truth\n\nOwners invite teammates.\n',
      }),
    },
    check(ws, report) {
      const canon = canonicalTexts(ws);
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 1);
        const cite = lock.alignment?.citation;
        if (!g || !cite || valueGap(cite.value)) continue;
        const missing = citationMiss(cite.value, canon);
        const where = canon.map((c) => c.path).join(', ') || ws.paths.canonical.join(', ');
        if (missing)
          reportGap(report, path, g, cite.line, missing, `the exact words or a filled heading of ${where}`);
      }
    },
  }),
  defineRule({
    id: 'lock/scope-sentence',
    severity: 'error',
    summary: `Gate 2's scope statement is one sentence (section-vs-replacement and unique-job may take more). ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(GATE2('- billing page')),
      bad: lockExample(GATE2('- billing page', 'Owners can invite teammates. They can also remove them.')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 2);
        const s = lock.scope;
        if (!g || !s) continue;
        const f = s.statement;
        if (!f || valueGap(f.value)) continue;
        const n = sentenceCount(f.value);
        if (n > 1)
          reportGap(report, path, g, f.line, `gate 2 scope statement has ${n} sentences`, 'one sentence');
      }
    },
  }),
  defineRule({
    id: 'lock/surgical-change',
    severity: 'error',
    summary: `Gate 2 completes \`V(N+1) = V(N) + <one change>\` on one line. ${SEVERITY_NOTE} Naming two changes ("and", ";", "+") is always a warning: split the build.`,
    examples: {
      ok: lockExample(GATE2('- billing page')),
      bad: lockExample(GATE2('- billing page', undefined, '[exactly one surgical change]')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 2);
        const s = lock.scope;
        if (!g || !s) continue;
        const v = s.surgical;
        const want = 'the single surgical change completed on one line, `V(N+1) = V(N) + <one change>`';
        if (!v)
          reportGap(report, path, g, s.surgicalField?.line, 'gate 2 has no "V(N+1) = V(N) + …" line', want);
        else if (valueGap(v.change))
          reportGap(report, path, g, v.line, `gate 2 surgical change is ${valueGap(v.change)}`, want);
        else if ((v.text.match(/`/g) ?? []).length % 2 === 1 || /(\+|,|\band|&)\s*$/.test(v.change))
          reportGap(
            report,
            path,
            g,
            v.line,
            `gate 2 surgical change "${v.change}" continues past its line`,
            want,
          );
        else if (/\s(and|\+|&)\s|;/.test(v.change))
          report({
            file: path,
            line: v.line,
            severity: 'warning',
            message: `gate 2 surgical change "${v.change}" names more than one change: expected exactly one; split the build`,
          });
      }
    },
  }),
];

function fieldGap(
  f: Field | undefined,
  name: string,
  gate: string,
  gap: (line: number | undefined, found: string, want: string) => void,
): void {
  const why = valueGap(f?.value);
  if (!why) return;
  // the label as the lock writes it; the template's own when the field is missing
  const label = f?.label.replace(/:$/, '').trim() || name;
  gap(
    f?.line,
    f ? `${gate} "${label}" is ${why}` : `${gate} has no "${name}" field`,
    `"**${label}:**" filled in`,
  );
}
