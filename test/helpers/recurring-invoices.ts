import { day, TODAY } from './dates.js';

// What a planner writes to take the demo's draft feature recurring-invoices to ready: edits
// that fill the gaps of its lock gate by gate, one mock and two runbooks. Each edit changes
// only its own part of the lock, so a test can watch the blockers go one gate at a time.

/** Apply `change` to the text of `## Gate <n>` only. */
function inGate(n: number, change: (section: string) => string): (lock: string) => string {
  return (lock) => {
    const start = lock.search(new RegExp(`^## Gate ${n}\\b`, 'm'));
    if (start < 0) throw new Error(`no "## Gate ${n}" in the lock`);
    const rest = lock.slice(start + 1).search(/^## /m);
    const end = rest < 0 ? lock.length : start + 1 + rest;
    return lock.slice(0, start) + change(lock.slice(start, end)) + lock.slice(end);
  };
}

const passed = (section: string) => section.replace(/\*\*Status:\*\* ☐ PASSED/, '**Status:** ☑ PASSED');
const field = (label: string, value: string) => (text: string) =>
  text.replace(new RegExp(`^\\*\\*${label}:\\*\\*.*$`, 'm'), `**${label}:** ${value}`);

export const lockEdits = {
  gate1: inGate(1, (s) =>
    passed(
      [
        field('Canonical reference', 'Write the invoice, send it, forget it.'),
        field('Conflicts', 'none: a repeat is the same invoice sent again, with a new number and date'),
        field('Resolution', 'the build follows the canonical; no canonical change needed.'),
      ].reduce((t, f) => f(t), s),
    ),
  ),
  header: (lock: string) =>
    [field('Date locked', TODAY), field('Branch', 'feature/recurring-invoices')].reduce((t, f) => f(t), lock),
  gate2: inGate(2, (s) =>
    passed(
      field(
        'Section vs replacement',
        'changes an existing surface: the actions of a sent invoice gain one switch; no new route.',
      )(
        s.replace(
          /\*\*OUT:\*\*\n/,
          '**OUT:**\n\n- schedules other than monthly\n- changing a repeat before it is sent\n- any change to totals or to `src/money.js`\n',
        ),
      ),
    ),
  ),
  gate3: inGate(3, (s) =>
    passed(
      s
        .replace(/\| looks fine \|/, '| test "the list shows one row per invoice" |')
        .replace(
          /^\| Server start-up \|.*$/m,
          '| Server start-up | starts with no repeat stored | `npm test` and GET /health |',
        ),
    ),
  ),
  gate4: inGate(4, (s) =>
    passed(
      s.replace(
        /^\| Background jobs \|.*$/m,
        '| Background jobs | yes, a daily copy job | yes, repeat records | yes | yes, job tests | no |',
      ),
    ),
  ),
  gate7: inGate(7, (s) =>
    passed(
      [
        field(
          'Sunset criterion',
          'every account has had monthly repeats on for 30 days with no B- issue opened about a copied invoice.',
        ),
        field('Kill date', day(156)),
      ].reduce((t, f) => f(t), s),
    ),
  ),
  gate8: inGate(8, (s) =>
    passed(field('Mocks', '`mocks/repeat-switch.html`')(s.replace(/- \[ \]/g, '- [x]'))),
  ),
};

export const REPEAT_MOCK = `<!doctype html>
<title>Quillbill sent invoice: 1.2 and 1.3 side by side</title>
<section>
  <h2>1.2 (N-1)</h2>
  <div class="invoice-actions"><button>Download PDF</button></div>
</section>
<section>
  <h2>1.3 (N)</h2>
  <div class="invoice-actions"><button>Download PDF</button>
    <label class="repeat"><input type="checkbox" name="repeat-monthly"> Repeat monthly</label></div>
</section>
`;

const PROHIBITED_DEFAULTS = `- Do not change any path outside FILES
- Do not add a dependency this runbook does not name
- Do not refactor code next to the task
- Do not add abstractions the task does not need
- Do not add error handling for cases that cannot happen here`;

export const RUNBOOK_1 = `# Runbook: daily repeat job

**Feature:** recurring-invoices
**Task:** 1 of 2
**Branch:** feature/recurring-invoices
**Maps to:** gate 2 IN item "a daily job that copies due repeats"

## FILES

\`\`\`
src/repeats.js
test/repeats.test.js
\`\`\`

## TYPES

\`\`\`ts
interface Repeat {
  invoiceId: string;
  dayOfMonth: number; // 1-28
}
declare function dueRepeats(repeats: Repeat[], today: string): Repeat[];
\`\`\`

## SKELETON

\`\`\`js
export function dueRepeats(repeats, today) {
  const day = Number(today.slice(8, 10));
  return repeats.filter((r) => r.dayOfMonth === day);
}
\`\`\`

## PROHIBITED

${PROHIBITED_DEFAULTS}
- Do not read the clock inside \`dueRepeats\`; today is always an argument
- Do not touch \`src/money.js\`

## VALIDATE

- [ ] \`node --test test/repeats.test.js\`
- [ ] A repeat on day 31 is refused when it is saved (days 1-28 only)
- [ ] Tests pass: \`npm test\`
- [ ] Only the paths in FILES changed
`;

export const RUNBOOK_2 = `# Runbook: repeat switch on a sent invoice

**Feature:** recurring-invoices
**Task:** 2 of 2
**Branch:** feature/recurring-invoices
**Maps to:** gate 8 mock element "repeat-monthly" in \`mocks/repeat-switch.html\`

## FILES

\`\`\`
src/views/invoice-list.js
src/repeats.js
test/repeats.test.js
\`\`\`

## TYPES

\`\`\`ts
declare function renderRepeatSwitch(invoice: { id: string; repeat?: boolean }): string;
\`\`\`

## SKELETON

\`\`\`html
<label class="repeat"><input type="checkbox" name="repeat-monthly"> Repeat monthly</label>
\`\`\`

## PROHIBITED

${PROHIBITED_DEFAULTS}
- Do not show the switch on an invoice that is not sent yet
- Do not change the empty state text

## VALIDATE

- [ ] \`node --test test/repeats.test.js\`
- [ ] Tests pass: \`npm test\`
- [ ] Only the paths in FILES changed
`;
