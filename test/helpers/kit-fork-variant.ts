// The kit fork a few days in, in our words, dated from the real today: the user copied the
// kit's lock template into a feature folder and filled part of it in the kit's own format, wrote
// a kit-style runbook, two session-log entries, two known issues (one wrong), a testing learning
// and a stack decision. The fork filled in completely is in kit-fork-filled.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { day, IMPOSSIBLE } from './dates.js';

export const LOCK = 'feature-builds/user-settings/PRE-BUILD-LOCK.md';
export const RUNBOOK = 'feature-builds/user-settings/runbook-settings-route.md';
export const THESIS =
  'Ledgerline shows each bakery owner, every morning, what sold out and what to bake more of.';

export type Edit = [from: string, to: string];

export function edit(dir: string, from: string, to: string, edits: Edit[]): void {
  let text = readFileSync(join(dir, from), 'utf8');
  for (const [a, b] of edits) {
    if (!text.includes(a)) throw new Error(`${from}: "${a.slice(0, 60)}" not found`);
    text = text.replace(a, b);
  }
  mkdirSync(join(dir, to, '..'), { recursive: true });
  writeFileSync(join(dir, to), text);
}

export const OPEN2 = '**Status:** ☐ PASSED  ☐ BLOCKED';

/** Gates 1, 2, 3 and 7 filled and PASSED; 4 BLOCKED with its matrix blank; 5 and 8 untouched; 6 N/A. */
export const LOCK_EDITS: Edit[] = [
  ['# Pre-Build Lock: [FEATURE NAME]', '# Pre-Build Lock: User settings'],
  ['**Date locked:** [YYYY-MM-DD]', `**Date locked:** ${day(-5)}`],
  ['**Branch:** [branch name]', '**Branch:** feature/user-settings'],
  ['[specific quote or section]', `"${THESIS}"`],
  ['[any conflict between this change and the canonical, or "none"]', 'none'],
  [
    '[change adjusts to canonical / canonical updated first — state which]',
    'The change follows the canonical as written; nothing to update.',
  ],
  [
    `${OPEN2}\n\n*Artifact: this written statement.*`,
    '**Status:** ☑ PASSED  ☐ BLOCKED\n\n*Artifact: this written statement.*',
  ],
  ['[your scope statement]', 'A settings page where an owner picks the time zone of the morning summary.'],
  [
    '**IN:**\n- [item]\n- [item]',
    '**IN:**\n- The /settings route with a time zone select\n- Saving the chosen zone on the account',
  ],
  [
    "- [surface that won't change]\n- [surface that won't change]",
    '- The morning summary email layout\n- The dashboard and its routes',
  ],
  ['[your answer]', 'A new surface: the /settings route, which does not exist yet.'],
  ['[your answer]', 'It is the only place where an owner can change when the summary arrives.'],
  ['`V(N+1) = V(N) + [exactly one surgical change]`', '`V(N+1) = V(N) + a time zone setting on the account`'],
  ['split the build.\n\n[your answer]', 'split the build.\n\nIt fits on one line.'],
  [`${OPEN2}\n\n*Artifact: the IN/OUT`, '**Status:** ☑ PASSED  ☐ BLOCKED\n\n*Artifact: the IN/OUT'],
  [
    '| [route or component] | [specific behavior] | [manual step or test name] |\n| [route or component] | [specific behavior] | [manual step or test name] |\n| [add all surfaces — be exhaustive] | | |',
    '| /dashboard | Renders the same cards in the same order | `npm test -- dashboard.test.ts` |\n| Morning summary job | Sends at 06:00 server time to accounts with no setting | `npm test -- summary-job.test.ts` |',
  ],
  [
    `${OPEN2}\n\n*Artifact: filled table above.*`,
    '**Status:** ☑ PASSED  ☐ BLOCKED\n\n*Artifact: filled table above.*',
  ],
  [
    `${OPEN2}\n\n*Artifact: filled matrix above.*`,
    '**Status:** ☐ PASSED  ☑ BLOCKED\n\n*Artifact: filled matrix above.*',
  ],
  [`${OPEN2}  ☐ N/A (no interface changes)`, '**Status:** ☐ PASSED  ☐ BLOCKED  ☑ N/A (no interface changes)'],
  [
    '[e.g. "feature flag `new_dashboard`", "v1 settings schema", or "none"]',
    'The feature flag `settings_page`, which hides the new route until the canary is over.',
  ],
  [
    '[your criterion, or "N/A — no temporary code introduced"]',
    'Remove `settings_page` once every account has had the route for 14 days with no error in the logs.',
  ],
  ['**Kill date:** [YYYY-MM-DD, or N/A]', `**Kill date:** ${day(82)}`],
  [`${OPEN2}  ☐ N/A\n`, '**Status:** ☑ PASSED  ☐ BLOCKED  ☐ N/A\n'],
];

