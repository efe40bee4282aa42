// The register parsers (log, roadmap, known issues, testing learnings, dev heuristics, stack,
// iteration notes) and their rules, on kit-shaped templates, our formats and odd input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { type MdDoc, parseMarkdown } from '../../src/core/markdown.js';
import { parseContext } from '../../src/core/parse/context.js';
import { parseHeuristics } from '../../src/core/parse/heuristics.js';
import { parseIteration } from '../../src/core/parse/iteration.js';
import { parseKnownIssues } from '../../src/core/parse/known-issues.js';
import { parseLearnings } from '../../src/core/parse/learnings.js';
import { parseLog } from '../../src/core/parse/log.js';
import { parseRoadmap } from '../../src/core/parse/roadmap.js';
import { parseStack } from '../../src/core/parse/stack.js';
import { rules } from '../../src/core/rules/index.js';
import { day, IMPOSSIBLE } from '../helpers/dates.js';

const md = (text: string, path = 'x.md') => parseMarkdown(path, text);
const PM = 'project-management';

// Kit-shaped templates, in our own words: a preamble, a fenced or plain entry-format
// example, and a placeholder line where the entries will go.
const KIT_LOG = `# Session log\n\nNewest entry last.\n\n---\n\n## Entry format\n\n\`\`\`\n## YYYY-MM-DD\n\n**Branch:** [branch]\n**What happened:** [two sentences]\n\n**RESUME HERE (if mid-flight):**\n1. [step]\n\`\`\`\n\n---\n\n## [Date of first session]\n\n[First entry here.]\n`;
const KIT_ISSUES = `# Known issues\n\nOpen bugs only.\n\n## Bug ID prefixes\n\n- \`B-\` logic\n- \`UI-\` rendering\n\n## Entry format\n\n**[ID] Short description**\n- **Severity:** low / medium / high\n- **Symptoms:** [what you see]\n- **Opened:** [YYYY-MM-DD]\n\n---\n\n[No open issues yet.]\n`;
const KIT_LEARNINGS = `# Testing learnings\n\n## What belongs here\n\n- a test passed, production broke\n\n## Entry format\n\n**[YYYY-MM-DD] What broke**\n- **What happened:** [x]\n- **Why tests didn't catch it:** [x]\n- **Fix:** [x]\n- **Rule going forward:** [x]\n\n---\n\n[No entries yet.]\n`;
const KIT_HEURISTICS = `# Dev heuristics\n\n## Format\n\nDomain, heuristic, why.\n\n## Authentication\n\n[Add entries here as you learn them.]\n\n> Example: "Call authenticate() before reads."\n\n## [Your stack — add domains as needed]\n\n---\n\n*A living document.*\n`;
const KIT_STACK = `# Stack decisions\n\n## Governing philosophy\n\n- **Decided stays decided.** Reopen only with evidence.\n\n## Entry format\n\n**[Decision name]** — [summary]\n- **Decided:** [YYYY-MM-DD]\n- **Rationale:** [why]\n- **Alternatives considered:** [what else]\n\n---\n\n[No permanent decisions recorded yet.]\n`;
const KIT_ROADMAP = `# Roadmap\n\n## In progress\n\n- [ ] [current item] — [one line]\n\n## Next\n\n- [ ] [item]\n\n## Backlog\n\n- [ ] [item]\n\n## Completed\n\n- [x] Project setup\n`;

describe('kit templates parse to no entries and raise no findings', () => {
  it('models are empty where the kit has only a format example', () => {
    expect(parseLog(md(KIT_LOG)).entries).toEqual([]);
    expect(parseKnownIssues(md(KIT_ISSUES)).entries).toEqual([]);
    expect(parseLearnings(md(KIT_LEARNINGS)).entries).toEqual([]);
    expect(parseStack(md(KIT_STACK)).decisions).toEqual([]);
    expect(parseHeuristics(md(KIT_HEURISTICS)).domains).toEqual([
      { name: 'Authentication', line: 7, globs: [], entries: [] },
    ]);
  });

  it('no register rule fires on the kit templates', () => {
    const files = {
      [`${PM}/_log.md`]: KIT_LOG,
      [`${PM}/KNOWN-ISSUES.md`]: KIT_ISSUES,
      [`${PM}/TESTING-LEARNINGS.md`]: KIT_LEARNINGS,
      [`${PM}/DEV-HEURISTICS.md`]: KIT_HEURISTICS,
      [`${PM}/STACK.md`]: KIT_STACK,
      [`${PM}/ROADMAP.md`]: KIT_ROADMAP,
    };
    const mine = rules.filter((r) =>
      /^(log|roadmap|issues|learnings|heuristics|stack|iteration)\//.test(r.id),
    );
    expect(runRules(exampleWorkspace(files), mine)).toEqual([]);
  });
});

