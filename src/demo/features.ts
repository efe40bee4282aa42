// Two features: overdue-badges (lock passed, two runbooks, a mock) and recurring-invoices,
// a draft lock with gaps that `check` reports.
// Paths are workspace-relative; the text is written as it is.
import type { DemoDates, DemoFiles } from './tree.js';

export const featureFiles = (d: DemoDates): DemoFiles => ({
  'feature-builds/overdue-badges/PRE-BUILD-LOCK.md': `# Pre-build lock: overdue-badges

**Date locked:** ${d.ago(23)}
**Branch:** feature/overdue-badges

## Gate 1 — Canonical alignment

**Canonical reference:** Freelancers see at a glance which invoices are late and by how many days.
**Conflicts:** none
**Resolution:** the build follows the canonical; no canonical change needed.

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 2 — Scope lock

**Scope statement:** Add a "N days late" badge next to the client name of every late, unpaid invoice in the invoice list.

**IN:**

- \`daysOverdue(invoice, today)\` in \`src/overdue.js\`
- the badge in the invoice list, behind the \`overdue_badges\` flag

**OUT:**

- reminders sent to clients
- sorting or filtering the list by lateness
- any change to totals or to \`src/money.js\`

**Section vs replacement:** changes an existing surface: the client cell of each row in the invoice list table; no new route.
**Unique job:** shows how late an unpaid invoice is, which no surface shows today.
**Single surgical change:** V(N+1) = V(N) + a days-late badge on late invoices in the list

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 3 — Invariants inventory

| Surface | Must stay unchanged | How to verify |
|---|---|---|
| Invoice totals | every total, to the cent | \`node --test test/invoice.test.js\` |
| Empty invoice list | shows "No invoices yet" | test "an empty list says so" |
| Flag off | the list renders exactly as in 1.1 | test "the badge shows only with the overdue_badges flag on" |

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 4 — Blast radius

| Touchpoint | Behaviour changes | Data changes | State changes | Tests change | Coordinated update |
|---|---|---|---|---|---|
| Invoice list | yes, badge in the client cell | no | no | yes, new badge test | no |
| Totals and money | no | no | no | no | no |
| Server and routes | no | no | no | no | no |
| Flags | yes, new flag \`overdue_badges\` | no | no | yes | config on the VM |

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 5 — Four-state rendering

| Surface | Empty | Loading | Error | Populated |
|---|---|---|---|---|
| Invoice list | existing empty state, no badge | server-rendered, none | existing error page | badge on late rows only |

**Status:** ☑ PASSED ☐ BLOCKED ☐ N/A

## Gate 6 — Interface contract

| Interface | Change type | Rollback path | Tests updated |
|---|---|---|---|
| \`renderInvoiceList(invoices, today, flags)\` | Breaking | revert runbook 02; callers pass two arguments again | yes |

**Status:** ☑ PASSED ☐ BLOCKED ☐ N/A

## Gate 7 — Sunset criterion and kill date

**Temporary code:** feature flag \`overdue_badges\` in \`src/flags.js\`
**Sunset criterion:** every account has had the flag on for 14 days with no UI- issue opened about the badge.
**Kill date:** ${d.flagKill}

**Status:** ☑ PASSED ☐ BLOCKED ☐ N/A

## Gate 8 — Mocks sign-off

- [x] Full-surround render: the whole list with badges in place
- [x] Side by side: V(N-1) and V(N) next to each other, identical outside the change
- [x] Skeletons: each runbook's SKELETON comes from these mocks

**Mocks:** \`mocks/invoice-list.html\`

**Status:** ☑ PASSED ☐ BLOCKED
`,
  'feature-builds/overdue-badges/mocks/invoice-list.html': `<!doctype html>
<title>Quillbill invoice list: 1.1 and 1.2 side by side</title>
<style>
  body { font-family: sans-serif; display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
  .badge.overdue { background: #fde2e1; color: #8a1c13; padding: 0 .4rem; border-radius: .3rem; }
</style>
<section>
  <h2>1.1 (N-1)</h2>
  <table class="invoices">
    <tr><td>Q-101</td><td>Harbour Studio</td><td class="total">EUR 1,440.00</td></tr>
    <tr><td>Q-102</td><td>Moss &amp; Sons</td><td class="total">EUR 1,620.00</td></tr>
  </table>
</section>
<section>
  <h2>1.2 (N)</h2>
  <table class="invoices">
    <tr><td>Q-101</td><td>Harbour Studio <span class="badge overdue">25 days late</span></td><td class="total">EUR 1,440.00</td></tr>
    <tr><td>Q-102</td><td>Moss &amp; Sons</td><td class="total">EUR 1,620.00</td></tr>
  </table>
</section>
`,
  'feature-builds/overdue-badges/runbook-01-days-overdue.md': `# Runbook: days overdue

**Feature:** overdue-badges
**Task:** 1 of 2
**Branch:** feature/overdue-badges
**Maps to:** gate 2 IN item "\`daysOverdue(invoice, today)\` in \`src/overdue.js\`"

## FILES

\`\`\`
src/overdue.js
test/overdue.test.js
\`\`\`

## TYPES

\`\`\`ts
interface Invoice {
  id: string;
  client: string;
  due: string; // YYYY-MM-DD
  paid?: boolean;
}
declare function daysOverdue(invoice: Invoice, today: string): number;
\`\`\`

## SKELETON

\`\`\`js
export function daysOverdue(invoice, today) {
  if (invoice.paid) return 0;
  // whole calendar days from invoice.due to today, never below 0
}
\`\`\`

## PROHIBITED

- Do not change any path outside FILES
- Do not add a dependency this runbook does not name
- Do not refactor code next to the task
- Do not add abstractions the task does not need
- Do not add error handling for cases that cannot happen here
- Do not read the clock inside \`daysOverdue\`; today is always an argument
- Do not touch \`src/invoice.js\` or \`src/money.js\`

## VALIDATE

- [ ] \`node --test test/overdue.test.js\`
- [ ] A paid invoice gives 0 whatever the date
- [ ] Tests pass: \`npm test\`
- [ ] Only the paths in FILES changed
`,
  'feature-builds/overdue-badges/runbook-02-list-badge.md': `# Runbook: badge in the invoice list

**Feature:** overdue-badges
**Task:** 2 of 2
**Branch:** feature/overdue-badges
**Maps to:** gate 8 mock element "badge overdue" in \`mocks/invoice-list.html\`

## FILES

\`\`\`
src/views/invoice-list.js
src/flags.js
src/server.js
test/overdue.test.js
\`\`\`

## TYPES

\`\`\`ts
interface Flags {
  overdue_badges: boolean;
}
declare function renderInvoiceList(invoices: Invoice[], today: string, flags: Flags): string;
\`\`\`

## SKELETON

\`\`\`html
<tr><td>Q-101</td><td>Harbour Studio <span class="badge overdue">25 days late</span></td><td class="total">EUR 1,440.00</td></tr>
\`\`\`

## PROHIBITED

- Do not change any path outside FILES
- Do not add a dependency this runbook does not name
- Do not refactor code next to the task
- Do not add abstractions the task does not need
- Do not add error handling for cases that cannot happen here
- Do not show the badge when \`overdue_badges\` is off
- Do not change the empty state text

## VALIDATE

- [ ] \`node --test test/overdue.test.js\`
- [ ] With \`QUILLBILL_OVERDUE_BADGES=0\` the list matches the 1.1 column of the mock
- [ ] Tests pass: \`npm test\`
- [ ] Only the paths in FILES changed
`,
  'feature-builds/recurring-invoices/PRE-BUILD-LOCK.md': `# Pre-build lock: recurring-invoices

**Date locked:**
**Branch:** TBD

## Gate 1 — Canonical alignment

**Canonical reference:** Quillbill sends every invoice again each month without being asked.
**Conflicts:**
**Resolution:** [the build adjusts, or the canonical doc is changed first]

**Status:** ☐ PASSED ☐ BLOCKED

## Gate 2 — Scope lock

**Scope statement:** Let a sent invoice repeat on the same day of every month.

**IN:**

- a "repeat monthly" switch on a sent invoice
- a daily job that copies due repeats

**OUT:**

**Section vs replacement:** TBD
**Unique job:** no surface creates invoices on a schedule today.
**Single surgical change:** V(N+1) = V(N) + monthly repeats of a sent invoice

**Status:** ☐ PASSED ☐ BLOCKED

## Gate 3 — Invariants inventory

| Surface | Must stay unchanged | How to verify |
|---|---|---|
| Invoice totals | every total, to the cent | \`node --test test/invoice.test.js\` |
| Invoice list | rows and badges as in 1.2 | looks fine |
| Server start-up | |  |

**Status:** ☐ PASSED ☐ BLOCKED

## Gate 4 — Blast radius

| Touchpoint | Behaviour changes | Data changes | State changes | Tests change | Coordinated update |
|---|---|---|---|---|---|
| Invoice list | yes | yes | no | yes | no |
| Background jobs | yes | yes | yes | | |

**Status:** ☐ PASSED ☐ BLOCKED

## Gate 5 — Four-state rendering

**Status:** ☐ PASSED ☐ BLOCKED ☑ N/A

## Gate 6 — Interface contract

**Status:** ☐ PASSED ☐ BLOCKED ☑ N/A

## Gate 7 — Sunset criterion and kill date

**Temporary code:** flag \`recurring_invoices\`
**Sunset criterion:** ?
**Kill date:** ${d.impossible}

**Status:** ☐ PASSED ☐ BLOCKED ☐ N/A

## Gate 8 — Mocks sign-off

- [ ] Full-surround render: the whole screen with the new part in place
- [ ] Side by side: V(N-1) and V(N) next to each other, identical outside the change
- [ ] Skeletons: each runbook's SKELETON comes from these mocks

**Mocks:**

**Status:** ☐ PASSED ☐ BLOCKED
`,
});
