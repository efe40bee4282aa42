// The deploy checklist (METHOD section 9) as a plan of steps built from config: each step a
// command, a human attestation, or a built-in check killdate does itself. `ship.steps`
// replaces the default list.
import type { Config } from './config.js';

export type BuiltinStep =
  | 'clean-tree'
  | 'branch'
  | 'migrations'
  | 'log-entry'
  | 'deploy-status'
  | 'kill-dates'
  | 'canary';

/** The on-demand staging phase: spun up, checked inside, torn down whatever the checks said. */
export type StagingRole = 'up' | 'in' | 'down';

export type PlannedStep = (
  | { id: string; title: string; kind: 'run'; command: string }
  | { id: string; title: string; kind: 'attest'; question: string }
  | { id: string; title: string; kind: 'builtin'; builtin: BuiltinStep }
) & { staging?: StagingRole };

const run = (id: string, title: string, command: string | undefined, question: string): PlannedStep =>
  command ? { id, title, kind: 'run', command } : { id, title, kind: 'attest', question };
const builtin = (id: string, title: string, b: BuiltinStep): PlannedStep => ({
  id,
  title,
  kind: 'builtin',
  builtin: b,
});

export function shipPlan(config: Config): PlannedStep[] {
  if (config.ship.steps) return config.ship.steps.map(fromConfig);
  const c = config.commands;
  return [
    run('tests', 'All tests pass locally', c.test, 'Have all tests passed locally?'),
    builtin('clean-tree', 'No uncommitted changes', 'clean-tree'),
    builtin('branch', `On branch ${config.ship.branch}`, 'branch'),
    {
      id: 'invariants',
      title: 'Lock invariants verified',
      kind: 'attest',
      question: 'Did you check every surface of the lock invariants table by hand?',
    },
    builtin('migrations', 'Pending migrations run first, rollback written', 'migrations'),
    ...stagingSteps(c),
    run(
      'deploy',
      'Production deploy',
      c.deploy,
      'Is the new version deployed to production (CI finished without errors)?',
    ),
    run(
      'health',
      'New version is running (health check)',
      c.health,
      'Does the health check show the new version running?',
    ),
    builtin('canary', 'Canary started for one user', 'canary'),
    builtin('log-entry', 'Deploy logged in the session log', 'log-entry'),
    builtin('deploy-status', 'Deploy status updated in ARCHITECTURE', 'deploy-status'),
    builtin('kill-dates', 'Kill dates checked', 'kill-dates'),
  ];
}

/** Staging: deployed (stagingDeploy) or, with stagingDown, on demand: up, suite, walkthrough, down. */
function stagingSteps(c: Config['commands']): PlannedStep[] {
  const up = c.stagingUp
    ? run('staging-up', 'Spin up staging', c.stagingUp, 'Is a staging environment up with this build?')
    : run('staging-deploy', 'Deploy to staging', c.stagingDeploy, 'Is the build deployed to staging?');
  const steps: PlannedStep[] = [
    up,
    run(
      'staging-suite',
      'Automated suite passes against staging',
      c.stagingTest,
      'Does the automated suite pass against staging?',
    ),
    {
      id: 'staging-walkthrough',
      title: 'Affected flow walked on staging',
      kind: 'attest',
      question: 'Did you walk through the affected flow on staging by hand?',
    },
  ];
  if (!c.stagingDown) return steps;
  const down: PlannedStep = {
    id: 'staging-down',
    title: 'Tear staging down',
    kind: 'run',
    command: c.stagingDown,
  };
  return [
    { ...steps[0]!, staging: 'up' },
    ...steps.slice(1).map((s) => ({ ...s, staging: 'in' as const })),
    { ...down, staging: 'down' },
  ];
}

function fromConfig(s: NonNullable<Config['ship']['steps']>[number]): PlannedStep {
  const title = s.title ?? s.id;
  if (s.builtin) return builtin(s.id, title, s.builtin);
  if (s.run) return { id: s.id, title, kind: 'run', command: s.run };
  return { id: s.id, title, kind: 'attest', question: s.attest ?? `${title}?` };
}

/** Migration names not yet applied, in order. Names compare without their extension. */
export function pendingMigrations(files: string[], applied: string[]): string[] {
  const stem = (s: string) =>
    s
      .trim()
      .replace(/^.*\//, '')
      .replace(/\.[^.]+$/, '');
  const done = new Set(applied.map(stem).filter(Boolean));
  return [...files].sort().filter((f) => !done.has(stem(f)));
}
