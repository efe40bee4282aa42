// OpenSpec side by side: `openspec validate --all --json` on N generated changes against
// `killdate check` (cold, no cache) on N generated features of about the same size (a
// change: proposal, design, tasks and three spec deltas, about 6 KB in six files; a feature:
// a lock and five runbooks, about 6 KB in six files). OpenSpec is installed on demand into
// bench/.work/openspec (never a dependency of killdate); when it cannot be installed the
// bench says so and skips the row. Written once into bench/.work/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kase } from './case.mjs';
import { generate, SHAPE } from './generate.mjs';

const work = join(dirname(fileURLToPath(import.meta.url)), '.work');
export const OPENSPEC_VERSION = '1.13.2';
const home = join(work, 'openspec');
const cli = join(home, 'node_modules/@fission-ai/openspec/bin/openspec.js');
const N = 1000;
/** No telemetry, no update check, its config kept inside the bench folder. */
export const OPENSPEC_ENV = {
  DO_NOT_TRACK: '1',
  OPENSPEC_TELEMETRY: '0',
  OPENSPEC_NO_UPDATE_CHECK: '1',
  HOME: join(home, 'home'),
  XDG_CONFIG_HOME: join(home, 'home/.config'),
};

/** The installed CLI's path, or { reason } when it cannot be installed. */
export function ensureOpenSpec() {
  const installed = () => {
    try {
      return JSON.parse(readFileSync(join(dirname(dirname(cli)), 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  if (installed() === OPENSPEC_VERSION) return { cli };
  process.stderr.write(`installing @fission-ai/openspec@${OPENSPEC_VERSION} into ${home}...\n`);
  mkdirSync(home, { recursive: true });
  if (!existsSync(join(home, 'package.json')))
    writeFileSync(join(home, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--no-save', `@fission-ai/openspec@${OPENSPEC_VERSION}`],
    { cwd: home, encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status === 0 && installed() === OPENSPEC_VERSION) return { cli };
  const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-1)[0] || `exit ${r.status}`;
  return { reason: `OpenSpec could not be installed (npm install: ${why})` };
}

const pad = (n) => String(n).padStart(4, '0');

function change(i) {
  const id = pad(i);
  const requirement = (n) => `### Requirement: Export part ${n} of list ${id}
The system SHALL export part ${n} of list ${id} as CSV with every row of the list, in the order the page shows.

#### Scenario: Export a full list
- **WHEN** a user exports list ${id} with 250 rows
- **THEN** the CSV holds 250 rows in page order

#### Scenario: Export an empty list
- **WHEN** a user exports list ${id} with no rows
- **THEN** the CSV holds the header row only
`;
  const spec = (n) => `## ADDED Requirements

${requirement(n)}
${requirement(n + 10)}`;
  return {
    'proposal.md': `## Why
Users cannot take list ${id} out of the app: they copy rows by hand and lose the last one. Every list can be exported, so this one must be too.

## What Changes
- Add an export button to the toolbar of list ${id}
- Add a CSV writer for the rows of list ${id}
- Keep the row order of the page in the file

## Capabilities

### New Capabilities
- \`export-${id}-a\`: CSV export of list ${id}, part a
- \`export-${id}-b\`: CSV export of list ${id}, part b
- \`export-${id}-c\`: CSV export of list ${id}, part c

## Impact
- The list route and its tests; no data migration; flag export_v${i} until every user has it.
`,
    'design.md': `## Context
List ${id} renders rows from the pager; the export reads the same query without paging.

## Goals / Non-Goals
**Goals:** one CSV with every row, in page order.
**Non-Goals:** PDF export, scheduled exports.

## Decisions
- Stream rows from the query: the pager drops the last row on a full page.
- Put the button behind flag export_v${i}.

## Risks / Trade-offs
- A very long list takes seconds to stream: the button shows a spinner.
`,
    'tasks.md': `## 1. Export
- [ ] 1.1 Add the export button to list ${id}
- [ ] 1.2 Write the CSV writer
- [ ] 1.3 Stream the rows in page order

## 2. Tests
- [ ] 2.1 Golden CSV for a full list
- [ ] 2.2 Golden CSV for an empty list
`,
    [`specs/export-${id}-a/spec.md`]: spec(1),
    [`specs/export-${id}-b/spec.md`]: spec(2),
    [`specs/export-${id}-c/spec.md`]: spec(3),
  };
}

/** An OpenSpec project with `n` changes, written once. */
export function openSpecWorkspace(n = N) {
  const out = join(work, `openspec-ws-${n}`);
  const stamp = join(out, '.bench-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(n)) return out;
  rmSync(out, { recursive: true, force: true });
  const write = (rel, text) => {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), text);
  };
  write('openspec/config.yaml', 'schema: spec-driven\n');
  write('openspec/specs/.gitkeep', '');
  for (let i = 1; i <= n; i++)
    for (const [rel, text] of Object.entries(change(i)))
      write(`openspec/changes/export-list-${pad(i)}/${rel}`, text);
  writeFileSync(stamp, String(n));
  return out;
}

/** killdate's comparable workspace: N features (lock + five runbooks each). */
const killdateWorkspace = (n = N) => generate(join(work, `ws-${n}`), { ...SHAPE, features: n }).out;

export const openSpecCases = [
  kase(`openspec: validate --all, ${N.toLocaleString('en')} changes`, ({ node }) => {
    const got = ensureOpenSpec();
    if (got.reason) return { skip: got.reason };
    const dir = openSpecWorkspace();
    return {
      argv: [node, got.cli, 'validate', '--all', '--json', '--no-interactive'],
      cwd: dir,
      env: OPENSPEC_ENV,
      items: N,
      unit: 'changes',
    };
  }),
  kase(`openspec: killdate check, cold, ${N.toLocaleString('en')} features`, ({ node, bin, floor }) => {
    const ws = killdateWorkspace();
    return {
      argv: [node, bin, 'check', '--json', '--no-cache', '-C', ws],
      baseline: { name: 'floor: read the documents', argv: [node, floor, ws] },
      targets: { ratio: 4 },
      items: N,
      unit: 'features',
      report: (rows) => {
        const mine = rows.find((r) => r.case.name.startsWith('openspec: killdate check'));
        const theirs = rows.find((r) => r.case.name.startsWith('openspec: validate'));
        if (!theirs) return 'OpenSpec side by side: OpenSpec was not measured (skipped or not selected)';
        const a = N / mine.m.wall;
        const b = N / theirs.m.wall;
        const ratio = a / b;
        return (
          `OpenSpec side by side (${N.toLocaleString('en')} items, same run): killdate check cold ${a.toFixed(0)} features/s, ` +
          `openspec ${OPENSPEC_VERSION} validate --all ${b.toFixed(0)} changes/s: ${ratio.toFixed(1)}x ` +
          `(target >= 10x: ${ratio >= 10 ? 'yes' : 'NO'}); read floor ${mine.base.wall.toFixed(3)} s, ` +
          `check ${(mine.m.wall / mine.base.wall).toFixed(1)}x of it (target <= 4x: ${mine.m.wall / mine.base.wall <= 4 ? 'yes' : 'NO'})`
        );
      },
    };
  }),
];
