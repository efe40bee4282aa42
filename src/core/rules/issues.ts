// Rules on KNOWN-ISSUES.md: ids `PREFIX-n` with one of the eight prefixes, unique, every
// field filled, a real opened date, open bugs only.
import { BUG_PREFIXES, type IssueEntry, parseKnownIssues } from '../parse/known-issues.js';
import { defineRule } from '../rule.js';
import { isBlankValue, plain } from '../sections.js';
import type { Workspace } from '../workspace.js';

const FILE = 'project-management/KNOWN-ISSUES.md';
const issue = (head: string, opened = '2026-03-01') =>
  `${head}\n- **Severity:** high\n- **Symptoms:** the export hangs\n- **Suspected cause:** unknown\n- **Workaround:** none\n- **Opened:** ${opened}\n`;

function entries(ws: Workspace): IssueEntry[] {
  return ws.parsed(ws.paths.knownIssues, parseKnownIssues)?.entries ?? [];
}

const REQUIRED: [string, keyof IssueEntry][] = [
  ['Severity', 'severity'],
  ['Symptoms', 'symptoms'],
  ['Suspected cause', 'suspectedCause'],
  ['Workaround', 'workaround'],
  ['Opened', 'opened'],
];

export const issueRules = [
  defineRule({
    id: 'issues/id-format',
    severity: 'error',
    summary: 'Every known issue has an id of the form PREFIX-n, e.g. B-12.',
    examples: {
      ok: { [FILE]: `# Known issues\n\n${issue('**B-12 Export hangs**')}` },
      bad: { [FILE]: `# Known issues\n\n${issue('**Export hangs**')}\n${issue('**b12 Slow list**')}` },
    },
    check(ws, report) {
      for (const e of entries(ws)) {
        if (e.idValid) continue;
        const found = e.id ? `id "${e.id}"` : `"${e.title}" has no id`;
        report({
          file: ws.paths.knownIssues,
          line: e.line,
          message: `${found}: expected PREFIX-n such as B-12`,
        });
      }
    },
  }),
  defineRule({
    id: 'issues/prefix',
    severity: 'error',
    summary: `Every known-issue id uses one of the eight prefixes: ${BUG_PREFIXES.map((p) => `${p}-`).join(' ')}.`,
    examples: {
      ok: { [FILE]: `${issue('**[UI-3] Blank chart**')}\n${issue('### SCH-1 — Orders table')}` },
      bad: { [FILE]: issue('**[BUG-3] Blank chart**') },
    },
    check(ws, report) {
      for (const e of entries(ws))
        if (e.idValid && !(BUG_PREFIXES as readonly string[]).includes(e.prefix))
          report({
            file: ws.paths.knownIssues,
            line: e.line,
            message: `${e.id}: prefix ${e.prefix}- is not one of ${BUG_PREFIXES.map((p) => `${p}-`).join(' ')}`,
          });
    },
  }),
  defineRule({
    id: 'issues/duplicate-id',
    severity: 'error',
    summary: 'No two known issues share an id.',
    examples: {
      ok: { [FILE]: `${issue('**B-1 Export hangs**')}\n${issue('**B-2 Slow list**')}` },
      bad: { [FILE]: `${issue('**B-1 Export hangs**')}\n${issue('**B-1 Slow list**')}` },
    },
    check(ws, report) {
      const seen = new Map<string, number>();
      for (const e of entries(ws)) {
        if (!e.id) continue;
        const first = seen.get(e.id);
        if (first === undefined) seen.set(e.id, e.line);
        else
          report({
            file: ws.paths.knownIssues,
            line: e.line,
            message: `${e.id} is already used on line ${first}: expected unique ids`,
          });
      }
    },
  }),
  defineRule({
    id: 'issues/missing-field',
    severity: 'warning',
    summary: 'Every known issue fills severity, symptoms, suspected cause, workaround and opened.',
    examples: {
      ok: { [FILE]: issue('**B-1 Export hangs**') },
      bad: { [FILE]: '**B-1 Export hangs**\n- **Severity:** high\n- **Symptoms:** TBD\n' },
    },
    check(ws, report) {
      for (const e of entries(ws))
        for (const [label, key] of REQUIRED) {
          const f = e[key] as { value: string; line: number } | undefined;
          if (f && !isBlankValue(f.value)) continue;
          report({
            file: ws.paths.knownIssues,
            line: f?.line ?? e.line,
            message: `${e.id || e.title}: ${label} is ${f ? 'blank' : 'missing'}; expected **${label}:** filled in`,
          });
        }
    },
  }),
  defineRule({
    id: 'issues/opened-date',
    severity: 'error',
    summary: 'The opened date of a known issue is a real YYYY-MM-DD date.',
    examples: {
      ok: { [FILE]: issue('**B-1 Export hangs**') },
      bad: { [FILE]: issue('**B-1 Export hangs**', '2026-02-30') },
    },
    check(ws, report) {
      for (const e of entries(ws))
        if (e.opened && !isBlankValue(e.opened.value) && !e.openedValid)
          report({
            file: ws.paths.knownIssues,
            line: e.opened.line,
            message: `${e.id || e.title}: opened "${plain(e.opened.value)}" is not a real date; expected YYYY-MM-DD`,
          });
    },
  }),
  defineRule({
    id: 'issues/severity',
    severity: 'warning',
    summary: 'A known issue severity is low, medium, high or critical.',
    examples: {
      ok: { [FILE]: issue('**B-1 Export hangs**') },
      bad: { [FILE]: issue('**B-1 Export hangs**').replace('high', 'annoying') },
    },
    check(ws, report) {
      for (const e of entries(ws)) {
        const v = plain(e.severity?.value ?? '').toLowerCase();
        if (e.severity && !isBlankValue(v) && !/^(low|medium|high|critical)\b/.test(v))
          report({
            file: ws.paths.knownIssues,
            line: e.severity.line,
            message: `${e.id || e.title}: severity "${v}": expected low, medium, high or critical`,
          });
      }
    },
  }),
  defineRule({
    id: 'issues/fixed-left',
    severity: 'warning',
    summary: 'KNOWN-ISSUES lists open bugs only: a fixed one is removed (git keeps it).',
    examples: {
      ok: { [FILE]: issue('**B-1 Export hangs**') },
      bad: { [FILE]: issue('**B-1 Export hangs (fixed)**') },
    },
    check(ws, report) {
      for (const e of entries(ws))
        if (/\b(fixed|resolved|closed)\b/i.test(e.title) || /~~/.test(e.title))
          report({
            file: ws.paths.knownIssues,
            line: e.line,
            message: `${e.id || e.title} looks fixed: expected only open bugs; remove it (git keeps the history)`,
          });
    },
  }),
];