const RUNBOOK_TEXT = `# Runbook: Add the /settings route

**Feature:** user-settings
**Task:** 1 of 2
**Branch:** feature/user-settings

## FILES

\`\`\`
app/routes/settings.tsx
app/components/TimezoneSelect.tsx
\`\`\`

## TYPES

\`\`\`typescript
interface AccountSettings {
  timezone: string;
}
\`\`\`

## SKELETON

\`\`\`tsx
export default function Settings() {
  return (
    <form method="post">
      <TimezoneSelect name="timezone" />
      <button type="submit">Save</button>
    </form>
  );
}
\`\`\`

## PROHIBITED

- Do not modify files outside the FILES block
- Do not install npm packages not listed in this runbook
- Do not refactor code adjacent to the task
- Do not add abstractions beyond what the task requires
- Do not add error handling for scenarios that can't happen in this context
- No second save button and no autosave
- Do not touch \`app/routes/dashboard.tsx\`

## VALIDATE

- [ ] \`/settings\` shows one select of time zones and one Save button
- [ ] Saving redirects back to \`/settings\` with the chosen zone selected
- [ ] FILES check: only touched files listed above
- [ ] No new files created outside the allowlist
- [ ] Tests pass: \`npm test\`
`;

const LOG_ENTRIES = `## ${day(-7)}

**Branch:** main
**What happened:** Forked the starter and wrote the marketing truth. Chose the time zone setting as the first feature.

## ${day(-5)}

**Branch:** feature/user-settings
**What happened:** Filled gates 1 to 3 and 7 of the user-settings lock and wrote the runbook for the route. The blast radius is not done yet.

**RESUME HERE (if mid-flight):**
1. Fill the blast radius matrix of gate 4
2. Design the four states of the settings page for gate 5
3. Get the mocks signed off (gate 8)
`;

const ISSUES = `**UI-1 Time zone select is empty on Safari**
- **Severity:** medium
- **Symptoms:** The select shows no options in Safari 17.
- **Suspected cause:** unknown
- **Workaround:** none
- **Opened:** ${day(-4)}

**X-2 Summary sent twice**
- **Severity:** urgent
- **Symptoms:** Two emails arrive at 06:00.
- **Suspected cause:** [if known, otherwise "unknown"]
- **Workaround:** none
- **Opened:** ${IMPOSSIBLE}
`;

const LEARNING = `**[${day(-3)}] The summary job ran in UTC for everyone**
- **What happened:** Owners in Sydney got the summary at 17:00.
- **Why tests didn't catch it:** The job test froze the clock in UTC.
- **Fix:** The job test now runs in three zones.
- **Rule going forward:** Time-based tests run in more than one zone.
`;

const DECISION = `**Time zones as IANA names** — store zone names, never offsets
- **Decided:** ${day(-6)}
- **Rationale:** Offsets change with daylight saving.
- **Alternatives considered:** UTC offsets, ruled out for that reason.
`;

/** Turn a fresh copy of the kit-fork fixture in `dir` into the partly filled fork. */
export function fillKitFork(dir: string): void {
  const truth = 'marketing/canonical/MARKETING-TRUTH.md';
  edit(dir, truth, truth, [['[your thesis]', THESIS]]);
  edit(dir, 'project-management/FEATURE-LOCK.md', LOCK, LOCK_EDITS);
  writeFileSync(join(dir, RUNBOOK), RUNBOOK_TEXT);
  const pm = 'project-management';
  edit(dir, `${pm}/_log.md`, `${pm}/_log.md`, [
    ['## [Date of first session]\n\n[First entry goes here.]\n', LOG_ENTRIES],
  ]);
  edit(dir, `${pm}/KNOWN-ISSUES.md`, `${pm}/KNOWN-ISSUES.md`, [['[No open issues yet.]\n', ISSUES]]);
  edit(dir, `${pm}/TESTING-LEARNINGS.md`, `${pm}/TESTING-LEARNINGS.md`, [
    ['[No entries yet. First entry goes here when production teaches you something.]\n', LEARNING],
  ]);
  edit(dir, `${pm}/STACK.md`, `${pm}/STACK.md`, [
    ['[No permanent decisions recorded yet. First entry goes here.]\n', DECISION],
  ]);
}
