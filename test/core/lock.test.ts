// The pre-build lock parser on the kit's format and ours, and the lock rules on whole locks.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { parseMarkdown } from '../../src/core/markdown.js';
import { gateOf, type Lock, parseLock, resolveMock } from '../../src/core/parse/lock.js';
import { cellGap, quotedPassages, sentenceCount, valueGap } from '../../src/core/parse/lock-text.js';
import { lockRules } from '../../src/core/rules/lock.js';
import { changeTypes, isNonMethod } from '../../src/core/rules/lock-tables.js';
import { dated, day, IMPOSSIBLE, TODAY } from '../helpers/dates.js';

const fixture = (name: string) =>
  dated(readFileSync(new URL(`../fixtures/locks/${name}`, import.meta.url), 'utf8'));
const COMPLETE = fixture('complete.md');
const DRAFT = fixture('draft.md');
const TRUTH = fixture('MARKETING-TRUTH.md');
const LOCK = 'feature-builds/team-invites/PRE-BUILD-LOCK.md';
const CANON = 'marketing/canonical/MARKETING-TRUTH.md';
const parse = (text: string, path = LOCK) => parseLock(parseMarkdown(path, text));
const statuses = (l: Lock) => l.gates.map((g) => g.status.state);

/** The workspace a lock lives in: the canonical doc and the mocks of the complete fixture. */
function workspace(lock: string, extra: Record<string, string> = {}) {
  return exampleWorkspace(
    {
      [LOCK]: lock,
      [CANON]: TRUTH,
      'feature-builds/team-invites/mocks/invite-form.html': fixture('mocks/invite-form.html'),
      'feature-builds/team-invites/mocks/team-page-side-by-side.html': fixture(
        'mocks/team-page-side-by-side.html',
      ),
      ...extra,
    },
    TODAY,
  );
}
const lockFindings = (lock: string, extra?: Record<string, string>) =>
  runRules(workspace(lock, extra), lockRules);

// The kit's layout filled in, in our own words: preamble with the pipeline, a second title,
// instruction lines after the labels, blockquoted examples, ☐/☑ boxes, the CP-1 checklist.
const KIT = `# Pre-Build Lock

Copy this file into the feature folder before writing code.

## The pipeline

\`\`\`
canonical → [CP-0] → lock → [CP-1] → mocks → [CP-2] → runbook → [CP-3] → code → prod
\`\`\`

- **CP-0** — the canonical is cited.
- **CP-1** — the lock is signed.

---

# Pre-Build Lock: Team invites

**Date locked:** ${day(-5)}
**Branch:** feature/team-invites

---

## Gate 1 — Canonical alignment

Which canonical lines does this build come from?

**Canonical reference:**
"An owner invites a teammate by email." (MARKETING-TRUTH.md, Teams)

**Conflicts identified:**
none

**Resolution:**
change adjusts to canonical

**Status:** ☑ PASSED  ☐ BLOCKED

*Artifact: the statement above.*

---

## Gate 2 — Scope lock

**Scope statement** — one sentence: what the build adds.

> Example: "Add a due-date reminder to invoices."

Owners can invite a teammate by email.

**IN:**
- invite form on \`/team\`

**OUT** — say it, do not imply it.
- billing seats
- roles

**Section-vs-Replacement** — one sentence: new, replaced or modified surface?

> Example: "Swaps one component for another."

New section on the existing \`/team\` page.

**Unique-Job** — one sentence: what only this does.

> Example: "Shows a signal nobody shows."

Brings a teammate into the team.

**Single surgical change test:** \`V(N+1) = V(N) + [exactly one surgical change]\`

Finish it on one line or split the build.

\`V(N+1) = V(N) + email invites\`

**Status:** ☑ PASSED  ☐ BLOCKED

---

## Gate 3 — Invariants inventory

| Surface | Must stay unchanged | How to verify |
|---|---|---|
| \`/team\` list | join order | \`npm test -- team-list\` |

**Status:** ☑ PASSED  ☐ BLOCKED

---

## Gate 4 — Blast radius audit

| Touchpoint | Behavior Δ? | Data Δ? | State Δ? | Tests Δ? | Coordinated update needed? |
|---|---|---|---|---|---|
| Primary route / surface | yes | no | no | yes | no |

**Status:** ☑ PASSED  ☐ BLOCKED

---

## Gate 5 — Four-state rendering

| Surface | Empty state | Loading state | Error state | Populated state |
|---|---|---|---|---|
| Invite form | ☑ designed | ☑ designed | ☑ designed | ☑ designed |

**Status:** ☑ PASSED  ☐ BLOCKED  ☐ N/A (no UI in this build)

---

## Gate 6 — Technical interface contract

| Interface | Change type | Rollback path | Tests updated |
|---|---|---|---|
| \`POST /api/invites\` | Non-breaking | flag off | ☑ |

**Status:** ☐ PASSED  ☐ BLOCKED  ☑ N/A (no interface changes)

---

## Gate 7 — Sunset criterion and kill date

**What prior version or temporary code does this build phase out?**
feature flag \`team_invites\`

**Sunset criterion** — the measurable condition for deleting it:

> Example: "Remove the flag after 30 days at 100%."

Delete the flag after 14 days at 100% with zero errors.

**Kill date:** ${day(126)}

**Status:** ☑ PASSED  ☐ BLOCKED  ☐ N/A

---

## Gate 8 — Mocks sign-off (CP-2)

- [x] **Full-surround render** — the whole page.
- [x] **Side-by-side diff** — before and after.
- [x] **Runbook-ready** — skeletons come from the mock.

Mock: \`mocks/invite-form.html\`, reviewed by Dana.

**Status:** ☑ PASSED  ☐ BLOCKED

---

## Pre-build checklist (CP-1)

- [ ] Gate 1 PASSED — canonical alignment
- [ ] Gate 8 PASSED — mocks approved

**Signed off:** Dana Ortiz, ${day(-5)}
`;

