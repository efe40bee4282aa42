// Runbook rules, content: what TYPES, SKELETON, PROHIBITED and VALIDATE must hold, the
// migration split, placeholders and the template's worked example.
import {
  looksLikeCode,
  type ProhibitedItem,
  type Runbook,
  runbookBlock,
  runbooks,
} from '../parse/runbook.js';
import { PROHIBITED_DEFAULTS } from '../prohibited.js';
import { defineRule } from '../rule.js';
import { isPlaceholder, plain } from '../sections.js';
import { migrationMix, sharedEntries, testStep } from './runbook-scope.js';

const RB = 'feature-builds/search/runbook-01-list.md';
const T = '# Runbook: list\n\n';
const DEFAULTS = `- Do not modify files outside the FILES block
- Do not install packages not listed in this runbook
- Do not refactor code adjacent to the task
- Do not add abstractions beyond what the task requires
- Do not add error handling for scenarios that cannot happen
`;

const GLOBAL_RULES = /\bglobal rules\b/i;
const VAGUE =
  /\b(anything (extra|else|unnecessary|more)|extra (stuff|things|code)|be careful|unnecessary (code|changes|stuff|things)|nothing (extra|else)|not in (the )?skeleton|over-?engineer\w*|keep it simple|best practices?|break (anything|things)|anything not (needed|required))\b/i;