describe('session log', () => {
  const LOG = `# Session log\n\n\`\`\`\n## ${day(-10190)}\n\`\`\`\n\n## ${day(-269)}\n\n**Branch:** main\n**What happened:** Set up.\n\n**RESUME HERE:**\n1. Old step\n\n## ${day(-268)} — search\n\n**Branch:** \`feat/search\`\n**What happened:** Indexed.\n\n**RESUME HERE (if mid-flight):**\n1. Wire the API\n2. Run tests\n- a bullet\n`;
  const model = parseLog(md(LOG));

  it.each([
    [0, { date: day(-269), dateValid: true, suffix: '', line: 7 }],
    [1, { date: day(-268), dateValid: true, suffix: 'search', line: 15 }],
  ])('entry %i', (i, want) => {
    expect(model.entries[i]).toMatchObject(want);
  });

  it('reads fields and the live RESUME HERE (the newest entry)', () => {
    expect(model.entries).toHaveLength(2);
    expect(model.entries[1]?.branch?.value).toBe('`feat/search`');
    expect(model.liveResume).toEqual({
      line: 20,
      steps: [
        { text: 'Wire the API', line: 21 },
        { text: 'Run tests', line: 22 },
      ],
      others: [{ text: 'a bullet', line: 23 }],
    });
  });

  it.each([
    [`## ${IMPOSSIBLE}\n\n**Branch:** a\n**What happened:** b\n`, ['log/date-heading']],
    [
      `## ${day(-268)}\n\n**Branch:** a\n**What happened:** b\n\n## Notes\n\n**Branch:** a\n**What happened:** b\n`,
      ['log/date-heading'],
    ],
    [`## ${day(-268)}\n\n**What happened:** b\n`, ['log/missing-field']],
    [
      `## ${day(-268)}\n\n**Branch:** a\n**What happened:** b\n\n## ${day(-269)}\n\n**Branch:** a\n**What happened:** b\n`,
      ['log/date-order'],
    ],
    [
      `## ${day(-268)}\n\n**Branch:** a\n**What happened:** b\n\n**RESUME HERE:**\n- carry on\n`,
      ['log/resume-steps'],
    ],
    [LOG, []],
  ])('rules on %j', (text, expected) => {
    expect(ruleIds({ [`${PM}/_log.md`]: text }, 'log/')).toEqual(expected);
  });
});

describe('roadmap', () => {
  it('reads the four sections with checkbox items', () => {
    const m = parseRoadmap(md('## In Progress\n\n- [ ] A\n\n## Next\n\n- B\n\n## Done\n\n- [x] C\n'));
    expect(m.byKey['in-progress']?.items).toEqual([{ text: 'A', checked: false, line: 3 }]);
    expect(m.byKey.next?.items[0]?.checked).toBeNull();
    expect(m.byKey.completed?.items[0]).toEqual({ text: 'C', checked: true, line: 11 });
    expect(m.byKey.backlog).toBeUndefined();
  });
});

describe('known issues', () => {
  const fieldsOf = (opened: string) =>
    `- **Severity:** high\n- **Symptoms:** hangs\n- **Suspected cause:** unknown\n- **Workaround:** none\n- **Opened:** ${opened}\n`;

  it.each([
    ['kit bold head', `**B-1 Export hangs**\n${fieldsOf(day(-269))}`, 'B-1', 'B', 'Export hangs'],
    ['bracketed id', `**[INT-7] Webhook drops**\n${fieldsOf(day(-269))}`, 'INT-7', 'INT', 'Webhook drops'],
    ['heading', `### SEC-2 — Token in logs\n\n${fieldsOf(day(-269))}`, 'SEC-2', 'SEC', 'Token in logs'],
    [
      'fields in the same paragraph',
      `**P-3 Slow list**\n**Severity:** low\n**Opened:** ${day(-269)}\n`,
      'P-3',
      'P',
      'Slow list',
    ],
  ])('%s', (_name, text, id, prefix, title) => {
    const [e] = parseKnownIssues(md(`# Known issues\n\n${text}`)).entries;
    expect(e).toMatchObject({ id, prefix, title, idValid: true, line: 3, openedValid: true });
    expect(e?.severity?.value).toMatch(/high|low/);
  });

  it.each([
    [`**B-1 A**\n${fieldsOf(day(-269))}\n**B-1 B**\n${fieldsOf(day(-269))}`, ['issues/duplicate-id']],
    [`**BUG-1 A**\n${fieldsOf(day(-269))}`, ['issues/prefix']],
    [`**Crash on save**\n${fieldsOf(day(-269))}`, ['issues/id-format']],
    [`**B-1 A**\n${fieldsOf(IMPOSSIBLE)}`, ['issues/opened-date']],
    ['**B-1 A**\n- **Severity:** high\n', ['issues/missing-field']],
  ])('rules on %j', (text, expected) => {
    expect(ruleIds({ [`${PM}/KNOWN-ISSUES.md`]: `# Known issues\n\n${text}` }, 'issues/')).toEqual(expected);
  });
});

