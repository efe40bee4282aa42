// A repo in the killdate-kit's format (CLAUDE.md is its context document) is judged by the kit's
// own rules: what its templates and worked examples do warns at most (METHOD section 11).
// Every workspace here is inline, kit-shaped, in our own words.
import { describe, expect, it } from 'vitest';
import { assembleBrief } from '../../src/core/brief.js';
import { runRules } from '../../src/core/check.js';
import { conditions } from '../../src/core/checkpoint-conditions.js';
import { exampleWorkspace } from '../../src/core/example.js';
import type { Finding } from '../../src/core/finding.js';
import { parseLock } from '../../src/core/parse/lock.js';
import { rules } from '../../src/core/rules/index.js';

const RB = 'feature-builds/user-settings/runbook-settings-route.md';
const LOCK = 'feature-builds/user-settings/PRE-BUILD-LOCK.md';
const CLAUDE =
  '# Ledgerline — Claude Context\n\n## Reference — Read on Trigger\n\n| Doc | Read when |\n|---|---|\n';

// A runbook the way the kit's worked example is written: prose SKELETON, only task-specific
// prohibitions, no Maps to field, `runbook-<task>.md` name.
const KIT_RUNBOOK = `# Runbook: Add the /settings route

**Feature:** user-settings
**Task:** 1 of 3
**Branch:** feature/user-settings

## FILES

\`\`\`
app/routes/settings.tsx
app/components/SettingsForm.tsx
\`\`\`

## TYPES

\`\`\`typescript
interface Settings {
  timezone: string;
}
\`\`\`

## SKELETON

A page at \`/settings\` with one form: a time zone select and a Save button. The form posts to the
same route and redirects back to it. Nothing is stored yet; the loader returns fixed data.

## PROHIBITED

- No database writes in this task (task 2 does them)
- Do not touch \`app/routes/dashboard.tsx\`
- No client-side validation beyond \`required\`

## VALIDATE

- [ ] \`/settings\` shows the select and the Save button
- [ ] Saving redirects back to \`/settings\`
- [ ] Types pass: \`npm run typecheck\`
`;

const on = (files: Record<string, string>, file = RB) =>
  runRules(exampleWorkspace(files)).filter((f) => f.file === file);
const keyed = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.severity}`).sort();

describe('the kit worked example as a runbook', () => {
  it('in a kit-format repo: warnings only, no file-name or maps-to finding', () => {
    const found = on({ 'CLAUDE.md': CLAUDE, [RB]: KIT_RUNBOOK });
    expect(keyed(found)).toEqual(['runbook/prohibited-defaults warning', 'runbook/skeleton-code warning']);
    expect(found.find((f) => f.rule === 'runbook/skeleton-code')?.message).toContain(
      'the brief marks it as prose',
    );
    expect(found.find((f) => f.rule === 'runbook/prohibited-defaults')?.message).toContain(
      'the brief carries every default anyway',
    );
  });

  it('in a repo with AGENTS.md (our layout): SKELETON prose is an error, name and Maps to warn', () => {
    const found = on({ 'AGENTS.md': CLAUDE, [RB]: KIT_RUNBOOK });
    expect(keyed(found)).toEqual([
      'runbook/file-name warning',
      'runbook/maps-to warning',
      'runbook/prohibited-defaults warning',
      'runbook/skeleton-code error',
    ]);
  });

  it('a config override still raises the kit warning to an error', () => {
    const found = on({
      'CLAUDE.md': CLAUDE,
      [RB]: KIT_RUNBOOK,
      'killdate.config.yaml': 'rules:\n  runbook/skeleton-code: error\n',
    });
    expect(found.find((f) => f.rule === 'runbook/skeleton-code')?.severity).toBe('error');
  });

  it('CP-3 is not blocked by the missing Maps to field in a kit-format repo', () => {
    const ws = exampleWorkspace({ 'CLAUDE.md': CLAUDE, [RB]: KIT_RUNBOOK });
    const feature = ws.features()[0]!;
    const blockers = conditions('CP-3', { ws, feature, findings: runRules(ws), mocks: [] });
    expect(blockers).toEqual([]);
    const ours = exampleWorkspace({ 'AGENTS.md': CLAUDE, [RB]: KIT_RUNBOOK });
    const strict = conditions('CP-3', {
      ws: ours,
      feature: ours.features()[0]!,
      findings: runRules(ours),
      mocks: [],
    });
    expect(strict.map((b) => b.rule)).toEqual(['runbook/skeleton-code']);
  });

  it('the brief always carries the default prohibitions, and says when SKELETON is prose', () => {
    const text = assembleBrief({
      feature: 'user-settings',
      task: 'settings-route',
      executorRules: [],
      runbook: { path: RB, text: KIT_RUNBOOK },
      proseSkeleton: true,
    });
    expect(text).toContain('## Prohibited in every task\n\n- Do not modify files outside the FILES block\n');
    expect(text).toContain('- Do not add error handling for cases that cannot happen here');
    expect(text).toMatch(
      /The SKELETON below is prose, not code\.[^\n]*\n\n### Runbook: Add the \/settings route/,
    );
    const coded = assembleBrief({
      feature: 'user-settings',
      task: 'settings-route',
      executorRules: [],
      runbook: { path: RB, text: KIT_RUNBOOK },
    });
    expect(coded).not.toContain('prose, not code');
    expect(coded).toContain('## Prohibited in every task');
  });

  it("the pasted documents' headings nest under the brief's own sections; fenced lines stay", () => {
    const text = assembleBrief({
      feature: 'user-settings',
      task: 'settings-route',
      executorRules: [
        {
          path: '.cursor/rules/scope.mdc',
          text: '---\nalwaysApply: true\n---\n# Scope\n\n## Never\n\n- x\n',
        },
      ],
      runbook: {
        path: RB,
        text: '# Runbook: a\n\n## FILES\n\n```md\n# not a heading\n```\n\n## VALIDATE\n\n- [ ] Tests pass: `npm test`\n',
      },
    });
    const headings = text.split('\n').filter((l) => /^#+\s/.test(l));
    expect(headings).toEqual([
      '# Executor brief: user-settings, task settings-route',
      '## Global rules',
      '### .cursor/rules/scope.mdc',
      '#### Scope',
      '##### Never',
      '## Prohibited in every task',
      `## Runbook (${RB})`,
      '### Runbook: a',
      '#### FILES',
      '# not a heading',
      '#### VALIDATE',
    ]);
  });
});

