// The start report of METHOD §7 as data and as dense text: one line per section, each only when
// it has something, no fact twice (the live RESUME HERE is not repeated in the log lines, a
// branch is named when it changes, a kill date found in a lock and in code is given once),
// dates in the report's year without the year.
import { type GitFacts, gitSummaryLine } from './git-facts.js';

export interface LogLine {
  date: string;
  branch?: string;
  what?: string;
  /** the entry's other fields, e.g. `Decided: ...` */
  notes?: string[];
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
  /** characters of a commit subject, git's own advice for its length (the JSON keeps it whole) */
  subject: 50,
};

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
/** `s` cut to `max` characters at a space (mid-word only when a word is longer than half), marked with `…`. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max - 1);
  const space = head.lastIndexOf(' ', max - 1);
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}
const more = (n: number) => (n > 0 ? ` (+${n} more)` : '');
const list = <T>(items: T[], limit: number, show: (x: T) => string, sep = '; ') =>
  `${items.slice(0, limit).map(show).join(sep)}${more(items.length - limit)}`;

/** `2026-11-24` -> `11-24` in the report's year. */
function shortDate(today: string) {
  const year = `${today.slice(0, 4)}-`;
  return (d: string) => (d.startsWith(year) && d.length === 10 ? d.slice(5) : d);
}

function gitLines(g: GitFacts): string[] {
  const out = [gitSummaryLine(g)];
  if (g.changes.length)
    out.push(`changes: ${list(g.changes, LIMITS.changes, (c) => `${c.code.trim()} ${c.path}`, ', ')}`);
  if (g.stashes.length) out.push(`stashes: ${list(g.stashes, LIMITS.stashes, fold)}`);
  if (g.unmerged.length)
    out.push(`unmerged into ${g.main}: ${list(g.unmerged, LIMITS.unmerged, String, ', ')}`);
  if (g.commits.length)
    out.push(
      `commits: ${g.commits.map((c) => `${c.sha.slice(0, 7)} ${cut(fold(c.subject), LIMITS.subject)}`).join(' | ')}`,
    );
  return out;
}

function logLine(f: StartFacts, day: (d: string) => string): string | undefined {
  if (!f.log.length) return undefined;
  let branch: string | undefined;
  const entries = f.log.map((e) => {
    const b = e.branch && e.branch !== branch ? ` [${e.branch}]` : '';
    branch = e.branch ?? branch;
    const notes = (e.notes ?? []).map((n) => ` ${fold(n)}`).join('');
    return `${day(e.date)}${b} ${fold(e.what ?? '')}${notes}`.trimEnd();
  });
  return `log (branch when it changes): ${entries.join(' | ')}`;
}

/** One kill date found in several places (a lock and a code marker) is given once. */
function killDatesLine(f: StartFacts, day: (d: string) => string): string | undefined {
  if (!f.killDates.length) return undefined;
  const name = (w: string) => /[\w.-]*[_-][\w.-]*/.exec(w)?.[0] ?? w;
  const merged = new Map<string, StartFacts['killDates'][number]>();
  for (const k of f.killDates) {
    const key = `${name(k.what)} ${k.date} ${k.status}`;
    const seen = merged.get(key);
    if (!seen || k.what.length > seen.what.length) merged.set(key, k);
  }
  const when = (d: StartFacts['killDates'][number]) =>
    d.daysLeft === undefined
      ? d.status
      : d.daysLeft < 0
        ? `${-d.daysLeft}d overdue`
        : `${d.status} in ${d.daysLeft}d`;
  const show = (d: StartFacts['killDates'][number]) =>
    `${fold(d.what) || '(unnamed)'} ${d.date ? day(d.date) : 'no date'} ${when(d)}`;
  return `kill dates: ${list([...merged.values()], LIMITS.killDates, show)}`;
}

function checkpointsLine(f: StartFacts): string | undefined {
  if (!f.checkpoints.length) return undefined;
  const groups = new Map<string, string[]>();
  for (const c of f.checkpoints.slice(0, LIMITS.checkpoints)) {
    const key = `${c.state}${c.next ? `, waiting on ${c.next}` : ''}`;
    groups.set(key, [
      ...(groups.get(key) ?? []),
      `${c.slug}${c.activeTask ? ` (task ${c.activeTask})` : ''}`,
    ]);
  }
  const shown = [...groups].map(([key, slugs]) => `${slugs.join(', ')} ${key}`);
  return `features: ${shown.join('; ')}${more(f.checkpoints.length - LIMITS.checkpoints)}`;
}

/** Open issues grouped by severity, most severe first: `high B-2 title; UI-5 title | low ...`. */
function issuesLine(issues: StartFacts['issues']): string {
  const groups = new Map<string, string[]>();
  for (const i of issues.shown)
    groups.set(i.severity, [...(groups.get(i.severity) ?? []), `${i.id} ${fold(i.title)}`]);
  const shown = [...groups].map(([sev, items]) => `${sev} ${items.join('; ')}`).join(' | ');
  return `known issues (${issues.total}): ${shown}${more(issues.total - issues.shown.length)}`;
}

export function renderStart(f: StartFacts): string {
  const day = shortDate(f.today);
  const out: string[] = [`killdate start ${f.today}: ${f.git ? '' : 'not a git repository'}`];
  if (f.git) {
    const [summary = '', ...rest] = gitLines(f.git);
    out[0] += summary;
    out.push(...rest);
  }
  if (f.activeTask) out.push(`active task: ${f.activeTask}`);
  if (f.resume && (f.resume.steps.length || f.resume.others.length)) {
    const steps = [
      ...f.resume.steps.map((s, i) => `${i + 1}. ${fold(s)}`),
      ...f.resume.others.map((s) => `- ${fold(s)}`),
    ];
    out.push(`RESUME HERE (${day(f.resume.date)}): ${steps.join(' ')}`);
  }
  const log = logLine(f, day);
  if (log) out.push(log);
  if (f.inProgress.length) out.push(`in progress: ${f.inProgress.map(fold).join('; ')}`);
  if (f.next.length) out.push(`next: ${list(f.next, LIMITS.next, fold)}`);
  if (f.issues.total) out.push(issuesLine(f.issues));
  for (const line of [killDatesLine(f, day), checkpointsLine(f)]) if (line) out.push(line);
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
