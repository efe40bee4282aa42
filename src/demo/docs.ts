// The filled method documents of the example product: canonical docs and project management.
// Paths are workspace-relative; the text is written as it is.
import type { DemoDates, DemoFiles } from './tree.js';

export const docFiles = (d: DemoDates): DemoFiles => ({
  'marketing/canonical/BEHAVIOR-SPEC.md': `# Quillbill: behaviour spec

How Quillbill behaves, stated precisely enough to test. A feature that breaks a principle here is
stopped at gate 1 of its lock, or this page is changed first.

## What it does

**Summary:** Quillbill stores invoices as line items in integer cents, computes totals with tax
rounded once on the subtotal, and lists invoices with the late ones marked by days overdue.

## What it does not do

- It does not collect payments or hold money.
- It does not send reminders to clients on its own.
- It does not do accounting: no ledgers, no tax returns.

## Principles

1. **Cents, not floats:** every amount is an integer number of cents; text formatting happens only in views.
2. **One rounding:** tax is rounded once, on the subtotal, so totals match what a client computes by hand.
3. **The user decides:** Quillbill shows lateness; it never contacts a client without the user.

## Feature grammar

A request belongs in Quillbill only when every box can be ticked.

- [x] It helps write, send or follow up an invoice.
- [x] It works for a single freelancer with no setup.
- [x] It keeps every amount in integer cents.

## How it works

An invoice is draft, sent or paid. A sent invoice whose due date has passed is late; its days
overdue are the whole calendar days since the due date. Paying an invoice ends lateness.

## Validation criteria

- [x] A total equals the sum of its lines plus tax rounded once.
- [x] A paid invoice is never shown as late.
- [x] The invoice list has an empty state.
`,
  'marketing/canonical/MARKETING-TRUTH.md': `# Quillbill: marketing truth

What Quillbill is and how we talk about it. Features, copy and positioning argue from this page.
When positioning changes, this page changes first. Gate 1 of every lock quotes it.

## Thesis

**One line:** Quillbill lets a freelancer write an invoice in under a minute and see which clients have not paid.

## Who it is for

**Primary user:** A freelancer or two-person studio sending ten to forty invoices a month.
**Their frustration today:** Invoices live in a spreadsheet, and a late payment is noticed weeks after it was due.
**What changes for them:** Freelancers see at a glance which invoices are late and by how many days.

## Positioning

**Category:** Invoicing for freelancers.
**Differentiator:** Lateness is the first thing on the screen, not a report you have to run.
**Pitch:** Write the invoice, send it, forget it. Quillbill tells you when someone is late, and by how much.

## Language

| Say | Never say | Why |
|---|---|---|
| late | delinquent | our users are owed money; they are not debt collectors |
| client | customer | freelancers have clients |
| invoice | bill | one word for one thing |

## Channels

| Channel | What the visitor wants | Message |
|---|---|---|
| Landing page | to know if it is simpler than their spreadsheet | one minute per invoice, lateness at a glance |
| Freelancer forums | advice on chasing payments | see who is late before you have to chase |
`,
  'project-management/ARCHITECTURE.md': `# Quillbill: architecture

How the system is put together. Filled in before the first deploy, read before every deploy, and
updated after every deploy.

## Stack

**Frontend:** server-rendered HTML, no framework
**Backend:** Node 20, \`node:http\`
**Database:** none yet; invoices are in memory (SQLite is on the roadmap)
**Deploy target:** one small VM behind a reverse proxy
**CI/CD:** \`npm test\` on every push
**Key services:** none

## How the layers connect

A request reaches \`src/server.js\`, which reads the flags from \`src/flags.js\` and renders the list
with \`src/views/invoice-list.js\`. The view computes totals through \`src/invoice.js\` and lateness
through \`src/overdue.js\`; amounts become text only in \`src/money.js\`.

## Data model

| Entity | What it is | Key fields |
|---|---|---|
| Invoice | one bill to one client | id, client, issued, due, currency, taxRate, lines, paid |
| Line | one billed item | label, quantity, unitCents |

## Current deployment status

**Production URL:** https://quillbill.example
**Staging URL:** https://staging.quillbill.example

\`killdate ship\` rewrites the lines between the markers after every deploy.

<!-- killdate:deploy-status -->
- **Last deploy:** ${d.ago(7)}
- **Current version:** v1.1.0
- **Shipped with:** the SHIP-TO-PROD checklist, by hand
<!-- /killdate:deploy-status -->

## Hard constraints

- Runs on one 512 MB VM; no build step.
- No client data leaves the server.

## Known failure modes

| Layer | Typical failure | How it shows | Recovery |
|---|---|---|---|
| Config | a flag read as the wrong type | a feature missing for everyone | fix the environment value, restart |
| Model | float arithmetic sneaks into totals | totals off by a cent | keep integer cents; add a test |
`,
  'project-management/KNOWN-ISSUES.md': `# Quillbill: known issues

Open bugs only. When a bug is fixed its entry is deleted; git keeps the history.

### UI-1 — Totals column wraps on narrow phones

- **Severity:** low
- **Symptoms:** below 360 px wide the total moves under the client name.
- **Suspected cause:** the table has no minimum column width.
- **Workaround:** turn the phone sideways.
- **Opened:** ${d.ago(13)}

### CFG-1 — Overdue badges stay on when the variable is misspelt

- **Severity:** medium
- **Symptoms:** setting \`QUILLBILL_OVERDUE_BADGE=0\` (no S) leaves the badges on.
- **Suspected cause:** the flag only checks the exact variable name and defaults to on.
- **Workaround:** use the exact name \`QUILLBILL_OVERDUE_BADGES\`.
- **Opened:** ${d.ago(6)}
`,
  'project-management/ROADMAP.md': `# Quillbill: roadmap

Ordered by priority, top first. Updated at the end of every session.

## In progress

- [ ] Recurring invoices — monthly copies of a sent invoice (feature/recurring-invoices)

## Next

- [ ] Kill date ${d.shimKill} — delete the float-amounts shim (\`src/legacy/float-amounts.js\`)
- [ ] Kill date ${d.flagKill} — remove the \`overdue_badges\` flag once the sunset criterion holds
- [ ] SQLite storage — keep invoices across restarts

## Backlog

- [ ] PDF export — one invoice as a printable page
- [ ] Multiple currencies per account

## Completed

- [x] Overdue badges — days-late badge in the invoice list, behind \`overdue_badges\` (feature/overdue-badges)
- [x] Integer cents — every amount in cents, tax rounded once
`,
  'project-management/STACK.md': `# Quillbill: stack decisions

Permanent decisions and why they were taken. A decision recorded here is not reopened without new
evidence.

### Integer cents for every amount

- **Decided:** ${d.ago(72)}
- **Rationale:** floats drift by a cent on tax; clients notice, and it looks like cheating.
- **Alternatives considered:** a decimal library (one more dependency for what integers already do).

### No frontend framework

- **Decided:** ${d.ago(72)}
- **Rationale:** the product is a list and a form; server-rendered HTML is enough and has no build step.
- **Alternatives considered:** React with a bundler (a build pipeline the VM cannot afford).
`,
  'project-management/TESTING-LEARNINGS.md': `# Quillbill: testing learnings

Lessons from production that changed how we test.

### L-001 — Totals off by one cent

- **Date:** ${d.ago(29)}
- **What happened:** a client's total differed by one cent from the one they computed by hand.
- **Why tests missed it:** the fixtures used round prices, so rounding per line and once per invoice agreed.
- **Fix:** tax is rounded once on the subtotal; the test uses prices of 333 cents.
- **Rule going forward:** money fixtures use awkward amounts, never round ones.
`,
  'project-management/_log.md': `# Quillbill: session log

One entry per working session, the newest at the bottom. The last 80 lines are read at the start
of every session.

## ${d.ago(28)}

**Branch:** main
**What happened:** Moved every amount to integer cents and rounded tax once on the subtotal. The
one-cent difference reported by a client is gone; a test pins it.

## ${d.ago(23)}

**Branch:** feature/overdue-badges
**What happened:** Locked the overdue badges feature: all gates passed, flag \`overdue_badges\` with
a kill date of ${d.flagKill}. Wrote both runbooks from the signed mock.

**RESUME HERE:**
1. Hand runbook 01 (days overdue) to the executor.
2. Review it against FILES and VALIDATE before runbook 02.

## ${d.ago(7)}

**Branch:** feature/overdue-badges
**What happened:** Both tasks reviewed and merged behind the flag \`overdue_badges\`; deployed
1.1.0 (canonical docs and architecture filled in). The badges ship with 1.2.0.

## ${d.ago(1)}

**Branch:** feature/recurring-invoices
**What happened:** Started the lock for recurring invoices. Scope is not settled: the OUT list is
empty and the kill date is wrong, so the lock stays a draft.

**RESUME HERE:**
1. Decide what recurring invoices leave out and fill gate 2's OUT list.
2. Find the canonical sentence the feature derives from, or change the canonical first.
3. Fix the kill date in gate 7, then run \`killdate check\` until the lock is clean.
4. Ship v1.2.0 with \`killdate ship --feature overdue-badges\`, then watch its canary.
`,
});
