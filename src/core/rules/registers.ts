// Rules on the smaller registers: TESTING-LEARNINGS, DEV-HEURISTICS, STACK decisions and
// iteration notes.
import picomatch from 'picomatch';
import { parseHeuristics } from '../parse/heuristics.js';
import { iterationFolder } from '../parse/iteration.js';
import { type LearningEntry, parseLearnings } from '../parse/learnings.js';
import { parseStack } from '../parse/stack.js';
import { defineRule } from '../rule.js';
import { isBlankValue, plain } from '../sections.js';
import type { Workspace } from '../workspace.js';

const TL = 'project-management/TESTING-LEARNINGS.md';
const DH = 'project-management/DEV-HEURISTICS.md';
const ST = 'project-management/STACK.md';
const learning = (head: string) =>
  `${head}\n- **What happened:** stock was null in prod\n- **Why tests didn't catch it:** fixtures were invented\n- **Fix:** a real fixture\n- **Rule going forward:** verify fields in real data\n`;
const decision = (decided: string) =>
  `**Postgres** — the one database\n- **Decided:** ${decided}\n- **Rationale:** joins\n- **Alternatives considered:** SQLite, single writer\n`;

function learnings(ws: Workspace): LearningEntry[] {
  return ws.parsed(ws.paths.testingLearnings, parseLearnings)?.entries ?? [];
}

const label = (e: LearningEntry) => e.id || e.date || e.title;

export const learningRules = [
  defineRule({
    id: 'learnings/id',
    severity: 'error',
    summary: 'Testing-learning ids are L-001, L-002 ... and unique.',
    examples: {
      ok: {
        [TL]: `${learning('**L-001 [2026-03-01] Null stock**')}\n${learning('**L-002 [2026-03-04] Slow job**')}`,
      },
      bad: {
        [TL]: `${learning('**L-1 [2026-03-01] Null stock**')}\n${learning('**L-002 Slow**')}\n${learning('**L-002 Late**')}`,
      },
    },
    check(ws, report) {
      const seen = new Map<string, number>();
      for (const e of learnings(ws)) {
        if (!e.id) continue;
        const file = ws.paths.testingLearnings;
        if (!e.idValid)
          report({ file, line: e.line, message: `id "${e.id}": expected L- and three digits, e.g. L-001` });
        const first = seen.get(e.id);
        if (first !== undefined)
          report({
            file,
            line: e.line,
            message: `${e.id} is already used on line ${first}: expected unique ids`,
          });
        else seen.set(e.id, e.line);
      }
    },
  }),
  defineRule({
    id: 'learnings/date',
    severity: 'error',
    summary: 'A testing-learning date is a real YYYY-MM-DD date.',
    examples: {
      ok: { [TL]: learning('**[2026-03-01] Null stock**') },
      bad: { [TL]: learning('**[2026-02-30] Null stock**') },
    },
    check(ws, report) {
      for (const e of learnings(ws))
        if (e.date && !e.dateValid)
          report({
            file: ws.paths.testingLearnings,
            line: e.line,
            message: `"${e.date}" is not a real date: expected YYYY-MM-DD`,
          });
    },
  }),
  defineRule({
    id: 'learnings/missing-field',
    severity: 'warning',
    summary:
      'Every testing learning says what happened, why tests missed it, the fix and the rule going forward.',
    examples: {
      ok: { [TL]: learning('**[2026-03-01] Null stock**') },
      bad: { [TL]: '**[2026-03-01] Null stock**\n- **What happened:** stock was null\n' },
    },
    check(ws, report) {
      for (const e of learnings(ws)) {
        const wanted: [string, { value: string } | undefined][] = [
          ['What happened', e.whatHappened],
          ["Why tests didn't catch it", e.whyMissed],
          ['Fix', e.fix],
          ['Rule going forward', e.rule],
        ];
        for (const [name, f] of wanted)
          if (!f || isBlankValue(f.value))
            report({
              file: ws.paths.testingLearnings,
              line: e.line,
              message: `${label(e)}: no **${name}:**; expected it filled in`,
            });
      }
    },
  }),
];