describe('parseLock: formats', () => {
  it('reads a filled lock in the kit format, preamble and trailing checklist included', () => {
    const l = parse(KIT);
    expect(l.feature).toBe('Team invites');
    expect(l.dateLocked?.value).toBe(day(-5));
    expect(l.branch?.value).toBe('feature/team-invites');
    expect(l.gates.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(statuses(l)).toEqual([
      'PASSED',
      'PASSED',
      'PASSED',
      'PASSED',
      'PASSED',
      'N/A',
      'PASSED',
      'PASSED',
    ]);
    expect(l.scope?.statement?.value).toBe('Owners can invite a teammate by email.');
    expect(l.scope?.out?.items.map((i) => i.text)).toEqual(['billing seats', 'roles']);
    expect(l.scope?.surgical?.change).toBe('email invites');
    expect(l.sunset?.criterion?.value).toBe('Delete the flag after 14 days at 100% with zero errors.');
    expect(l.sunset?.killDate).toMatchObject({ raw: day(126), date: day(126), invalid: null });
    expect(l.mocks?.checklist.every((i) => i.checked)).toBe(true);
    expect(l.mocks?.links.map((m) => m.path)).toEqual(['mocks/invite-form.html']);
    expect(gateOf(l, 8)!.endLine).toBeLessThan(l.checklist!.line);
    expect(l.checklist?.items).toHaveLength(2);
    expect(l.signedOff?.value).toBe(`Dana Ortiz, ${day(-5)}`);
  });

  it('finds no lock problem in the filled kit-format lock', () => {
    expect(lockFindings(KIT)).toEqual([]);
  });

  it('reads our format (complete fixture) into every gate answer', () => {
    const l = parse(COMPLETE);
    expect(l.feature).toBe('team-invites');
    expect(statuses(l)).toEqual(Array(8).fill('PASSED'));
    expect(l.alignment?.citation?.value).toContain('An owner invites a teammate by email.');
    expect(l.scope?.in?.items).toHaveLength(3);
    expect(l.scope?.out?.items).toHaveLength(3);
    expect(l.scope?.uniqueJob?.value).toMatch(/^Lets an owner/);
    expect(l.invariants?.rows.map((r) => r.get.verify)[0]).toBe('`npm test -- team-list.test.ts`');
    expect(l.blastRadius?.rows).toHaveLength(5);
    expect(l.fourState?.rows[1]?.get.loading).toBe('skeleton rows');
    expect(l.interfaces?.rows.map((r) => r.get.changeType)).toEqual(['Non-breaking', 'Non-breaking']);
    expect(l.sunset?.temporary?.value).toBe('feature flag `team_invites`');
    expect(l.sunset?.killDate?.date).toBe(day(126));
    expect(l.mocks?.links.map((m) => m.path)).toEqual([
      'mocks/invite-form.html',
      'mocks/team-page-side-by-side.html',
    ]);
    expect(lockFindings(COMPLETE)).toEqual([]);
  });

  it('parses CRLF line ends exactly as LF', () => {
    expect(parse(COMPLETE.replace(/\n/g, '\r\n'))).toEqual(parse(COMPLETE));
    expect(parse(KIT.replace(/\n/g, '\r\n'))).toEqual(parse(KIT));
  });

  it('returns an empty model for an empty or gate-less document', () => {
    for (const text of ['', '\n\n', '# Notes\n\nnothing here\n']) {
      const l = parse(text);
      expect(l.gates).toEqual([]);
      expect([l.alignment, l.scope, l.invariants, l.sunset, l.mocks, l.checklist]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    }
    const findings = lockFindings('');
    expect(findings.filter((f) => f.rule === 'lock/gate-missing')).toHaveLength(8);
  });
});

describe('parseLock: gate headings and statuses', () => {
  it.each([
    ['## Gate 3 — Invariants', 2],
    ['## Gate 3 - Invariants', 2],
    ['## Gate 3: Invariants', 2],
    ['### Gate 3 – Invariants', 3],
    ['#### **Gate 3** — Invariants', 4],
    ['# gate 3 Invariants', 1],
  ])('%s', (heading, level) => {
    const g = parse(`${heading}\n\n**Status:** PASSED\n`).gates[0]!;
    expect([g.number, g.title, g.level, g.line, g.status.state]).toEqual([
      3,
      'Invariants',
      level,
      1,
      'PASSED',
    ]);
  });

  it.each([
    ['**Status:** ☐ PASSED  ☑ BLOCKED', 'BLOCKED'],
    ['**Status:** ☑ PASSED  ☐ BLOCKED', 'PASSED'],
    ['**Status:** ✅ PASSED  ☐ BLOCKED', 'PASSED'],
    ['**Status:** ☐ PASSED  ☐ BLOCKED  ☑ N/A (no UI in this build)', 'N/A'],
    ['[x] PASSED  [ ] BLOCKED', 'PASSED'],
    ['- [x] PASSED\n- [ ] BLOCKED', 'PASSED'],
    ['**Status:**\n\n- [ ] PASSED\n- [x] BLOCKED', 'BLOCKED'],
    ['**Status:** PASSED', 'PASSED'],
    ['**Status**: N/A', 'N/A'],
    ['Status: blocked, waiting on design', 'BLOCKED'],
    ['**Status:** PASSED / BLOCKED', 'unset'],
    ['**Status:** ☐ PASSED  ☐ BLOCKED', 'unset'],
    ['**Status:** ☑ PASSED  ☑ BLOCKED', 'conflicting'],
    ['**Status:** PASSED\n\n**Status:** BLOCKED', 'conflicting'],
  ])('%j is %s', (status, state) => {
    const g = parse(`## Gate 5 — Four states\n\n${status}\n`).gates[0]!;
    expect(g.status.state).toBe(state);
    expect(g.status.found).toBe(true);
    expect(g.status.line).toBe(3);
  });

  it('a gate with no status line has none found', () => {
    const g = parse('## Gate 1 — Canonical\n\nSome text about PASSED tests.\n').gates[0]!;
    expect(g.status).toEqual({ state: 'unset', line: undefined, chosen: [], found: false });
  });

  it('list items that merely mention a status word stay list items', () => {
    const l = parse(
      '## Gate 2 — Scope\n\n**OUT:**\n- Blocked users page\n- PASSED invoices filter (not touched)\n',
    );
    expect(l.scope?.out?.items.map((i) => i.text)).toEqual(['Blocked users page']);
  });
});

describe('parseLock: answers', () => {
  it.each([
    [day(126), day(126), null],
    [`${day(126)} (hard)`, day(126), null],
    [IMPOSSIBLE, null, IMPOSSIBLE],
    ['2027/03/31', null, '2027/03/31'],
    ['N/A', null, null],
    ['[YYYY-MM-DD, or N/A]', null, null],
  ])('kill date %j', (raw, date, invalid) => {
    const l = parse(`## Gate 7 — Sunset\n\n**Kill date:** ${raw}\n`);
    expect(l.sunset?.killDate).toMatchObject({ date, invalid, line: 3 });
  });

  it('mock links are paths relative to the feature folder; URLs are kept apart', () => {
    const l = parse(
      '## Gate 8 — Mocks\n\n- [x] Full-surround render\n\nSee [a](./mocks/a.html), `mocks/b.png`, ../_ux-reference/c.html and [figma](https://figma.com/x).\n',
    );
    expect(l.mocks?.links.map((m) => m.path)).toEqual([
      'mocks/a.html',
      'mocks/b.png',
      '../_ux-reference/c.html',
    ]);
    expect(l.mocks?.urls.map((u) => u.url)).toEqual(['https://figma.com/x']);
    expect(resolveMock(LOCK, '../_ux-reference/c.html')).toBe('feature-builds/_ux-reference/c.html');
    expect(resolveMock(LOCK, '/design/d.html')).toBe('design/d.html');
  });

  it('text helpers: gaps, cells, sentences, quotes', () => {
    expect([
      valueGap(''),
      valueGap('TBD'),
      valueGap('[your answer]'),
      valueGap('see TODO'),
      valueGap('ok'),
    ]).toEqual(['blank', '"TBD"', 'placeholder "[your answer]"', '"TODO"', null]);
    expect([cellGap(''), cellGap('☐ designed'), cellGap('—'), cellGap('no')]).toEqual([
      'empty',
      'not ticked',
      null,
      null,
    ]);
    expect(sentenceCount('Add export, e.g. to CSV, from `list.ts`.')).toBe(1);
    expect(sentenceCount('Add export. Email it too.')).toBe(2);
    expect(quotedPassages('> “Owners invite.” and "teammates by email"').passages).toEqual([
      'Owners invite.',
      'teammates by email',
    ]);
  });

  it.each([
    ['trust', true],
    ['Looks fine.', true],
    ['should be fine', true],
    ['obviously', true],
    ['n/a', true],
    ['manual', true],
    ['manual: open /team, invite, accept', false],
    ['`npm test -- auth`', false],
  ])('verification %j is a non-method: %s', (text, bad) => expect(isNonMethod(text)).toBe(bad));

  it.each([
    ['Breaking', ['Breaking']],
    ['non-breaking', ['Non-breaking']],
    ['Same-shape-different-semantics', ['Same-shape-different-semantics']],
    [
      'Breaking / Non-breaking / Same-shape-different-semantics',
      ['Same-shape-different-semantics', 'Non-breaking', 'Breaking'],
    ],
    ['additive', []],
  ])('change type %j', (cell, kinds) => expect(changeTypes(cell)).toEqual(kinds));
});

describe('never throws', () => {
  const lockRun = (text: string) => {
    parseLock(parseMarkdown(LOCK, text));
    runRules(exampleWorkspace({ [LOCK]: text, [CANON]: '# Truth\n\nx\n' }), lockRules);
  };
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => void lockRun(text)),
      { numRuns: 300 },
    );
  });
  it('on arbitrary mutations of a real lock', () => {
    const lines = [...COMPLETE.split('\n'), ...DRAFT.split('\n')];
    const piece = fc.oneof(
      fc.constantFrom(...lines),
      fc.constantFrom(
        '## Gate 9 —',
        '**Status:** ☑',
        '| a |',
        '|---|',
        '- [x] N/A',
        '> "',
        '```',
        '**Kill date:**',
        '\r\n',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), (parts) => void lockRun(parts.join('\n'))),
      {
        numRuns: 300,
      },
    );
  });
});
