// A ready two-task feature in a real temporary git repo, signed CP-0..CP-3 and committed, with
// the loop's agents configured: a scripted `command` executor and a `command` planner.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { planSignoff, recordSignoff } from '../../src/api/signoff.js';
import { CANONICAL, LOCK, MOCK } from '../gates/fixture.js';
import { makeRepo, type Repo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

export const AGENTS = join(import.meta.dirname, 'agents');
export const FAKES = join(import.meta.dirname, '..', 'helpers', 'fake-agents');
export { TODAY };

export function runbook(
  n: number,
  name: string,
  files: string[],
  validate: string[],
  feature = 'settings-page',
): string {
  return `# Runbook: ${name}

**Feature:** ${feature}
**Task:** ${n} of 2
**Branch:** feature/${feature}
**Maps to:** Gate 2 IN item: the /settings route with one toggle per email type

## FILES

\`\`\`
${files.join('\n')}
\`\`\`

## TYPES

\`\`\`ts
export interface EmailPrefs { digest: boolean; alerts: boolean }
\`\`\`

## SKELETON

\`\`\`js
export function defaultPrefs() { return { digest: true, alerts: true }; }
\`\`\`

## PROHIBITED

- Do not change any path outside FILES
- Do not add a dependency this runbook does not name
- Do not refactor code next to the task
- Do not add abstractions the task does not need
- Do not add error handling for cases that cannot happen here
- Do not touch \`src/server.js\`

## VALIDATE

${validate.map((v) => `- [ ] \`${v}\``).join('\n')}
- [ ] Only the paths in FILES changed
`;
}

const CHECK_PREFS = `import { defaultPrefs } from './src/prefs.js';
if (defaultPrefs().digest !== true) { console.error('digest should default to true'); process.exit(1); }
console.log('prefs ok');
`;
const CHECK_FORM = `import { renderForm } from './src/form.js';
if (!renderForm().includes('digest')) { console.error('the form has no digest toggle'); process.exit(1); }
console.log('form ok');
`;

export interface Agents {
  executor?: Record<string, unknown>;
  planner?: Record<string, unknown>;
  extra?: string;
  /** more agents under settings, by name */
  more?: Record<string, Record<string, unknown>>;
}

export function configYaml(a: Agents = {}): string {
  const exec = { bin: join(AGENTS, 'script-agent.mjs'), timeoutSeconds: 30, ...a.executor };
  const plan = { bin: join(AGENTS, 'diagnose.mjs'), timeoutSeconds: 30, ...a.planner };
  return `version: 1
agents:
  executor: scripted
  planner: diagnose
  settings:
    scripted: ${JSON.stringify(exec)}
    diagnose: ${JSON.stringify(plan)}
${Object.entries(a.more ?? {})
  .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
  .join('')}${a.extra ?? ''}`;
}

/** A repo with the ready feature `slug` (two tasks), committed; scripts in KD_SCRIPT's file. */
export function readyRepo(opts: { agents?: Agents; features?: string[] } = {}): Repo {
  const repo = makeRepo({
    'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
    'src/server.js': 'export const port = 3000;\n',
    'check-prefs.mjs': CHECK_PREFS,
    'check-form.mjs': CHECK_FORM,
    'killdate.config.yaml': configYaml(opts.agents),
  });
  for (const slug of opts.features ?? ['settings-page']) addReadyFeature(repo, slug);
  repo.commit('ready');
  return repo;
}

export function addReadyFeature(repo: Repo, slug: string, files?: [string[], string[]]): void {
  const dir = `feature-builds/${slug}`;
  const lock = LOCK.replace('# Pre-build lock: settings-page', `# Pre-build lock: ${slug}`);
  repo.write({ [`${dir}/PRE-BUILD-LOCK.md`]: lock, [`${dir}/mocks/settings.html`]: MOCK });
  const [f1, f2] = files ?? [['src/prefs.js'], ['src/form.js']];
  repo.write({
    [`${dir}/runbook-01-prefs.md`]: runbook(1, 'prefs', f1, ['node check-prefs.mjs'], slug),
    [`${dir}/runbook-02-form.md`]: runbook(2, 'form', f2, ['node check-form.mjs'], slug),
  });
  for (const cp of ['cp0', 'cp1', 'cp2', 'cp3']) {
    const plan = planSignoff({ cwd: repo.dir, feature: slug, checkpoint: cp, today: TODAY });
    expect(plan.blockers, `${slug} ${cp}`).toEqual([]);
    recordSignoff(plan);
  }
}

export const PREFS = 'export function defaultPrefs() {\n  return { digest: true, alerts: true };\n}\n';
export const FORM = 'export function renderForm() {\n  return \'<input name="digest">\';\n}\n';

/** Writes the executor's script and returns the env that points the script agent at it. */
export function script(repo: Repo, steps: Record<string, unknown[]>): NodeJS.ProcessEnv {
  const file = join(repo.dir, '.git', 'kd-script.json');
  writeFileSync(file, JSON.stringify(steps));
  return { ...process.env, KD_SCRIPT: file };
}
