// The kit fork filled in the way the kit's own instructions say, in our words, dated from the
// real today: every bracket of CLAUDE.md ("replace [AppName] throughout"), the product truth, the
// architecture, the deploy checklist's commands, the first build's scope, the roadmap and a first
// log entry; then a feature locked with the kit's lock template, answered in the style of its own
// examples (several short sentences for section-vs-replacement), and the kit's worked example as
// its first runbook.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { day } from './dates.js';
import { type Edit, edit, LOCK, LOCK_EDITS, OPEN2, RUNBOOK, THESIS } from './kit-fork-variant.js';

const MOCK = 'feature-builds/user-settings/mocks/settings.html';

/**
 * The brackets filled: each named one everywhere ("replace [AppName] throughout"), then any
 * other outside examples and quotes, with the part after "e.g." or a written answer.
 */
function fillBrackets(text: string, named: Record<string, string>): string {
  let out = text;
  for (const [key, value] of Object.entries(named)) out = out.split(`[${key}]`).join(value);
  return out
    .split('\n')
    .map((line) => {
      if (/^\s*>/.test(line)) return line; // an example
      return line.replace(
        /(^|[^"“\w])\[([^[\]\n]+)\](?![([:])/g,
        (whole, lead: string, inner: string, at: number) => {
          if (/^\s*[-*]\s*$/.test(line.slice(0, at + lead.length)) && /^( |x)$/i.test(inner)) return whole; // a checkbox
          const value = inner.split(/e\.g\.\s*/)[1]?.replace(/["“”]/g, '') ?? `${inner} (written)`;
          return `${lead}${value.trim()}`;
        },
      );
    })
    .join('\n');
}

const NAMED: Record<string, string> = {
  AppName: 'Ledgerline',
  'YOUR TEST COMMAND': 'npm test',
  'YOUR NAME': 'Dana',
  'YOUR STAGING DEPLOY COMMAND': './deploy.sh staging',
  'YOUR DEPLOY COMMAND': './deploy.sh production',
  'YOUR HEALTH CHECK URL OR COMMAND': 'curl -fsS https://ledgerline.example/health',
  'YOUR LOG COMMAND': 'fly logs -a ledgerline',
  'your thesis': THESIS,
  'Your stack — add domains as needed': 'Remix',
  'path/to/schema.sql or schema file': 'db/schema.sql',
};

const FULL_LOCK_EDITS: Edit[] = [
  // section-vs-replacement in the style of the kit's own example: several short sentences
  ...LOCK_EDITS.filter(([from]) => !from.includes('Artifact: filled matrix above')).map(
    ([from, to]): Edit =>
      to.startsWith('A new surface:')
        ? [
            from,
            'New surface: a `/settings` route under the account menu. One route. One form. No existing page changes.',
          ]
        : [from, to],
  ),
  ...[
    'Primary route / surface',
    'Related routes / surfaces',
    'Shared components',
    'API routes / loaders / actions',
    'Database tables',
    'Background jobs / queues',
    'Auth / session handling',
    'Webhooks / integrations',
    'Test fixtures / snapshots',
  ].map(
    (t): Edit => [
      `| ${t} | | | | | |`,
      `| ${t} | ${t.startsWith('Primary') ? 'new route' : 'none'} | none | none | none | no |`,
    ],
  ),
  ['| [add others] | | | | | |\n', ''],
  [
    `${OPEN2}\n\n*Artifact: filled matrix above.*`,
    '**Status:** ☑ PASSED  ☐ BLOCKED\n\n*Artifact: filled matrix above.*',
  ],
  [
    '| [surface] | ☐ designed | ☐ designed | ☐ designed | ☐ designed |',
    '| /settings | ☑ designed | ☑ designed | ☑ designed | ☑ designed |',
  ],
  [`${OPEN2}  ☐ N/A (no UI in this build)`, '**Status:** ☑ PASSED  ☐ BLOCKED  ☐ N/A (no UI in this build)'],
  ['- [ ] **Full-surround render**', '- [x] **Full-surround render**'],
  ['- [ ] **Side-by-side diff**', '- [x] **Side-by-side diff**'],
  ['- [ ] **Runbook-ready**', '- [x] **Runbook-ready**'],
  [
    '[link to mock or note that it was reviewed and by whom]',
    'Reviewed by Dana: [settings mock](mocks/settings.html)',
  ],
  [`${OPEN2}\n\n---\n\n## Pre-build`, '**Status:** ☑ PASSED  ☐ BLOCKED\n\n---\n\n## Pre-build'],
  ['**Signed off:** [name, date]', `**Signed off:** Dana, ${day(-2)}`],
];

/** Turn a fresh copy of the kit-fork fixture in `dir` into the fork filled per the kit's instructions. */
export function fillKitForkPerInstructions(dir: string): void {
  const pm = 'project-management';
  for (const file of [
    'CLAUDE.md',
    'marketing/canonical/MARKETING-TRUTH.md',
    'marketing/canonical/BEHAVIOR-SPEC.md',
    `${pm}/ARCHITECTURE.md`,
    `${pm}/SHIP-TO-PROD.md`,
    `${pm}/FIRST-BUILD.md`,
    `${pm}/DEV-HEURISTICS.md`,
  ])
    writeFileSync(join(dir, file), fillBrackets(readFileSync(join(dir, file), 'utf8'), NAMED));
  const roadmap = readFileSync(join(dir, `${pm}/ROADMAP.md`), 'utf8')
    .replace(
      /- \[ \] \[current item\].*/,
      '- [ ] User settings — the time zone of the morning summary, feature/user-settings',
    )
    .replace(/(- \[ \] \[item\] — .*\n)+/, '- [ ] Weekly digest — a Monday summary of the week\n')
    .replace(/(- \[ \] \[item\]\n)+/, '- [ ] Supplier orders\n');
  writeFileSync(join(dir, `${pm}/ROADMAP.md`), roadmap);
  edit(dir, `${pm}/_log.md`, `${pm}/_log.md`, [
    [
      '## [Date of first session]\n\n[First entry goes here.]\n',
      `## ${day(-2)}\n\n**Branch:** feature/user-settings\n**What happened:** Filled in the context, the product truth and the architecture. Locked the user-settings feature and wrote its first runbook.\n`,
    ],
  ]);
  edit(dir, `${pm}/FEATURE-LOCK.md`, LOCK, FULL_LOCK_EDITS);
  mkdirSync(join(dir, MOCK, '..'), { recursive: true });
  writeFileSync(join(dir, MOCK), '<main><h1>Settings</h1><select name="timezone"></select></main>\n');
  mkdirSync(join(dir, 'db'), { recursive: true });
  writeFileSync(
    join(dir, 'db/schema.sql'),
    'create table accounts (id integer primary key, timezone text);\n',
  );
  const rules = readFileSync(join(dir, 'feature-builds/_playbook/BUILD-RULES.md'), 'utf8');
  writeFileSync(join(dir, RUNBOOK), rules.slice(rules.lastIndexOf('# Runbook:')));
}
