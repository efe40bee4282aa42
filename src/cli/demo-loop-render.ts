// The demo's handoff-loop part, and the files it leaves to look at.
import type { DemoLoop } from '../demo/loop.js';
import { EXECUTOR_SCRIPT } from '../demo/loop.js';
import { bold, dim } from './output.js';
import { renderTaskRun } from './render-run.js';

export function loopSection(l: DemoLoop): string[] {
  const t = l.result.runs[0]!;
  const out = [
    bold(`The handoff loop: ${l.feature} task ${t.task}, scripted executor (no account, no network)`),
    dim(`  $ killdate run ${l.feature}`),
    ...renderTaskRun(t)
      .split('\n')
      .map((line) => `  ${line}`),
  ];
  if (l.decision) {
    out.push(
      dim(`  $ killdate approve ${l.feature} ${t.task} --commit`),
      `  ${l.decision.decision} by ${l.decision.by}, recorded in ${l.decision.review}`,
      `  committed ${l.commit?.slice(0, 7)}: ${l.decision.committed?.paths.join(', ')}`,
    );
    if (l.decision.next) out.push(`  next: task ${l.decision.next} (killdate run ${l.feature})`);
  } else out.push('  a check failed: the task waits for a decision (killdate revert / accept / reject)');
  return out;
}

/** Rows for the demo's "where to look": path, what it shows. */
export function loopLook(l: DemoLoop): [string, string][] {
  return [
    [l.review, 'the verdict: checks, files, tokens, the decision'],
    [`${l.runDir}/`, 'meta.json, executor/ (transcript), validate-*.log'],
    [EXECUTOR_SCRIPT, 'the scripted executor (reads the brief on stdin)'],
    ['killdate runs', 'every run with status, duration, tokens and cost'],
  ];
}

export function loopJson(l: DemoLoop) {
  const t = l.result.runs[0]!;
  return {
    feature: l.feature,
    task: t.task,
    runId: t.runId,
    allPassed: t.allPassed,
    checks: t.checks,
    decision: l.decision?.decision ?? t.decision,
    commit: l.commit,
    review: l.review,
    runDir: l.runDir,
  };
}