export const heuristicsRules = [
  defineRule({
    id: 'heuristics/glob',
    severity: 'error',
    summary: 'The Paths globs of a heuristics domain compile and stay inside the repo.',
    examples: {
      ok: {
        [DH]: '## Authentication\n\n**Paths:** `app/auth/**`, `lib/session.ts`\n\n- Call authenticate() first.\n',
      },
      bad: {
        [DH]: '## Authentication\n\n**Paths:** `app/auth/[id`, `../shared/**`\n\n- Call authenticate() first.\n',
      },
    },
    check(ws, report) {
      for (const d of ws.parsed(ws.paths.devHeuristics, parseHeuristics)?.domains ?? [])
        for (const glob of d.globs) {
          const problem = globProblem(glob);
          if (problem)
            report({
              file: ws.paths.devHeuristics,
              line: d.globsLine,
              message: `${d.name}: glob "${glob}" ${problem}`,
            });
        }
    },
  }),
];

/** Why a glob is unusable, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/') || /^[a-z]:[\\/]/i.test(glob))
    return 'is absolute: expected a path inside the repo';
  if (glob.split('/').includes('..')) return 'leaves the repo (..): expected a path inside it';
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return undefined;
  } catch (e) {
    return `does not compile (${(e as Error).message.split(' - ')[0]})`;
  }
}

export const stackRules = [
  defineRule({
    id: 'stack/missing-field',
    severity: 'warning',
    summary: 'Every stack decision records when it was decided, why, and the alternatives ruled out.',
    examples: {
      ok: { [ST]: decision('2026-03-01') },
      bad: { [ST]: '**Postgres** — the one database\n- **Decided:** 2026-03-01\n' },
    },
    check(ws, report) {
      for (const d of ws.parsed(ws.paths.stack, parseStack)?.decisions ?? []) {
        const wanted: [string, { value: string } | undefined][] = [
          ['Decided', d.decided],
          ['Rationale', d.rationale],
          ['Alternatives considered', d.alternatives],
        ];
        for (const [name, f] of wanted)
          if (!f || isBlankValue(f.value))
            report({
              file: ws.paths.stack,
              line: d.line,
              message: `decision "${d.name}": no **${name}:**; expected it filled in`,
            });
      }
    },
  }),
  defineRule({
    id: 'stack/decided-date',
    severity: 'error',
    summary: 'The Decided date of a stack decision is a real YYYY-MM-DD date.',
    examples: {
      ok: { [ST]: decision('2026-03-01') },
      bad: { [ST]: decision('March 2026') },
    },
    check(ws, report) {
      for (const d of ws.parsed(ws.paths.stack, parseStack)?.decisions ?? [])
        if (d.decided && !isBlankValue(d.decided.value) && !d.decidedValid)
          report({
            file: ws.paths.stack,
            line: d.decided.line,
            message: `decision "${d.name}": decided "${plain(d.decided.value)}" is not a date; expected YYYY-MM-DD`,
          });
    },
  }),
];

export const iterationRules = [
  defineRule({
    id: 'iteration/folder-name',
    severity: 'error',
    summary: 'An iteration note lives at _iterations/YYYY-MM-DD-slug/ITERATION-NOTE.md with a real date.',
    examples: {
      ok: { 'feature-builds/_iterations/2026-03-02-pricing-copy/ITERATION-NOTE.md': '# Pricing copy\n' },
      bad: {
        'feature-builds/_iterations/2026-02-30-pricing-copy/ITERATION-NOTE.md': '# Pricing copy\n',
        'feature-builds/_iterations/pricing-copy/NOTE.md': '# Pricing copy\n',
      },
    },
    check(ws, report) {
      const root = `${ws.paths.features}/_iterations/`;
      for (const file of ws.files()) {
        if (!file.startsWith(root) || /^README\.md$/i.test(file.slice(root.length))) continue;
        const parts = file.slice(root.length).split('/');
        const folder = iterationFolder(parts[0] ?? '');
        if (parts.length !== 2 || parts[1] !== 'ITERATION-NOTE.md')
          report({ file, message: `${file.slice(root.length)}: expected YYYY-MM-DD-slug/ITERATION-NOTE.md` });
        else if (!folder.dateValid || !folder.slugValid)
          report({
            file,
            message: `iteration folder "${parts[0]}": ${folder.dateValid ? 'slug' : 'date'} is not valid; expected YYYY-MM-DD-slug with a real date and a lower-case slug`,
          });
      }
    },
  }),
];
