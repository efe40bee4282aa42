// Property: whatever text a person (or an agent) leaves in a method document, parsing and
// every rule return; nothing throws. Arbitrary strings and markdown-ish documents assembled
// from the method's own shapes (gate headings, fields, checkboxes, tables, fences) go through
// parseMarkdown, sections/fields, and the full rule run with the text at every document path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { parseMarkdown } from '../../src/core/markdown.js';
import { splitCheckbox } from '../../src/core/plain-blocks.js';
import { fields, isBlankValue, plain, sections } from '../../src/core/sections.js';
import { day, IMPOSSIBLE, TODAY } from '../helpers/dates.js';

const DOCUMENT_PATHS = [
  'AGENTS.md',
  'CLAUDE.md',
  'GEMINI.md',
  '.cursor/rules/scope-guard.mdc',
  'marketing/canonical/MARKETING-TRUTH.md',
  'project-management/_log.md',
  'project-management/ROADMAP.md',
  'project-management/KNOWN-ISSUES.md',
  'project-management/TESTING-LEARNINGS.md',
  'project-management/DEV-HEURISTICS.md',
  'project-management/STACK.md',
  'project-management/ARCHITECTURE.md',
  'project-management/FEATURE-LOCK.md',
  'project-management/SHIP-TO-PROD.md',
  'feature-builds/_playbook/RUNBOOK-TEMPLATE.md',
  'feature-builds/x/PRE-BUILD-LOCK.md',
  'feature-builds/x/runbook-01-a.md',
  'feature-builds/x/runbook-b.md',
  'feature-builds/x/REVIEW.md',
  'feature-builds/_completed/y/PRE-BUILD-LOCK.md',
  `feature-builds/_iterations/${day(-328)}-z/ITERATION-NOTE.md`,
  'docs/process.md',
];

const words = fc.constantFrom(
  '',
  'x',
  'TBD',
  'TODO',
  '?',
  'N/A',
  'none',
  '[AppName]',
  '[YYYY-MM-DD]',
  IMPOSSIBLE,
  IMPOSSIBLE,
  day(67),
  IMPOSSIBLE,
  '☑ PASSED ☐ BLOCKED ☐ N/A',
  '[x] PASSED',
  'BLOCKED',
  'Breaking',
  'trust the builder',
  '`npm test`',
  '../outside.ts',
  '/etc/passwd',
  'src/**/*.ts',
  'src/[a-',
  'V(N+1) = V(N) + one change',
  'B-1',
  'SEC-2',
  'L-001',
  `KILLDATE ${day(67)} flag x: when done`,
  '@AGENTS.md',
  'mocks/x.html',
  '<<<<<<< HEAD',
  '\u0000',
  '\ufeff',
  '\r',
  '🙂',
  'é',
);
const text = fc.oneof(words, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }));
const phrase = fc.array(text, { maxLength: 4 }).map((ws) => ws.join(' '));
const label = fc.constantFrom(
  'Status',
  'Branch',
  'Date locked',
  'Kill date',
  'Sunset criterion',
  'Phases out',
  'Canonical reference',
  'Scope statement',
  'IN',
  'OUT',
  'Severity',
  'Opened',
  'Symptoms',
  'Feature',
  'Task',
  'Maps to',
  'What happened',
  'RESUME HERE',
  'Signed off',
  'Mock',
);
const heading = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), phrase).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(' — ', ' - ', ': ', ''), phrase)
    .map(([n, dash, t]) => `## Gate ${n}${dash}${t}`),
  fc.constantFrom('## FILES', '## TYPES', '## SKELETON', '## PROHIBITED', '## VALIDATE', '#', '##'),
  fc.constantFrom('## In progress', '## Next', '## Backlog', '## Completed', '## Reference manifest'),
  words.map((w) => `## ${w}`),
);
const box = fc.constantFrom('', '[ ] ', '[x] ', '[X] ', '☐ ', '☑ ', '☒ ', '✅ ', '[] ');
const line = fc.oneof(
  heading,
  fc.tuple(fc.constantFrom('- ', '* ', '1. ', '  - ', '    - ', '> - '), box, phrase).map((p) => p.join('')),
  fc.tuple(label, phrase).map(([l, v]) => `**${l}:** ${v}`),
  fc.tuple(fc.constantFrom('- ', ''), label).map(([b, l]) => `${b}**${l}:**`),
  fc.array(phrase, { minLength: 1, maxLength: 5 }).map((cells) => `| ${cells.join(' | ')} |`),
  fc.constantFrom('|---|---|', '|---|---|---|', '| --- |', '```', '```ts', '~~~', '---', '', '', '>'),
  phrase,
);
const markdownish = fc.array(line, { maxLength: 40 }).map((ls) => ls.join('\n'));
const anyText = fc.oneof(
  markdownish,
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

function parseEverything(source: string) {
  const doc = parseMarkdown('doc.md', source);
  for (let level = 1; level <= 6; level++)
    for (const s of sections(doc, level)) for (const f of fields(s.blocks)) isBlankValue(f.value);
  fields(doc.blocks);
  for (const b of doc.blocks) if (b.kind === 'item' || b.kind === 'paragraph') splitCheckbox(b.text);
  return doc;
}

describe('parsers never throw', () => {
  it('parseMarkdown, sections and fields return on any text, with 1-based lines in range', () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const doc = parseEverything(source);
        for (const b of doc.blocks) {
          expect(b.line).toBeGreaterThanOrEqual(1);
          expect(b.line).toBeLessThanOrEqual(doc.lines.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every rule returns findings on any text at every method document path', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (source, kitLayout) => {
        const files = Object.fromEntries(DOCUMENT_PATHS.map((p) => [p, source]));
        if (kitLayout) delete files['AGENTS.md'];
        const findings = runRules(exampleWorkspace(files, TODAY));
        for (const f of findings) {
          expect(typeof f.message).toBe('string');
          expect(f.line === undefined || f.line >= 1).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every rule returns when each document holds different text', () => {
    const docs = fc.array(anyText, { minLength: DOCUMENT_PATHS.length, maxLength: DOCUMENT_PATHS.length });
    fc.assert(
      fc.property(docs, (texts) => {
        const files = Object.fromEntries(DOCUMENT_PATHS.map((p, i) => [p, texts[i] ?? '']));
        expect(Array.isArray(runRules(exampleWorkspace(files, TODAY)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('plain() with its fast path gives the full normalisation', () => {
    const full = (t: string) =>
      t
        .replace(/[*`]/g, '')
        .replace(/(^|[\s(])_{1,2}(?=\S)|(?<=\S)_{1,2}(?=$|[\s).,:;!?])/g, '$1')
        .replace(/\s+/g, ' ')
        .trim();
    const spacey = fc.array(
      fc.constantFrom('a', ' ', '  ', '_', '*', '`', '\t', '\u00a0', '\ufeff', 'x_y', '\n'),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          spacey.map((a) => a.join('')),
          fc.string(),
          phrase,
        ),
        (t) => {
          expect(plain(t)).toBe(full(t));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
