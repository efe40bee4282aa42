// Writes a large method workspace for the benchmarks into bench/.work/ws (git-ignored), as a
// git repo: 1,000 features each with a lock and five runbooks, a 20,000-line session log,
// 500 known issues, the context document and the registers. Deterministic: same input, same
// bytes. Usage: node bench/generate.mjs [--features N] [--out DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHAPE = { features: 1000, runbooks: 5, logLines: 20_000, issues: 500, stamp: 5 };
const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = join(here, '.work', 'ws');

const pad = (n, w = 4) => String(n).padStart(w, '0');
// Dates are days from 600 days before the real today: locks and issues lie in the past, kill
// dates (day 900 and later) in the future, whatever the day the bench runs.
const START = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) - 600 * 86_400_000;
const day = (n) => new Date(START + n * 86_400_000).toISOString().slice(0, 10);

function context(features) {
  const procs = ['ARCHITECTURE', 'STACK', 'ROADMAP', 'KNOWN-ISSUES', 'TESTING-LEARNINGS', 'DEV-HEURISTICS'];
  return `# Benchapp: context

## Product truth
Read marketing/canonical/MARKETING-TRUTH.md and marketing/canonical/BEHAVIOR-SPEC.md before a product decision.

## Build discipline
One feature at a time per branch; ${features} features are tracked in feature-builds/.

## Task types
| task type | lock | runbook |
|---|---|---|
| feature | required | required |
| bug fix | - | - |

## Tool boundary and handoff loop
The planner writes runbooks; the executor runs one task; a human reviews every task.

## Feature build gate
No code before the pre-build lock passes CP-1.

## Testing
Shared code changes run \`npm test\`.

## Session start
Run \`killdate start\`.

## Session end
Write the log entry and RESUME HERE.

## Deployment
Follow project-management/SHIP-TO-PROD.md.

## Reference manifest
${procs.map((p) => `- project-management/${p}.md: read when you touch ${p.toLowerCase()}`).join('\n')}
- project-management/_log.md: read when a session starts
`;
}

function lock(i) {
  const slug = `feature-${pad(i)}`;
  const gates = [
    [
      'Canonical alignment',
      `**Canonical reference:** "Every list can be exported"\n**Conflicts identified:** none\n**Resolution:** change adjusts to canonical`,
    ],
    [
      'Scope lock',
      `**Scope statement:** A user can export list ${i} as CSV.\n\n**IN:**\n- export button\n- csv writer\n\n**OUT:**\n- pdf export\n- scheduled exports\n\n**Section-vs-replacement:** new surface in the list toolbar.\n**Unique job:** no surface exports data today.\n**Surgical change:** V(N+1) = V(N) + one export button`,
    ],
    [
      'Invariants inventory',
      '| Surface | Must stay unchanged | How to verify |\n|---|---|---|\n| list page | row order | `npm test -- list` |\n| auth | session cookie | e2e login spec |',
    ],
    [
      'Blast radius',
      '| Touchpoint | Behavior Δ? | Data Δ? | State Δ? | Tests Δ? | Coordinated update? |\n|---|---|---|---|---|---|\n| list route | yes | no | no | yes | no |\n| shared table | no | no | no | no | no |',
    ],
    [
      'Four-state rendering',
      '| Surface | Empty | Loading | Error | Populated |\n|---|---|---|---|---|\n| export button | ☑ | ☑ | ☑ | ☑ |',
    ],
    [
      'Interface contract',
      '| Interface | Change type | Rollback path | Tests updated |\n|---|---|---|---|\n| GET /export | Non-breaking | remove route | ☑ |',
    ],
    [
      'Sunset criterion and kill date',
      `**Phases out:** flag export_v${i}\n**Sunset criterion:** delete the flag once 100% of users have had it for 14 days with zero errors\n**Kill date:** ${day(i % 100 === 0 ? 900 : 1100 + (i % 300))}`,
    ],
    [
      'Mocks sign-off',
      '- ☑ Full-surround render\n- ☑ Side-by-side diff\n- ☑ Runbook-ready\n\n**Mock:** mocks/export.html',
    ],
  ];
  const body = gates
    .map(([name, text], g) => `## Gate ${g + 1} — ${name}\n\n${text}\n\n**Status:** ☑ PASSED ☐ BLOCKED`)
    .join('\n\n');
  return `# Pre-build lock: ${slug}\n\n**Date locked:** ${day(i % 600)}\n**Branch:** feat/${slug}\n\n${body}\n\n**Signed off:** bench, ${day(i % 600)}\n`;
}

function runbook(i, n, m) {
  return `# Runbook: feature-${pad(i)} task ${n}

**Feature:** feature-${pad(i)}
**Task:** ${n} of ${m}
**Branch:** feat/feature-${pad(i)}
**Maps to:** Gate 2 IN item ${n}

## FILES
- src/features/f${pad(i)}/part-${n}.ts
- test/features/f${pad(i)}/part-${n}.test.ts

## TYPES
\`\`\`ts
export interface Part${n} { id: string; rows: number; label: string }
\`\`\`

## SKELETON
\`\`\`ts
export function part${n}(input: Part${n}): string {
  // IMPLEMENT: format the row count
  return \`\${input.label}: \${input.rows}\`;
}
\`\`\`

## PROHIBITED
- do not modify files outside FILES
- do not install packages
- do not refactor adjacent code
- do not add abstractions beyond the task
- do not add error handling for impossible cases
- do not add a progress banner to the export button

## VALIDATE
- [ ] \`npm test -- f${pad(i)}\`
- [ ] only the FILES changed
- [ ] list page row order unchanged (Gate 3)
`;
}

