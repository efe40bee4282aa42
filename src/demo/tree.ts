// The built-in example product, Quillbill, as an ordered list of parts. Each part is a set of
// files committed together, in order, so the example repo has a small history. Later
// capabilities add parts (sign-offs, kill dates, runs) by appending to `demoParts`.
import type { ScaffoldAnswers } from '../workspace/scaffold.js';
import { GITIGNORE_BLOCK, scaffoldFiles } from '../workspace/scaffold.js';
import { appFiles } from './app.js';
import { docFiles } from './docs.js';
import { featureFiles } from './features.js';

/** Workspace-relative path -> file text. */
export type DemoFiles = Record<string, string>;

export interface DemoPart {
  name: string;
  /** commit message for the files of this part */
  message: string;
  /** date of the commit, YYYY-MM-DD */
  date: string;
  files: () => DemoFiles;
}

export const DEMO_PRODUCT = 'Quillbill';

export const DEMO_ANSWERS: ScaffoldAnswers = {
  product: DEMO_PRODUCT,
  testCommand: 'npm test',
  stagingDeployCommand: 'npm run deploy:staging',
  deployCommand: 'npm run deploy',
  healthCommand: 'node scripts/health.js',
  logsCommand: 'node scripts/logs.js',
};

export const DEMO_AUTHOR = { name: 'Quillbill Demo', email: 'demo@quillbill.example' };

/** The files killdate init would write for Quillbill, plus the .gitignore. */
function scaffold(): DemoFiles {
  const files: DemoFiles = { '.gitignore': `node_modules/\n\n${GITIGNORE_BLOCK}` };
  for (const f of scaffoldFiles(DEMO_ANSWERS, '2026-09-14', 'main')) files[f.path] = f.content;
  return files;
}

export const demoParts: DemoPart[] = [
  {
    name: 'app',
    message: 'Quillbill: invoices in integer cents, with the killdate method scaffolded',
    date: '2026-09-14',
    files: () => ({ ...scaffold(), ...appFiles }),
  },
  {
    name: 'docs',
    message: 'Fill in the canonical docs, architecture, stack, log, roadmap and known issues',
    date: '2026-11-18',
    files: () => docFiles,
  },
  {
    name: 'features',
    message: 'Lock overdue-badges with two runbooks; draft the recurring-invoices lock',
    date: '2026-11-24',
    files: () => featureFiles,
  },
];

/** Every file of the example, later parts overriding earlier ones. */
export function demoTree(parts: DemoPart[] = demoParts): DemoFiles {
  return Object.assign({}, ...parts.map((p) => p.files())) as DemoFiles;
}