// Takes the item's text as written and, when the caller has it, its plain() form. A
// placeholder is in brackets: a text without '[' holds none.
const hasPlaceholder = (text: string, bare?: string) =>
  text.includes('[') && (isPlaceholder(bare ?? plain(text)) || /`\[[^\]`]+\]`/.test(text));

/** A PROHIBITED item's text as the PROHIBITED rules read it. */
interface ItemReading {
  /** its plain() text */
  bare: string;
  /** the index in PROHIBITED_DEFAULTS of the first default it says, -1 when none */
  firstDefault: number;
  vague: boolean;
  placeholder: boolean;
}

/**
 * Four rules (defaults, specific, vague, placeholder) ask the same of every PROHIBITED item,
 * and runbooks repeat the template's default items word for word: each text is read once.
 * plain() and the default and vague regexes are most of these rules' cost.
 */
const readings = new Map<string, ItemReading>();
const READINGS_LIMIT = 10_000;

function readItem(text: string): ItemReading {
  let r = readings.get(text);
  if (!r) {
    if (readings.size >= READINGS_LIMIT) readings.clear();
    const bare = plain(text);
    r = {
      bare,
      firstDefault: PROHIBITED_DEFAULTS.findIndex((d) => d.match.test(bare)),
      vague: VAGUE.test(bare),
      placeholder: hasPlaceholder(text, bare),
    };
    readings.set(text, r);
  }
  return r;
}

interface ReadItem {
  item: ProhibitedItem;
  read: ItemReading;
}

/** Each runbook's PROHIBITED items with their readings, looked up once for the four rules. */
const readItems = new WeakMap<Runbook, ReadItem[]>();

function prohibitedItems(rb: Runbook): ReadItem[] {
  let items = readItems.get(rb);
  if (!items) {
    items = rb.prohibited.map((item) => ({ item, read: readItem(item.text) }));
    readItems.set(rb, items);
  }
  return items;
}

/** The defaults no item says: an item's first default says it, else every item is asked. */
function missingDefaults(items: ReadItem[]): typeof PROHIBITED_DEFAULTS {
  return PROHIBITED_DEFAULTS.filter(
    (d, k) => !items.some((i) => i.read.firstDefault === k) && !items.some((i) => d.match.test(i.read.bare)),
  );
}

const blockRules = [
  defineRule({
    id: 'runbook/types',
    severity: 'error',
    summary: 'TYPES holds the data contracts as code, or says `N/A` (no data contracts in this task).',
    examples: {
      ok: { [RB]: `${T}## TYPES\n\nN/A: no data contracts in this task.\n` },
      bad: { [RB]: `${T}## TYPES\n\n\`\`\`ts\n// [paste types here]\n\`\`\`\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const block = runbookBlock(rb, 'TYPES');
        if (block && !rb.types.na && !rb.types.code.some(looksLikeCode))
          report({
            file: rb.path,
            line: block.line,
            message:
              'TYPES has no code: expected the types in a code block, or "N/A — no data contracts in this task"',
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/skeleton-code',
    severity: 'error',
    summary:
      "SKELETON holds code (a code block with a signature, component or shape), not only prose. In a repo in the kit's format, whose template allows prose, it is a warning, and the brief tells the executor the shape is prose.",
    examples: {
      ok: { [RB]: `${T}## SKELETON\n\n\`\`\`ts\nexport function list(): Item[] {}\n\`\`\`\n` },
      bad: { [RB]: `${T}## SKELETON\n\nA page that lists the items.\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const block = runbookBlock(rb, 'SKELETON');
        if (!block || rb.skeleton.some(looksLikeCode)) continue;
        const what =
          rb.skeleton.length > 0 ? 'its code block holds prose or a placeholder' : 'it has no code block';
        report({
          file: rb.path,
          line: block.line,
          ...(ws.kitFormat ? { severity: 'warning' as const } : {}),
          message: `SKELETON has no code (${what}): expected the output shape as code the executor can follow${ws.kitFormat ? '; the brief marks it as prose' : ''}`,
        });
      }
    },
  }),
  defineRule({
    id: 'runbook/prohibited-defaults',
    severity: 'warning',
    summary:
      'PROHIBITED has the five default items (files outside FILES, packages, refactors, abstractions, error handling); a warning, since the brief always carries them.',
    examples: {
      ok: { [RB]: `${T}## PROHIBITED\n\n${DEFAULTS}` },
      bad: { [RB]: `${T}## PROHIBITED\n\n- Do not add a delete button\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const block = runbookBlock(rb, 'PROHIBITED');
        if (!block || rb.prohibited.some((p) => GLOBAL_RULES.test(p.text))) continue;
        const missing = missingDefaults(prohibitedItems(rb));
        if (missing.length > 0)
          report({
            file: rb.path,
            line: block.line,
            message: `PROHIBITED lacks the default${missing.length > 1 ? 's' : ''}: ${missing.map((d) => `"${d.name}"`).join(', ')} (the brief carries every default anyway)`,
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/prohibited-specific',
    severity: 'error',
    summary: 'PROHIBITED has at least one item specific to the task besides the defaults.',
    examples: {
      ok: { [RB]: `${T}## PROHIBITED\n\n- Do not add a delete button to the rows\n` },
      bad: { [RB]: `${T}## PROHIBITED\n\n${DEFAULTS}- [task-specific prohibition]\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const block = runbookBlock(rb, 'PROHIBITED');
        const specific = prohibitedItems(rb).some(
          ({ read }) => read.firstDefault === -1 && !read.vague && !read.placeholder,
        );
        if (block && !specific)
          report({
            file: rb.path,
            line: block.line,
            message:
              'PROHIBITED has only defaults: expected at least one item naming what this task must not add',
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/prohibited-vague',
    severity: 'warning',
    summary:
      'PROHIBITED items name concrete things; vague ones ("don\'t add anything extra", "be careful") do not work.',
    examples: {
      ok: { [RB]: `${T}## PROHIBITED\n\n- Do not add a status banner above the list\n` },
      bad: { [RB]: `${T}## PROHIBITED\n\n- Don't add anything extra\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        for (const { item, read } of prohibitedItems(rb))
          if (read.vague)
            report({
              file: rb.path,
              line: item.line,
              message: `vague PROHIBITED item "${read.bare}": expected the concrete thing not to add or change`,
            });
    },
  }),
];

const checkRules = [
  defineRule({
    id: 'runbook/validate-steps',
    severity: 'error',
    summary: 'VALIDATE has checkbox steps (`- [ ] ...`).',
    examples: {
      ok: { [RB]: `${T}## VALIDATE\n\n- [ ] Tests pass: \`npm test\`\n` },
      bad: { [RB]: `${T}## VALIDATE\n\nCheck that it works.\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const block = runbookBlock(rb, 'VALIDATE');
        if (block && !rb.validate.some((s) => s.checked !== null))
          report({
            file: rb.path,
            line: block.line,
            message: 'VALIDATE has no checkbox step: expected steps written as "- [ ] <check>"',
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/validate-destructive',
    severity: 'error',
    summary:
      'A runnable VALIDATE step never runs a destructive command (`git clean`, `git reset --hard`, `git push --force`, `rm -r` outside the build folders, `DROP`/`TRUNCATE`, ...: the list in src/core/destructive.ts) unless its label says "(destructive)".',
    examples: {
      ok: { [RB]: `${T}## VALIDATE\n\n- [ ] Clean build: \`rm -rf dist && npm run build\`\n` },
      bad: { [RB]: `${T}## VALIDATE\n\n- [ ] Tidy up: \`git clean -fdx\`\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        for (const s of rb.validate)
          if (s.command && s.destructive && !s.allowed)
            report({
              file: rb.path,
              line: s.line,
              message: `VALIDATE step runs a destructive command \`${s.command}\` (${s.destructive}): it is not run; expected a command that deletes or rewrites nothing outside the build folders`,
            });
    },
  }),
  defineRule({
    id: 'runbook/validate-negated',
    severity: 'warning',
    summary:
      'A VALIDATE step that forbids ("Do not run `git clean -fdx`") names a command: it is shown to the human, never run. Prohibitions belong in PROHIBITED.',
    examples: {
      ok: { [RB]: `${T}## VALIDATE\n\n- [ ] Tests pass: \`npm test\`\n` },
      bad: { [RB]: `${T}## VALIDATE\n\n- [ ] Do not run \`git clean -fdx\` to tidy up\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        for (const s of rb.validate)
          if (s.negatedCommand)
            report({
              file: rb.path,
              line: s.line,
              message: `VALIDATE step forbids and names a command (\`${s.negatedCommand}\`): it is never run; a prohibition belongs in PROHIBITED`,
            });
    },
  }),
  defineRule({
    id: 'runbook/validate-form',
    severity: 'warning',
    summary:
      'A VALIDATE step that names a command is run only in the runnable form: a label ending in `:` then the one backticked command, nothing after it (`- [ ] Tests pass: `npm test``). Any other step is shown to a person, not run.',
    examples: {
      ok: { [RB]: `${T}## VALIDATE\n\n- [ ] Tests pass: \`npm test\`\n` },
      bad: { [RB]: `${T}## VALIDATE\n\n- [ ] \`npm test\` passes\n` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        for (const s of rb.validate)
          if (s.mentionedCommand)
            report({
              file: rb.path,
              line: s.line,
              message: `VALIDATE step names \`${s.mentionedCommand}\` but is not in the runnable form: it is shown to a person, not run; expected "- [ ] <label>: \`${s.mentionedCommand}\`"`,
            });
    },
  }),
  defineRule({
    id: 'runbook/validate-tests',
    severity: 'error',
    summary: 'A task whose FILES touch shared code (config `sharedCode`) runs the tests in a VALIDATE step.',
    examples: {
      ok: {
        [RB]: `${T}## FILES\n\n\`\`\`\nsrc/lib/dates.ts\n\`\`\`\n\n## VALIDATE\n\n- [ ] Tests pass: \`npm test\`\n`,
      },
      bad: {
        [RB]: `${T}## FILES\n\n\`\`\`\nsrc/lib/dates.ts\n\`\`\`\n\n## VALIDATE\n\n- [ ] The dates look right\n`,
      },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        // a step that runs the tests settles it, and costs less than matching FILES against the globs
        if (testStep(rb, ws.config.commands.test)) continue;
        const shared = sharedEntries(rb, ws.config.sharedCode);
        if (shared.length === 0) continue;
        const want = ws.config.commands.test ? `\`${ws.config.commands.test}\`` : 'the test command';
        report({
          file: rb.path,
          line: runbookBlock(rb, 'VALIDATE')?.line ?? shared[0]!.line,
          message: `FILES touch shared code (${shared[0]!.pattern}) but no VALIDATE step runs the tests: expected "- [ ] Tests pass: ${want}"`,
        });
      }
    },
  }),
  defineRule({
    id: 'runbook/migration-mixed',
    severity: 'error',
    summary:
      'A schema migration is its own task: FILES never mix migrations (config `migrations`) with application code.',
    examples: {
      ok: { [RB]: `${T}## FILES\n\n\`\`\`\ndb/migrations/0007_add_saved.sql\n\`\`\`\n` },
      bad: {
        [RB]: `${T}## FILES\n\n\`\`\`\ndb/migrations/0007_add_saved.sql\nsrc/routes/saved.ts\n\`\`\`\n`,
      },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const mix = migrationMix(rb, ws.config.migrations);
        if (mix)
          report({
            file: rb.path,
            line: mix.app.line,
            message: `FILES mix a migration (${mix.migration.pattern}) with application code (${mix.app.pattern}): expected the migration in its own task`,
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/worked-example',
    severity: 'error',
    summary: "The template's worked example is removed from a runbook.",
    examples: {
      ok: { [RB]: `${T}## FILES\n\n\`\`\`\nsrc/list.ts\n\`\`\`\n` },
      bad: {
        [RB]: `${T}## FILES\n\n\`\`\`\nsrc/list.ts\n\`\`\`\n\n## Worked example\n\nA filled-in runbook.\n`,
      },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        if (rb.workedExample)
          report({
            file: rb.path,
            line: rb.workedExample.line,
            message:
              "the template's worked example is still here: expected it deleted before the task is handed over",
          });
    },
  }),
  defineRule({
    id: 'runbook/placeholder',
    severity: 'error',
    summary:
      'No template placeholder (`[TASK NAME]`, `[task-specific prohibition]`, `` `[test command]` ``) is left in a runbook.',
    examples: {
      ok: { [RB]: `${T}## VALIDATE\n\n- [ ] Tests pass: \`npm test\`\n` },
      bad: { [RB]: '# Runbook: [TASK NAME]\n\n## VALIDATE\n\n- [ ] Tests pass: `[test command]`\n' },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        if (rb.taskName !== undefined && isPlaceholder(rb.taskName))
          report({
            file: rb.path,
            line: rb.title?.line,
            message: `title "${rb.title?.text}" is a placeholder: expected the task name`,
          });
        for (const item of placeholderItems(rb))
          report({
            file: rb.path,
            line: item.line,
            message: `"${item.bare ?? plain(item.text)}" is a template placeholder: expected it filled in or removed`,
          });
      }
    },
  }),
];

/** PROHIBITED items then VALIDATE steps that hold a placeholder, by line; `bare` when known. */
function placeholderItems(rb: Runbook): { text: string; line: number; bare?: string }[] {
  const found: { text: string; line: number; bare?: string }[] = [];
  for (const { item, read } of prohibitedItems(rb))
    if (read.placeholder) found.push({ text: item.text, line: item.line, bare: read.bare });
  for (const step of rb.validate) if (hasPlaceholder(step.text)) found.push(step);
  return found.sort((a, b) => a.line - b.line);
}

export const runbookBlockRules = [...blockRules, ...checkRules];
