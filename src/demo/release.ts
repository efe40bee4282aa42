// Release 1.2 of the example: the version bump, one schema migration not yet applied in
// production, and the killdate settings whose commands all run offline in the demo repo.
import { appPackage } from './app.js';
import type { DemoFiles } from './tree.js';

const STAGE = (name: string, window: string) =>
  `    - name: ${JSON.stringify(name)}\n      window: ${window}\n      run: node scripts/flag.mjs overdue_badges ${JSON.stringify(name)}`;

export const DEMO_CONFIG = `# killdate settings for Quillbill. Every command runs offline: the scripts stand in for a host
# with the folder deploy/ (ignored by git).
version: 1
product: "Quillbill"
commands:
  test: "npm test"  # runs the test suite
  stagingDeploy: "node scripts/deploy.mjs staging"  # deploys to staging
  stagingTest: "node scripts/smoke.mjs staging"  # the automated check against staging
  deploy: "node scripts/deploy.mjs production"  # deploys to production
  health: "node scripts/health.mjs production"  # checks production health after a deploy
  logs: "node scripts/logs.mjs production"  # prints recent production logs
  boot: "node scripts/boot.mjs"  # boots a release in its worktree (killdate boot <tag>)
release:
  bootTimeout: 30s
ship:
  branch: main
  migrate: "node scripts/migrate.mjs"
  rollback: "node scripts/migrate.mjs --rollback"
  migrations:
    folder: migrations
    applied: "node scripts/migrate.mjs --applied"
canary:
  stages:
${[STAGE('you', '15m'), STAGE('one user', '15m'), STAGE('10%', '1h'), STAGE('50%', '1h'), STAGE('100%', '0s')].join('\n')}
  flagOff: "node scripts/flag.mjs overdue_badges off"
  schemaRollback: "node scripts/migrate.mjs --rollback"
`;

export const releaseFiles: DemoFiles = {
  ...appPackage('1.2.0'),
  'killdate.config.yaml': DEMO_CONFIG,
  'migrations/001-invoice-paid-at.mjs': `// Invoices record when they were paid: paid (a boolean) becomes paidAt (a date or null).
export function up(store) {
  for (const invoice of store.invoices) {
    invoice.paidAt = invoice.paid ? invoice.due : null;
    delete invoice.paid;
  }
}

export function down(store) {
  for (const invoice of store.invoices) {
    invoice.paid = invoice.paidAt !== null;
    delete invoice.paidAt;
  }
}
`,
};