const CANON = 'marketing/canonical/MARKETING-TRUTH.md';
const TRUTH = `# Ledgerline — Marketing Truth

## One-line product thesis

One sentence: what it does, for whom.

> Example: "A daily briefing for shop owners."

Ledgerline shows each bakery owner, every morning, what sold out and what to bake more of.

## Who it's for

**Primary user:** [job title or role]

## Channels
`;

const gate1 = (cite: string) => `# Pre-Build Lock: User settings

## Gate 1 — Canonical alignment

**Canonical reference:**
${cite}

**Conflicts identified:**
none

**Resolution:**
The build follows the canonical as written.

**Status:** ☑ PASSED  ☐ BLOCKED

## Gate 2 — Scope lock

**Scope statement** — one sentence: what is new.

A settings page where an owner picks the time zone of the morning summary.

**Section-vs-Replacement** — one sentence.

> Example: "Replaces one component. One slot. No route change."

A new surface. One route. One form. No existing page changes.

**Unique-Job** — one sentence.

Only place to set the summary time. Nothing else shows it.

**Status:** ☐ PASSED  ☐ BLOCKED
`;

describe('gate 1: a citation is a quote of some length or a filled heading', () => {
  const cite = (text: string) =>
    runRules(exampleWorkspace({ 'CLAUDE.md': CLAUDE, [CANON]: TRUTH, [LOCK]: gate1(text) })).filter(
      (f) => f.rule === 'lock/citation-not-found',
    );
  it.each([
    '"Ledgerline shows each bakery owner, every morning, what sold out"',
    'MARKETING-TRUTH.md — One-line product thesis',
    '"One-line product thesis"',
  ])('%s counts', (text) => expect(cite(text)).toEqual([]));
  it.each([
    ['"Who it\'s for"', /heading "who it's for", whose section is empty or unfilled/],
    ['Channels', /heading "channels", whose section is empty or unfilled/],
    ['Ledgerline', /quote "Ledgerline" is one word/],
    ['"every morning"', /quote "every morning" is 2 words/],
    ['"Ledgerline is for florists and their suppliers"', /is not in any canonical document/],
  ])('%s does not count', (text, why) => {
    const found = cite(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toMatch(why);
  });
  it('CP-0 refuses the same citations', () => {
    const ws = exampleWorkspace({ 'CLAUDE.md': CLAUDE, [CANON]: TRUTH, [LOCK]: gate1('"Channels"') });
    const feature = ws.features()[0]!;
    const blockers = conditions('CP-0', { ws, feature, findings: runRules(ws), mocks: [] });
    expect(blockers.map((b) => b.message).join('\n')).toMatch(/whose section is empty or unfilled/);
    expect(parseLock(ws.doc(LOCK)!).alignment?.citation?.value).toBe('"Channels"');
  });
});

describe('lock/scope-sentence asks one sentence of the scope statement only', () => {
  const scope = (lock: string) =>
    runRules(exampleWorkspace({ 'CLAUDE.md': CLAUDE, [CANON]: TRUTH, [LOCK]: lock })).filter(
      (f) => f.rule === 'lock/scope-sentence',
    );
  it('several short sentences in section-vs-replacement and unique-job are fine', () => {
    expect(scope(gate1('"every morning, what sold out and what to bake"'))).toEqual([]);
  });
  it('two sentences in the scope statement are not', () => {
    const lock = gate1('"every morning, what sold out"').replace(
      'A settings page where an owner picks the time zone of the morning summary.',
      'A settings page. The owner picks a time zone there.',
    );
    expect(scope(lock).map((f) => f.message)).toEqual([
      'gate 2 scope statement has 2 sentences: expected one sentence (gate 2 is still open; this blocks CP-1)',
    ]);
  });
});

describe('placeholders and dead paths in every method document', () => {
  const find = (files: Record<string, string>) =>
    runRules(exampleWorkspace({ 'CLAUDE.md': CLAUDE, ...files }), rules).filter((f) =>
      /placeholder|dead-reference/.test(f.rule),
    );
  const keys = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}`);

  it('an instruction naming the bracket syntax is not a placeholder; the context doc errs, others warn', () => {
    const found = find({
      'CLAUDE.md': '# [AppName] — Claude Context\n\n> Fill in everything marked `[BRACKETS]` first.\n',
      'project-management/ROADMAP.md':
        '# Roadmap\n\n## In progress\n\n- [ ] [current item] — [one-line description]\n\n## Completed\n\n- [x] Forked the kit\n',
    });
    expect(keys(found)).toEqual([
      'context/placeholder error CLAUDE.md:1',
      'doc/placeholder warning project-management/ROADMAP.md:5',
    ]);
    expect(found[1]!.message).toBe(
      'unfilled placeholders [current item], [one-line description]: expected the real values',
    );
  });

  it('skips examples, entry formats, quoted sentences, links and the registers’ empty notes', () => {
    const found = find({
      'project-management/_log.md':
        '# Session log\n\n## Entry format\n\n**Branch:** [branch name]\n\n---\n\n## [Date of first session]\n\n[First entry goes here.]\n',
      'project-management/KNOWN-ISSUES.md': '# Known issues\n\n[No open issues yet.]\n',
      '.cursor/rules/03-review-loop.md':
        '# Review loop\n\nSay "I touched `[file]` because `[reason]`" and stop. See [the docs](https://example.com).\n',
      'marketing/canonical/MARKETING-TRUTH.md':
        '# Truth\n\n> Example: "[a thesis]"\n\n[your thesis]\n\nFull schema: `[path/to/schema.sql]`, code `rows[0]`.\n',
    });
    expect(keys(found)).toEqual([
      'doc/placeholder warning marketing/canonical/MARKETING-TRUTH.md:5',
      'doc/placeholder warning marketing/canonical/MARKETING-TRUTH.md:7',
      'doc/placeholder warning project-management/_log.md:9',
    ]);
  });

  it('never checks the templates, and finds dead paths in them and in every other method doc', () => {
    const found = find({
      'project-management/FEATURE-LOCK.md':
        '# Pre-Build Lock: [FEATURE NAME]\n\nWhat of `project-management/CANONICAL.md` does it derive from?\n',
      'project-management/SHIP-RULES.md':
        'Fill in `project-management/PRE-BUILD-LOCK-TEMPLATE.md`.\n\nThe pipeline is `PRE-BUILD-LOCK-TEMPLATE.md`.\n',
      'project-management/SHIP-TO-PROD.md':
        'Check `db/migrations/` (or equivalent). Write `N/A` if none. Log in `_log.md`.\n',
      'project-management/_log.md': '# Session log\n\nMoved `src/old.ts` away.\n',
      'feature-builds/README.md':
        '- `PRE-BUILD-LOCK.md` (copy from `docs/pre-build-lock.md`)\n- Convention: `YYYY-MM-DD-slug/ITERATION-NOTE.md`\n',
      'README.md': 'Use `docs/mvb-scope.md`, then run `dist/cli.js`.\n',
      [RB]: KIT_RUNBOOK,
    });
    expect(keys(found)).toEqual([
      'doc/dead-reference warning README.md:1',
      'doc/dead-reference warning feature-builds/README.md:1',
      'doc/dead-reference warning project-management/FEATURE-LOCK.md:3',
      'doc/dead-reference warning project-management/SHIP-RULES.md:1',
      'doc/dead-reference warning project-management/SHIP-RULES.md:3',
    ]);
    expect(found.map((f) => f.message.split(' ')[0])).toEqual([
      'docs/mvb-scope.md',
      'docs/pre-build-lock.md',
      'project-management/CANONICAL.md',
      'project-management/PRE-BUILD-LOCK-TEMPLATE.md',
      'PRE-BUILD-LOCK-TEMPLATE.md',
    ]);
  });

  it('a bare file name that is a known method document resolves to it', () => {
    const found = find({
      'CLAUDE.md': '# Ledgerline\n\nRead `project-management/_log.md`; call out RESUME HERE in `_log.md`.\n',
      'project-management/_log.md': '# Session log\n',
    });
    expect(found).toEqual([]);
    expect(keys(find({ 'CLAUDE.md': '# Ledgerline\n\nRead `_log.md`.\n' }))).toEqual([
      'context/dead-reference warning CLAUDE.md:3',
    ]);
  });
});
