// The tables of gates 3-6: every cell answered, verification methods that are methods, and
// interface changes typed with a rollback path.
import type { Gate, GateTable, Lock } from '../parse/lock.js';
import { cellGap, isNone, valueGap } from '../parse/lock-text.js';
import { defineRule } from '../rule.js';
import { plain } from '../sections.js';
import { checkedGate, lockExample, locks, reportGap } from './lock-each.js';

const SEVERITY_NOTE = 'An error when the gate is marked PASSED (a false claim), a warning while it is open.';
const G3 = (verify: string) =>
  `## Gate 3 — Invariants inventory\n\n| Surface | Must stay unchanged | How to verify |\n|---|---|---|\n| /settings | saves the profile | ${verify} |\n\n**Status:** PASSED\n`;
const G6 = (type: string, rollback = 'revert the commit') =>
  `## Gate 6 — Interface contract\n\n| Interface | Change type | Rollback path | Tests updated |\n|---|---|---|---|\n| POST /invites | ${type} | ${rollback} | ☑ |\n\n**Status:** PASSED\n`;

const TABLES: { n: number; what: string; columns: string }[] = [
  { n: 3, what: 'invariants table', columns: 'Surface | Must stay unchanged | How to verify' },
  {
    n: 4,
    what: 'blast-radius matrix',
    columns: 'Touchpoint | Behavior Δ? | Data Δ? | State Δ? | Tests Δ? | Coordinated update?',
  },
  { n: 5, what: 'four-state table', columns: 'Surface | Empty | Loading | Error | Populated' },
  { n: 6, what: 'interface table', columns: 'Interface | Change type | Rollback path | Tests updated' },
];

function tableFor(lock: Lock, n: number): GateTable<string> | null {
  if (n === 3) return lock.invariants;
  if (n === 4) return lock.blastRadius;
  if (n === 5) return lock.fourState;
  return lock.interfaces;
}

const NON_METHOD =
  /^(trust( me| it| the (builder|agent|executor|code|model))?|looks? (fine|good|ok|okay|right)|should (be fine|be ok|work)|obviously|n\/?a|none|nothing|manual(ly)?( (check|test|testing|qa|review|verification))?|visual(ly)?( check)?|eyeball(ed|ing)?|it works|works|fine|ok|okay|same as before|unchanged|no change|assume(d)?|by inspection|review|qa|yes)$/;
const NON_METHOD_PHRASE =
  /\b(trust|looks (fine|good|ok)|should be fine|should work|obviously|eyeball|i think|probably|hopefully|in my head)\b/;

/** A verification that is not a method: trust, "looks fine", "manual" alone. */
export function isNonMethod(text: string): boolean {
  const t = plain(text)
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .trim();
  return NON_METHOD.test(t) || NON_METHOD_PHRASE.test(t);
}

const CHANGE_TYPES = ['Breaking', 'Non-breaking', 'Same-shape-different-semantics'] as const;

/** The change types a cell names: exactly one is expected. */
export function changeTypes(cell: string): string[] {
  let t = plain(cell).toLowerCase();
  const out: string[] = [];
  if (/same[- ]?shape[- ,]*different[- ]?semantics/.test(t)) out.push(CHANGE_TYPES[2]);
  t = t.replace(/same[- ]?shape[- ,]*different[- ]?semantics/g, '');
  if (/non[- ]?breaking/.test(t)) out.push(CHANGE_TYPES[1]);
  if (/\bbreaking\b/.test(t.replace(/non[- ]?breaking/g, ''))) out.push(CHANGE_TYPES[0]);
  return out;
}

export const lockTableRules = [
  defineRule({
    id: 'lock/empty-cell',
    severity: 'error',
    summary: `The tables of gates 3 and 4 (and of 5 and 6 unless N/A) have rows and no empty, TBD, placeholder or unticked cell; a dash counts as "no change". ${SEVERITY_NOTE}`,
    examples: { ok: lockExample(G3('test settings.spec.ts')), bad: lockExample(G3(' ')) },
    check(ws, report) {
      for (const { path, lock } of locks(ws))
        for (const t of TABLES) {
          const g = checkedGate(lock, t.n);
          if (!g) continue;
          const table = tableFor(lock, t.n);
          if (!table || table.rows.length === 0) {
            reportGap(
              report,
              path,
              g,
              table?.table.line,
              `gate ${t.n} has no ${t.what} rows`,
              `a table ${t.columns} with one row per surface`,
            );
            continue;
          }
          for (const row of table.rows) emptyCells(path, g, table.table.header, row, report);
        }
    },
  }),
  defineRule({
    id: 'lock/verification-method',
    severity: 'error',
    summary: `Gate 3's "How to verify" names a test or concrete steps; "trust", "looks fine", "should be fine", "obviously", "n/a" or "manual" alone are not methods. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(G3('open /settings, save, reload: the name persists')),
      bad: lockExample(G3('looks fine')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 3);
        for (const row of (g && lock.invariants?.rows) || []) {
          const how = row.get.verify;
          if (cellGap(how) || !isNonMethod(how)) continue;
          reportGap(
            report,
            path,
            g!,
            row.line,
            `gate 3 verification for "${plain(row.get.surface)}" is "${plain(how)}", which is not a method`,
            'a test name or concrete steps someone can repeat',
          );
        }
      }
    },
  }),
  defineRule({
    id: 'lock/interface-contract',
    severity: 'error',
    summary: `Each gate 6 row has exactly one change type (Breaking, Non-breaking or Same-shape-different-semantics) and a real rollback path. ${SEVERITY_NOTE}`,
    examples: {
      ok: lockExample(G6('Non-breaking')),
      bad: lockExample(G6('Breaking / Non-breaking / Same-shape-different-semantics', 'none')),
    },
    check(ws, report) {
      for (const { path, lock } of locks(ws)) {
        const g = checkedGate(lock, 6);
        for (const row of (g && lock.interfaces?.rows) || []) {
          const name = plain(row.get.interface) || `row at line ${row.line}`;
          const type = row.get.changeType;
          const kinds = changeTypes(type);
          if (!cellGap(type) && kinds.length !== 1)
            reportGap(
              report,
              path,
              g!,
              row.line,
              `gate 6 change type of "${name}" is "${plain(type)}"`,
              `exactly one of ${CHANGE_TYPES.join(', ')}`,
            );
          const back = row.get.rollback;
          if (!cellGap(back) && isNone(back))
            reportGap(
              report,
              path,
              g!,
              row.line,
              `gate 6 rollback path of "${name}" is "${plain(back)}"`,
              'the steps that undo this change',
            );
        }
      }
    },
  }),
];

function emptyCells(
  file: string,
  g: Gate,
  header: string[],
  row: { line: number; cells: string[] },
  report: Parameters<typeof reportGap>[0],
): void {
  const width = Math.max(header.length, row.cells.length);
  const gaps: string[] = [];
  for (let i = 0; i < width; i++) {
    const why = cellGap(row.cells[i] ?? '');
    if (why) gaps.push(`${plain(header[i] ?? `column ${i + 1}`)} (${why})`);
  }
  if (gaps.length === 0) return;
  const name = plain(row.cells[0] ?? '');
  const label = name && !valueGap(name) ? `row "${name}"` : `row at line ${row.line}`;
  reportGap(
    report,
    file,
    g,
    row.line,
    `gate ${g.number} ${label} has cells not filled: ${gaps.join(', ')}`,
    'every cell answered (write "no" or "none" rather than leave it empty)',
  );
}
