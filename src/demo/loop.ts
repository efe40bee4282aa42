// The demo's handoff loop: overdue-badges is signed off to CP-3, a scripted `command` executor
// (scripts/scripted-executor.mjs in the demo repo: no account, no network) makes task 1's
// edit, the review runs the runbook's VALIDATE commands for real, and the demo's human
// approves and commits. Everything lands where a real run would put it.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { approve, type DecideResult } from '../api/decide.js';
import { type RunFeatureResult, run } from '../api/run.js';
import { planSignoff, recordSignoff } from '../api/signoff.js';
import { git, gitOrThrow } from '../workspace/git.js';
import { DEMO_AUTHOR } from './tree.js';

export const DEMO_FEATURE = 'overdue-badges';
export const EXECUTOR_SCRIPT = 'scripts/scripted-executor.mjs';

/** Reads the brief on stdin and makes the edit task 1 expects, inside its FILES. */
const EXECUTOR = `#!/usr/bin/env node
// The demo's scripted executor: a stand-in for Claude Code, Codex or Cursor. It reads the
// brief killdate pipes to it and makes the edit the runbook's task asks for.
import { appendFileSync } from 'node:fs';

if (process.argv.includes('--version')) {
  console.log('1.0.0 (scripted)');
  process.exit(0);
}
let brief = '';
for await (const chunk of process.stdin) brief += chunk;
if (process.argv.includes('--plan')) {
  // as the planner (read-only): name the failed checks, change nothing
  const failed = brief.split('## Failed checks')[1]?.split('##')[0]?.trim() ?? 'none';
  console.log(\`Diagnosis (scripted): \${failed.replace(/\\n/g, '; ')}. Revert the task, or amend the runbook and rerun.\`);
  process.exit(0);
}
if (!brief.includes('runbook-01-days-overdue.md')) {
  console.log('nothing scripted for this task');
  process.exit(1);
}
appendFileSync(
  'test/overdue.test.js',
  \`
test('an invoice due today is not late yet', () => {
  assert.equal(daysOverdue(late, late.due), 0);
});
\`,
);
console.log('added a test for an invoice due today to test/overdue.test.js');
`;

const CONFIG = `
# The demo's executor: a scripted command agent (reads the brief on stdin, no network).
agents:
  executor: scripted
  planner: scripted-planner
  settings:
    scripted:
      bin: ./${EXECUTOR_SCRIPT}
      timeoutSeconds: 120
    scripted-planner:
      bin: ./${EXECUTOR_SCRIPT}
      extraArgs: [--plan]
      timeoutSeconds: 60
run:
  validateTimeoutSeconds: 120
`;

export interface DemoLoop {
  feature: string;
  result: RunFeatureResult;
  decision?: DecideResult;
  /** the commit of the approved task */
  commit?: string;
  review: string;
  runDir: string;
}

function commit(root: string, message: string, paths: string[]): string {
  gitOrThrow(root, ['add', '--', ...paths]);
  gitOrThrow(root, [
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    message,
    '--',
    ...paths,
  ]);
  return gitOrThrow(root, ['rev-parse', 'HEAD']).trim();
}

/** Sign-offs, the scripted executor and its config, committed: the feature is ready. */
export function prepareDemoLoop(root: string, today: string): void {
  if (!git(root, ['config', 'user.email']).stdout.trim()) {
    gitOrThrow(root, ['config', 'user.name', DEMO_AUTHOR.name]);
    gitOrThrow(root, ['config', 'user.email', DEMO_AUTHOR.email]);
  }
  for (const cp of ['cp0', 'cp1', 'cp2', 'cp3']) {
    const plan = planSignoff({ cwd: root, feature: DEMO_FEATURE, checkpoint: cp, today });
    if (!plan.alreadySigned) recordSignoff(plan);
  }
  writeFileSync(join(root, EXECUTOR_SCRIPT), EXECUTOR);
  chmodSync(join(root, EXECUTOR_SCRIPT), 0o755);
  const config = join(root, 'killdate.config.yaml');
  if (!readFileSync(config, 'utf8').includes('executor: scripted'))
    writeFileSync(config, readFileSync(config, 'utf8') + CONFIG);
  commit(root, 'A scripted executor for the demo', [
    `feature-builds/${DEMO_FEATURE}/SIGNOFFS.md`,
    EXECUTOR_SCRIPT,
    'killdate.config.yaml',
  ]);
}

/** Task 1 of overdue-badges through the whole loop; approved and committed when every check passes. */
export async function runDemoLoop(
  root: string,
  today: string,
  progress?: (line: string) => void,
): Promise<DemoLoop> {
  prepareDemoLoop(root, today);
  const result = await run({
    cwd: root,
    feature: DEMO_FEATURE,
    today,
    handleSigint: false,
    ...(progress ? { progress } : {}),
  });
  const t = result.runs[0]!;
  const review = `feature-builds/${DEMO_FEATURE}/REVIEW.md`;
  const out: DemoLoop = { feature: DEMO_FEATURE, result, review, runDir: `.killdate/runs/${t.runId}` };
  if (!t.allPassed) return out;
  // what `killdate approve <feature> <task> --commit` does: the decision, then the task's files
  out.decision = await approve({ cwd: root, feature: DEMO_FEATURE, task: t.task, commit: true });
  out.commit = out.decision.committed?.commit;
  return out;
}