function sessionLog(lines) {
  const out = ['# Session log', ''];
  for (let e = 0; out.length < lines; e++) {
    out.push(`## ${day(e)}`, '', `**Branch:** feat/feature-${pad(e % 1000)}`, '');
    out.push(
      `**What happened:** Worked on feature ${e % 1000}. Wrote runbook ${(e % 5) + 1} and reviewed the previous task. Tests pass.`,
      '',
    );
    if (e % 7 === 0) out.push('**RESUME HERE:**', '', '1. Finish the review', '2. Sign off CP-3', '');
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

const PREFIXES = ['B', 'UI', 'INT', 'CFG', 'INF', 'SCH', 'P', 'SEC'];
function knownIssues(count) {
  const out = ['# Known issues', '', 'Open bugs only. A fixed bug is removed.', ''];
  for (let i = 1; i <= count; i++) {
    const id = `${PREFIXES[i % PREFIXES.length]}-${i}`;
    out.push(`**${id} Export of list ${i} drops the last row**`, '');
    out.push(
      `- **Severity:** ${['low', 'medium', 'high'][i % 3]}`,
      `- **Symptoms:** the CSV has one row fewer than the page`,
    );
    out.push(
      '- **Suspected cause:** off-by-one in the pager',
      '- **Workaround:** none',
      `- **Opened:** ${day(i)}`,
      '',
    );
  }
  return out.join('\n');
}

function registers() {
  const entries = (n, f) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n');
  return {
    'project-management/ROADMAP.md': `# Roadmap\n\n## In progress\n\n${entries(20, (i) => `- [ ] feature-${pad(i)} — export, feat/feature-${pad(i)}`)}\n\n## Next\n\n${entries(50, (i) => `- [ ] feature-${pad(i + 20)} — export`)}\n\n## Backlog\n\n${entries(200, (i) => `- [ ] idea ${i}`)}\n\n## Completed\n\n${entries(100, (i) => `- [x] shipped ${i}`)}\n`,
    'project-management/TESTING-LEARNINGS.md': `# Testing learnings\n\n${entries(100, (i) => `## L-${pad(i, 3)} — ${day(i)}\n\n**What happened:** a flaky export test.\n**Why tests missed it:** no fixture.\n**Fix:** added one.\n**Rule going forward:** every export has a golden fixture.\n`)}`,
    'project-management/DEV-HEURISTICS.md': `# Dev heuristics\n\n${entries(30, (i) => `## Domain ${i}\n\n**Paths:** src/domain${i}/**\n\n- check the pager before the writer\n`)}`,
    'project-management/STACK.md': `# Stack decisions\n\n${entries(40, (i) => `**Decision ${i}** — use plain CSV\n\n- **Decided:** ${day(i)}\n- **Rationale:** simple\n- **Alternatives considered:** xlsx\n`)}`,
    'project-management/ARCHITECTURE.md': `# Architecture\n\n## Stack\n\nNode, Postgres.\n\n## Current deployment status\n\n**Last deploy:** ${day(590)}\n`,
    'marketing/canonical/MARKETING-TRUTH.md': '# Marketing truth\n\nEvery list can be exported.\n',
    'marketing/canonical/BEHAVIOR-SPEC.md': '# Behavior spec\n\nAn export holds every row of the list.\n',
    'CLAUDE.md': '@AGENTS.md\n',
  };
}

export function generate(out = DEFAULT_OUT, shape = SHAPE) {
  const stampFile = join(out, '.bench-stamp');
  // the first day in the stamp: on a later day the workspace is written again, so its kill
  // dates stay in the future whatever the day the bench runs
  const stamp = JSON.stringify({ ...shape, from: day(0) });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { out, fresh: false };
  rmSync(out, { recursive: true, force: true });
  const write = (rel, text) => {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), text);
  };
  write('AGENTS.md', context(shape.features));
  for (const [rel, text] of Object.entries(registers())) write(rel, text);
  write('project-management/_log.md', sessionLog(shape.logLines));
  write('project-management/KNOWN-ISSUES.md', knownIssues(shape.issues));
  for (let i = 1; i <= shape.features; i++) {
    const dir = `feature-builds/feature-${pad(i)}`;
    write(`${dir}/PRE-BUILD-LOCK.md`, lock(i));
    write(`${dir}/mocks/export.html`, `<main><button>Export list ${i}</button></main>\n`);
    for (let n = 1; n <= shape.runbooks; n++)
      write(`${dir}/runbook-${pad(n, 2)}-part-${n}.md`, runbook(i, n, shape.runbooks));
  }
  write('.gitignore', '.killdate/\n.bench-stamp\n');
  const git = (...args) => execFileSync('git', args, { cwd: out, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git(
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.invalid',
    'commit',
    '-q',
    '-m',
    'bench workspace',
  );
  writeFileSync(stampFile, stamp);
  return { out, fresh: true };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
  const shape = process.argv.includes('--features')
    ? { ...SHAPE, features: Number(arg('--features')) }
    : SHAPE;
  const { out, fresh } = generate(process.argv.includes('--out') ? arg('--out') : DEFAULT_OUT, shape);
  process.stderr.write(`${fresh ? 'wrote' : 'up to date:'} ${out}\n`);
}
