// The built-in example product, Quillbill, as an ordered list of parts. Each part is a set of
// files committed together, in order, so the example repo has a small history; a part may tag
// its commit as a release (v1.0.0, v1.1.0, v1.2.0: N, N-1 and older for `killdate versions`).
// The kill dates are computed from the day the demo is built, so one is always overdue and one
// always due soon.
import { addDays, todayIso } from '../core/dates.js';
import type { ScaffoldAnswers } from '../workspace/scaffold.js';
import { GITIGNORE_BLOCK, scaffoldFiles } from '../workspace/scaffold.js';
import { appFiles, appPackage } from './app.js';
import { docFiles } from './docs.js';
import { featureFiles } from './features.js';
import { releaseFiles } from './release.js';
import { scriptFiles } from './scripts.js';

/** Workspace-relative path -> file text. */
export type DemoFiles = Record<string, string>;

/** The days the example's text depends on. */
export interface DemoDates {
  /** the day the demo is built (or --today) */
  today: string;
  /** kill date of the float-amounts shim: passed 10 days ago */
  shimKill: string;
  /** kill date of the overdue_badges flag: in 9 days */
  flagKill: string;
  /** a kill date that is no calendar date: 30 February of next year */
  impossible: string;
  /** the day n days before today: the example's history is dated from the day it is built */
  ago: (n: number) => string;
  /** the day n days after today */
  ahead: (n: number) => string;
}

export function demoDates(today: string = todayIso()): DemoDates {
  return {
    today,
    shimKill: addDays(today, -10),
    flagKill: addDays(today, 9),
    impossible: `${Number(today.slice(0, 4)) + 1}-02-30`,
    ago: (n) => addDays(today, -n),
    ahead: (n) => addDays(today, n),
  };
}

export interface DemoPart {
  name: string;
  /** commit message for the files of this part */
  message: string;
  /** how many days before today the part was committed */
  daysAgo: number;
  /** a release tag put on the part's commit */
  tag?: string;
  files: (d: DemoDates) => DemoFiles;
}

export const DEMO_PRODUCT = 'Quillbill';

export const DEMO_ANSWERS: ScaffoldAnswers = {
  product: DEMO_PRODUCT,
  testCommand: 'npm test',
  stagingDeployCommand: 'node scripts/deploy.mjs staging',
  deployCommand: 'node scripts/deploy.mjs production',
  healthCommand: 'node scripts/health.mjs production',
  logsCommand: 'node scripts/logs.mjs production',
};

export const DEMO_AUTHOR = { name: 'Quillbill Demo', email: 'demo@quillbill.example' };

/** The files killdate init would write for Quillbill, plus the .gitignore. */
function scaffold(d: DemoDates): DemoFiles {
  const files: DemoFiles = {
    '.gitignore': `node_modules/\n# the stand-in hosts the deploy scripts write to\ndeploy/\n\n${GITIGNORE_BLOCK}`,
  };
  for (const f of scaffoldFiles(DEMO_ANSWERS, d.ago(72), 'main')) files[f.path] = f.content;
  return files;
}

export const demoParts: DemoPart[] = [
  {
    name: 'app',
    message: 'Quillbill 1.0: invoices in integer cents, with the killdate method scaffolded',
    daysAgo: 72,
    tag: 'v1.0.0',
    files: (d) => ({ ...scaffold(d), ...appFiles(d), ...scriptFiles(d) }),
  },
  {
    name: 'docs',
    message: 'Quillbill 1.1: fill in the canonical docs, architecture, stack, log, roadmap and known issues',
    daysAgo: 7,
    tag: 'v1.1.0',
    files: (d) => ({ ...docFiles(d), ...appPackage('1.1.0') }),
  },
  {
    name: 'features',
    message: 'Lock overdue-badges with two runbooks; draft the recurring-invoices lock',
    daysAgo: 1,
    files: (d) => featureFiles(d),
  },
  {
    name: 'release',
    message: 'Quillbill 1.2: the paid-at migration, and the ship and canary settings',
    daysAgo: 1,
    tag: 'v1.2.0',
    files: () => releaseFiles,
  },
];

/** Every file of the example, later parts overriding earlier ones. */
export function demoTree(parts: DemoPart[] = demoParts, dates: DemoDates = demoDates()): DemoFiles {
  return Object.assign({}, ...parts.map((p) => p.files(dates))) as DemoFiles;
}
