// The start report of METHOD §7 as data and as compact text: each section only when it has
// something, no fact twice (the live RESUME HERE is not repeated in the log lines).
import { type GitFacts, gitSummaryLine } from './git-facts.js';

export interface LogLine {
  date: string;
  branch?: string;
  what?: string;
}

export interface StartFacts {
  today: string;
  git?: GitFacts;
  resume?: { date: string; steps: string[]; others: string[] };
  /** entries within the last 80 log lines, oldest first */
  log: LogLine[];
  inProgress: string[];
  next: string[];
  issues: { total: number; shown: { id: string; severity: string; title: string }[] };
  killDates: { what: string; date?: string; status: string; daysLeft?: number }[];
  checkpoints: { slug: string; state: string; next?: string; activeTask?: string }[];
  activeTask?: string;
}

export const LIMITS = {
  changes: 12,
  next: 5,
  issues: 10,
  killDates: 8,
  checkpoints: 10,
  stashes: 5,
  unmerged: 10,
};

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const more = (n: number) => (n > 0 ? ` (+${n} more)` : '');

function gitLines(g: GitFacts): string[] {
  const out = [`git: ${gitSummaryLine(g)}`];
  if (g.changes.length) {
    const shown = g.changes.slice(0, LIMITS.changes).map((c) => `${c.code.trim() || c.code} ${c.path}`);
    out.push(`changes: ${shown.join(', ')}${more(g.changes.length - shown.length)}`);
  }
  if (g.stashes.length)
    out.push(
      `stashes: ${g.stashes.slice(0, LIMITS.stashes).join('; ')}${more(g.stashes.length - LIMITS.stashes)}`,
    );
  if (g.unmerged.length)
    out.push(
      `unmerged into ${g.main}: ${g.unmerged.slice(0, LIMITS.unmerged).join(', ')}${more(g.unmerged.length - LIMITS.unmerged)}`,
    );
  if (g.commits.length) {
    out.push('commits:');
    for (const c of g.commits) out.push(`  ${c.sha} ${c.date} ${c.subject}`);
  }
  return out;
}

export function renderStart(f: StartFacts): string {
  const out: string[] = [`killdate start ${f.today}`];
  if (f.git) out.push(...gitLines(f.git));
  else out.push('git: not a git repository');
  if (f.activeTask) out.push(`active task: ${f.activeTask}`);
  if (f.resume && (f.resume.steps.length || f.resume.others.length)) {
    out.push(`RESUME HERE (${f.resume.date}):`);
    for (const [i, s] of f.resume.steps.entries()) out.push(`  ${i + 1}. ${fold(s)}`);
    for (const s of f.resume.others) out.push(`  - ${fold(s)}`);
  }
  if (f.log.length) {
    out.push('log (last 80 lines):');
    for (const e of f.log)
      out.push(`  ${e.date}${e.branch ? ` [${e.branch}]` : ''} ${fold(e.what ?? '')}`.trimEnd());
  }
  if (f.inProgress.length) out.push(`in progress: ${f.inProgress.map(fold).join('; ')}`);
  if (f.next.length)
    out.push(
      `next: ${f.next.slice(0, LIMITS.next).map(fold).join('; ')}${more(f.next.length - LIMITS.next)}`,
    );
  if (f.issues.total) {
    const shown = f.issues.shown.map((i) => `${i.id} (${i.severity}) ${fold(i.title)}`);
    out.push(
      `known issues, ${f.issues.total} open: ${shown.join('; ')}${more(f.issues.total - shown.length)}`,
    );
  }
  if (f.killDates.length) {
    const k = f.killDates
      .slice(0, LIMITS.killDates)
      .map(
        (d) =>
          `${fold(d.what) || '(unnamed)'} ${d.date ?? '(no date)'} ${d.status}${d.daysLeft === undefined ? '' : d.daysLeft < 0 ? ` ${-d.daysLeft}d late` : ` in ${d.daysLeft}d`}`,
      );
    out.push(`kill dates: ${k.join('; ')}${more(f.killDates.length - k.length)}`);
  }
  if (f.checkpoints.length) {
    const c = f.checkpoints
      .slice(0, LIMITS.checkpoints)
      .map(
        (x) =>
          `${x.slug} ${x.state}${x.next ? `, waiting on ${x.next}` : ''}${x.activeTask ? `, task ${x.activeTask}` : ''}`,
      );
    out.push(`features: ${c.join('; ')}${more(f.checkpoints.length - c.length)}`);
  }
  return `${out.join('\n')}\n`;
}

/** "Where are we": the last session, what is in progress, the next concrete step. */
export function renderSummary(f: StartFacts): string {
  const last = f.log.at(-1);
  const out: string[] = [];
  out.push(
    last
      ? `Last session (${last.date}${last.branch ? `, ${last.branch}` : ''}): ${fold(last.what ?? 'no summary written')}`
      : 'Last session: no log entry yet.',
  );
  const doing = [...(f.activeTask ? [`task ${f.activeTask}`] : []), ...f.inProgress.map(fold)];
  out.push(
    `In progress: ${doing.length ? doing.join('; ').replace(/\.$/, '') : 'nothing marked in progress'}.`,
  );
  if (f.git?.changes.length)
    out.push(
      `Uncommitted: ${f.git.changes.length} change${f.git.changes.length === 1 ? '' : 's'} on ${f.git.branch}.`,
    );
  const step = f.resume?.steps[0] ?? f.resume?.others[0] ?? f.next[0];
  out.push(
    `Next step: ${step ? fold(step).replace(/\.$/, '') : 'none written: add a RESUME HERE or a roadmap Next item'}.`,
  );
  return `${out.join('\n')}\n`;
}
