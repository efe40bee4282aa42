// Session end: today's log entry in the log parser's format, and the checks of METHOD §7
// (an entry for today, a RESUME HERE when work is mid-flight, roadmap and known issues touched
// when code changed). Pure: the API gathers git facts and file texts.
import { KilldateError } from '../errors.js';
import type { LogModel } from '../parse/log.js';
import { oneLine } from '../registers/edit.js';
import { resumeLines } from './log-update.js';

export interface NewLogEntry {
  date: string;
  branch: string;
  did: string;
  decided?: string;
  resume: string[];
}

export function renderLogEntry(e: NewLogEntry): string {
  if (!oneLine(e.did))
    throw new KilldateError('USAGE', 'the log entry needs --did: what happened this session');
  const lines = [
    `## ${e.date}`,
    '',
    `**Branch:** ${oneLine(e.branch) || 'unknown'}`,
    `**What happened:** ${oneLine(e.did)}`,
  ];
  if (e.decided && oneLine(e.decided)) lines.push(`**Decided:** ${oneLine(e.decided)}`);
  const resume = resumeLines(e.resume);
  if (resume.length) lines.push('', ...resume);
  return lines.join('\n');
}

export interface EndState {
  today: string;
  log: LogModel;
  /** uncommitted paths */
  uncommitted: string[];
  activeTask?: string;
  /** paths changed since the log was last committed, committed or not */
  changedSinceLog: string[];
  paths: { log: string; roadmap: string; knownIssues: string; projectManagement: string; features: string };
}

export interface EndCheck {
  ok: boolean;
  /** what stops the session from ending */
  problems: string[];
  /** what the session should look at, without blocking */
  reminders: string[];
  midFlight: boolean;
}

export function checkEnd(s: EndState): EndCheck {
  const problems: string[] = [];
  const reminders: string[] = [];
  const todays = s.log.entries.filter((e) => e.date === s.today);
  const newest = s.log.entries.at(-1);
  const pending = s.uncommitted.filter((p) => !p.startsWith('.killdate/'));
  const midFlight = pending.some((p) => p !== s.paths.log) || !!s.activeTask;
  if (todays.length === 0)
    problems.push(
      `no log entry for ${s.today} in ${s.paths.log}: write one with killdate end --did "..." [--resume "next step"]`,
    );
  else if (
    midFlight &&
    !(
      newest?.date === s.today &&
      newest.resume &&
      newest.resume.steps.length + newest.resume.others.length > 0
    )
  ) {
    const why = s.activeTask
      ? `task ${s.activeTask} is active`
      : `${pending.length} uncommitted change${pending.length === 1 ? '' : 's'}`;
    problems.push(
      `work is mid-flight (${why}) but today's log entry has no RESUME HERE: add the next steps to it with killdate end --resume "<next step>" (once per step)`,
    );
  }
  const code = s.changedSinceLog.filter((p) => isCode(p, s.paths));
  const touched = new Set(s.changedSinceLog);
  if (code.length && !touched.has(s.paths.roadmap) && !touched.has(s.paths.knownIssues))
    reminders.push(
      `${code.length} code file${code.length === 1 ? '' : 's'} changed since the last log entry, but ${s.paths.roadmap} and ${s.paths.knownIssues} did not: tick or add roadmap items, add or fix bugs if the work moved them`,
    );
  return { ok: problems.length === 0, problems, reminders, midFlight };
}

function isCode(p: string, paths: EndState['paths']): boolean {
  if (
    p.startsWith(`${paths.projectManagement}/`) ||
    p.startsWith(`${paths.features}/`) ||
    p.startsWith('.killdate/')
  )
    return false;
  return !/\.(md|mdc)$/i.test(p);
}
