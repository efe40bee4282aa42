// The kit's registers put the first real entry after the `## Entry format` section with only a
// `---` rule between them: entries there are real entries, the format example above is not.
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/core/markdown.js';
import { parseKnownIssues } from '../../src/core/parse/known-issues.js';
import { parseLearnings } from '../../src/core/parse/learnings.js';
import { parseStack } from '../../src/core/parse/stack.js';
import { day } from '../helpers/dates.js';

const md = (text: string) => parseMarkdown('x.md', text);

const ISSUES = `# Known issues

## Entry format

**[ID] Short description**
- **Severity:** low / medium / high
- **Opened:** [YYYY-MM-DD]

---

**B-4 Totals off by a cent**
- **Severity:** low
- **Opened:** ${day(-54)}
`;

const LEARNINGS = `# Testing learnings

## Entry format

**[YYYY-MM-DD] Short description of what broke**
- **What happened:** [what failed in production]

---

**[${day(-53)}] Refunds skipped the ledger**
- **What happened:** A refund left the balance unchanged.
`;

const STACK = `# Stack decisions

## Entry format

**[Decision name]** — [one-line summary]
- **Decided:** [YYYY-MM-DD]

---

**Postgres** — one database for everything
- **Decided:** ${day(-56)}
`;

describe('kit registers: entries after the entry-format section and its `---`', () => {
  it('known issues: the entry after the rule is read, the example is not', () => {
    const { entries } = parseKnownIssues(md(ISSUES));
    expect(entries.map((e) => [e.id, e.line, e.openedValid])).toEqual([['B-4', 11, true]]);
  });

  it('testing learnings: the dated entry after the rule is read', () => {
    const { entries } = parseLearnings(md(LEARNINGS));
    expect(entries.map((e) => [e.date, e.line])).toEqual([[day(-53), 10]]);
  });

  it('stack decisions: the decision after the rule is read', () => {
    const { decisions } = parseStack(md(STACK));
    expect(decisions.map((d) => [d.name, d.line])).toEqual([['Postgres', 10]]);
  });

  it('a format section with no rule after it still hides its example', () => {
    const noRule = ISSUES.replace(
      `---\n\n**B-4 Totals off by a cent**\n- **Severity:** low\n- **Opened:** ${day(-54)}\n`,
      '',
    );
    expect(parseKnownIssues(md(noRule)).entries).toEqual([]);
  });
});
