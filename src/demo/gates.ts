// The gates part of the demo, run on the built example after the check: `status` of both
// features, overdue-badges signed CP-0..CP-3 by "Demo Person" (the repo's git config) with
// `status` after each sign-off, the sign-offs committed, then the scope guard (scope-guard.ts).
// Leaves the repo clean, overdue-badges at CP-3 and no active task, for the parts that follow.
import { planSignoff, recordSignoff } from '../api/signoff.js';
import { type FeatureStatus, status } from '../api/status.js';
import { CHECKPOINTS } from '../core/signoffs.js';
import { gitOrThrow } from '../workspace/git.js';
import { scopeGuardDemo } from './scope-guard.js';

export const DEMO_SIGNER = { name: 'Demo Person', email: 'demo.person@quillbill.example' };
export const SIGNED_FEATURE = 'overdue-badges';

/** One command of the walk-through: what a person would type, its exit code, what it said. */
export interface DemoStep {
  command: string;
  exit: number;
  /** plain text, a few lines at most */
  lines: string[];
}

export interface DemoSection {
  title: string;
  steps: DemoStep[];
}

export interface GatesDemo {
  sections: DemoSection[];
  /** `Name <email>` recorded in SIGNOFFS.md */
  signer: string;
  /** the commit that records the sign-offs */
  commit: string;
  /** files worth opening afterwards, with what they show */
  look: { path: string; what: string }[];
}

export interface GatesOptions {
  today?: string;
  /** the killdate entry file the hook step runs (as Claude Code would); found next to the package when absent */
  bin?: string;
}

export async function demoGates(root: string, opts: GatesOptions = {}): Promise<GatesDemo> {
  const first: DemoSection = {
    title: 'Where each feature stands',
    steps: [await statusStep(root, opts.today)],
  };
  const signing = await signAll(root, opts.today);
  const guard = await scopeGuardDemo(root, { feature: SIGNED_FEATURE, task: '1', ...opts });
  return {
    sections: [first, signing.section, guard.section],
    signer: signing.signer,
    commit: signing.commit,
    look: [
      {
        path: `feature-builds/${SIGNED_FEATURE}/SIGNOFFS.md`,
        what: 'who signed each checkpoint, when, and the sha256 of what it covers',
      },
      {
        path: '.killdate/active-task.json',
        what: 'written by task start: the FILES the hooks check (gone again after task stop)',
      },
      {
        path: 'test/gates/claude-code.test.ts',
        what: 'in the killdate repo: the same guard in a real Claude Code session',
      },
    ],
  };
}

async function signAll(
  root: string,
  today?: string,
): Promise<{ section: DemoSection; signer: string; commit: string }> {
  gitOrThrow(root, ['config', 'user.name', DEMO_SIGNER.name]);
  gitOrThrow(root, ['config', 'user.email', DEMO_SIGNER.email]);
  const steps: DemoStep[] = [
    {
      command: `git config user.name "${DEMO_SIGNER.name}" && git config user.email ${DEMO_SIGNER.email}`,
      exit: 0,
      lines: [],
    },
  ];
  let signer = '';
  for (const cp of CHECKPOINTS) {
    const arg = cp.replace('-', '').toLowerCase();
    const plan = planSignoff({ cwd: root, feature: SIGNED_FEATURE, checkpoint: arg, today });
    signer = plan.by;
    const command = `killdate signoff ${SIGNED_FEATURE} ${arg} --yes`;
    if (plan.blockers.length) {
      steps.push({ command, exit: 1, lines: plan.blockers.slice(0, 3).map((b) => `refused: ${b.message}`) });
      break;
    }
    const recorded = recordSignoff(plan, onDay(today));
    const covers = plan.documents.map((d) => d.id.replace(`feature-builds/${SIGNED_FEATURE}/`, ''));
    steps.push({
      command,
      exit: 0,
      lines: [
        `${cp} signed by ${plan.by}, covers ${covers.join(', ')}; committed ${recorded.commit.slice(0, 7)}`,
      ],
    });
    steps.push(await statusStep(root, today, SIGNED_FEATURE));
  }
  const commit = gitOrThrow(root, ['rev-parse', 'HEAD']).trim();
  steps.push({
    command: `git log -1 --format='%h %an: %s'`,
    exit: 0,
    lines: [`${commit.slice(0, 7)} ${gitOrThrow(root, ['log', '-1', '--format=%an: %s']).trim()}`],
  });
  return { section: { title: `Signing ${SIGNED_FEATURE} through CP-0..CP-3`, steps }, signer, commit };
}

export async function statusStep(root: string, today?: string, feature?: string): Promise<DemoStep> {
  const r = await status({ cwd: root, feature, today });
  return {
    command: `killdate status${feature ? ` ${feature}` : ''}`,
    exit: 0,
    lines: r.features.flatMap(statusLines),
  };
}

/** A feature's status in a few lines: state, next checkpoint, what blocks it, gate by gate. */
export function statusLines(f: FeatureStatus): string[] {
  const out = [
    `${f.slug}  ${f.state}${f.next ? `  next: ${f.next}` : ''}${f.activeTask ? `  active task: ${f.activeTask}` : ''}`,
  ];
  for (const v of f.checkpoints)
    if (v.status === 'reopened') out.push(`  ${v.checkpoint} re-opened: ${v.reason}`);
  const signed = f.checkpoints.filter((v) => v.status === 'signed');
  if (signed.length)
    out.push(
      `  ${signed.map((v) => v.checkpoint).join(', ')} signed (${signed.at(-1)!.signoff!.by.replace(/ <.*>$/, '')})`,
    );
  if (f.next && f.blockers.length === 0) out.push(`  ${f.next} holds: nothing blocks its sign-off`);
  const byGate = new Map<string, string[]>();
  for (const b of f.blockers) {
    const key = b.gate ? `gate ${b.gate}` : b.file;
    byGate.set(key, [...(byGate.get(key) ?? []), `${b.line ? `line ${b.line}: ` : ''}${b.message}`]);
  }
  for (const [where, list] of byGate) {
    out.push(`  ${f.next} blocked by ${where}: ${list.length} finding(s)`);
    for (const line of list.slice(0, 2)) out.push(`    ${clip(line, 100)}`);
    if (list.length > 2) out.push(`    and ${list.length - 2} more (killdate status ${f.slug})`);
  }
  return out;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Now, on the demo's day: the sign-offs are dated the day the demo is built for. */
function onDay(today?: string): Date {
  const now = new Date();
  return today ? new Date(`${today}T${now.toISOString().slice(11)}`) : now;
}