describe('testing learnings, heuristics, stack, iteration notes', () => {
  it('reads kit-style and numbered learnings', () => {
    const text = `## Entries\n\n**[${day(-269)}] Null stock**\n- **What happened:** null\n- **Why tests didn't catch it:** invented fixture\n- **Fix:** real fixture\n- **Rule going forward:** check real data\n\n### L-002 — ${day(-266)} — Slow job\n\n- **What happened:** slow\n`;
    const [a, b] = parseLearnings(md(text)).entries;
    expect(a).toMatchObject({ id: '', date: day(-269), dateValid: true, title: 'Null stock', line: 3 });
    expect(a?.whyMissed?.value).toBe('invented fixture');
    expect(b).toMatchObject({ id: 'L-002', idValid: true, date: day(-266), title: 'Slow job', line: 9 });
    expect(b?.fix).toBeUndefined();
  });

  it('reads heuristic domains with path globs and skips examples', () => {
    const text = `## Database\n\nPaths: \`db/**\`, \`prisma/schema.prisma\`\n\n- Migrations before code.\n\n> Example: quoted\n\n[Add entries here.]\n`;
    expect(parseHeuristics(md(text)).domains).toEqual([
      {
        name: 'Database',
        line: 1,
        globs: ['db/**', 'prisma/schema.prisma'],
        globsLine: 3,
        entries: [{ text: 'Migrations before code.', line: 5 }],
      },
    ]);
  });

  it('reads stack decisions', () => {
    const text = `**Postgres** — one database\n- **Decided:** ${day(-269)}\n- **Rationale:** joins\n- **Alternatives considered:** SQLite\n`;
    expect(parseStack(md(text)).decisions[0]).toMatchObject({
      name: 'Postgres',
      summary: 'one database',
      decidedValid: true,
      line: 1,
    });
  });

  it.each([
    [
      `feature-builds/_iterations/${day(-268)}-pricing-copy/ITERATION-NOTE.md`,
      day(-268),
      true,
      'pricing-copy',
      true,
    ],
    [`feature-builds/_iterations/${IMPOSSIBLE}-x/ITERATION-NOTE.md`, IMPOSSIBLE, false, 'x', true],
    ['feature-builds/_iterations/pricing/ITERATION-NOTE.md', '', false, '', false],
  ])('iteration folder %s', (path, date, dateValid, slug, slugValid) => {
    const note = parseIteration(md('# Copy tweak\n\n**Why:** clearer\n', path));
    expect(note).toMatchObject({ date, dateValid, slug, slugValid, title: 'Copy tweak' });
    expect(note.fields[0]).toMatchObject({ label: 'Why', value: 'clearer', line: 3 });
  });
});

describe('odd input', () => {
  const parsers: [string, (d: MdDoc) => unknown][] = [
    ['context', parseContext],
    ['log', parseLog],
    ['roadmap', parseRoadmap],
    ['known-issues', parseKnownIssues],
    ['learnings', parseLearnings],
    ['heuristics', parseHeuristics],
    ['stack', parseStack],
    ['iteration', parseIteration],
  ];

  it('CRLF and a BOM parse the same as LF', () => {
    const text = `## ${day(-269)}\n\n**Branch:** main\n**What happened:** ok\n\n**RESUME HERE:**\n1. next\n`;
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    for (const [, parse] of parsers) expect(parse(md(crlf))).toEqual(parse(md(text)));
    expect(ruleIds({ [`${PM}/_log.md`]: crlf }, 'log/')).toEqual([]);
  });

  const pieces = fc.constantFrom(
    `## ${IMPOSSIBLE}\n`,
    '## ',
    '**B-1 x**\n',
    '**[L-001] y**\n',
    '- **Severity:** \n',
    '- **Opened:** 2026-13-1\n',
    '**RESUME HERE:**\n',
    '1. a\n',
    '- [x] b\n',
    '> c\n',
    '```\n',
    '| a |\n|---|\n',
    '**Paths:** `[`\n',
    '\r\n',
    '\uFEFF',
    '\n',
    '***',
    '[',
    '`',
    '— ',
    '### SEC-1 —\n',
    '**Decided:**\n',
  );
  it.each(parsers)('%s never throws on arbitrary text', (_name, parse) => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        (t) => void parse(md(t, 'feature-builds/_iterations/a/ITERATION-NOTE.md')),
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }),
        (p) => void parse(md(p.join(''), 'ITERATION-NOTE.md')),
      ),
      { numRuns: 200 },
    );
  });
});

function ruleIds(files: Record<string, string>, prefix: string): string[] {
  const mine = rules.filter((r) => r.id.startsWith(prefix));
  return [...new Set(runRules(exampleWorkspace(files), mine).map((f) => f.rule))].sort();
}
