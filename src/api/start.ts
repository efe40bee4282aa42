// start(): the start report of METHOD §7. Git runs in parallel processes while the registers
// are read; only the tail of the session log is parsed (the last 80 lines, widened back to the
// heading of the entry they start in), so a 20,000-line log costs what 80 lines cost.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCheckpoints, featureState, nextCheckpoint } from '../core/checkpoints.js';
import { alerts, evaluateAll, type KillDateEntry } from '../core/killdates.js';
import { lockEntries } from '../core/killdates-lock.js';
import { parseMarkdown } from '../core/markdown.js';
import { parseKnownIssues } from '../core/parse/known-issues.js';
import { parseLog } from '../core/parse/log.js';
import { parseRoadmap } from '../core/parse/roadmap.js';
import { plain } from '../core/sections.js';
import { LIMITS, renderStart, renderSummary, type StartFacts } from '../core/session/start-report.js';
import { countTokens } from '../core/tokens.js';
import { type Listing, Workspace } from '../core/workspace.js';
import { readActiveTask } from '../workspace/active-task.js';
import { reuseConfig } from '../workspace/config-reuse.js';
import { methodDocumentPaths } from '../workspace/documents.js';
import { scanMarkers } from '../workspace/markers.js';
import { findRoot } from '../workspace/root.js';
import { sessionGit } from '../workspace/session-git.js';
import { readSnapshot } from '../workspace/snapshot.js';
import { resolveToday } from '../workspace/today.js';
import { gatherEvidence, hasReviewFile } from './evidence.js';

export interface StartOptions {
  cwd?: string;
  today?: string;
  /** count the report's tokens; default true */
  tokens?: boolean;
}

export interface StartResult {
  version: 1;
  root: string;
  facts: StartFacts;
  text: string;
  tokens?: number;
  summary: string;
}

export const LOG_TAIL = 80;

export async function start(opts: StartOptions = {}): Promise<StartResult> {
  const root = findRoot(opts.cwd);
  const isRepo = existsSync(join(root, '.git'));
  const gitP = isRepo ? sessionGit(root) : Promise.resolve(undefined);
  const markersP = isRepo ? scanMarkers(root).catch(() => [] as KillDateEntry[]) : Promise.resolve([]);
  const config = await reuseConfig(root).catch(async (e) => {
    await Promise.allSettled([gitP, markersP]); // no git child outlives a failed start
    throw e;
  });
  const today = resolveToday(opts.today);
  const p = config.paths;
  const listing: Listing = new Map();
  const featureDocs = methodDocumentPaths(root, config, listing).filter((f) =>
    f.startsWith(`${p.features}/`),
  );
  const snapshot = readSnapshot(root, config, today, [...featureDocs, p.roadmap, p.knownIssues], true);
  const ws = new Workspace({ ...snapshot, listing });
  const task = activeTask(root);
  const facts: StartFacts = {
    today,
    ...logFacts(readText(root, p.log)),
    ...roadmapFacts(ws, p.roadmap),
    issues: issueFacts(ws, p.knownIssues),
    killDates: [],
    checkpoints: checkpointFacts(root, ws, typeof task === 'object' ? task : undefined),
    ...(task
      ? {
          activeTask:
            task === 'unreadable' ? 'unreadable .killdate/active-task.json' : `${task.feature}/${task.task}`,
        }
      : {}),
  };
  const [git, markers] = await Promise.all([gitP, markersP]);
  facts.git = git;
  facts.killDates = killDateFacts(ws, markers);
  const text = renderStart(facts);
  const tokens = opts.tokens === false ? undefined : countTokens(text);
  return {
    version: 1,
    root,
    facts,
    text,
    ...(tokens === undefined ? {} : { tokens }),
    summary: renderSummary(facts),
  };
}

function readText(root: string, rel: string): string | undefined {
  try {
    return readFileSync(join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** The log tail from the heading of the entry the last 80 lines start in. */
export function logTail(text: string, tail = LOG_TAIL): { text: string; firstLine: number } {
  const lines = text.split('\n');
  const n = text.endsWith('\n') ? lines.length - 1 : lines.length;
  let from = Math.max(0, n - tail);
  for (let i = from; i >= 0; i--)
    if (/^## \d{4}-\d{2}-\d{2}/.test(lines[i] ?? '')) {
      from = i;
      break;
    }
  return { text: lines.slice(from).join('\n'), firstLine: from + 1 };
}

function logFacts(text: string | undefined): Pick<StartFacts, 'log' | 'resume'> {
  if (!text) return { log: [] };
  const tail = logTail(text);
  const model = parseLog(parseMarkdown('log', tail.text));
  const log = model.entries.map((e) => {
    const notes = e.fields
      .filter(
        (x) => x !== e.branch && x !== e.whatHappened && !/^RESUME HERE$/i.test(x.label) && plain(x.value),
      )
      .map((x) => `${plain(x.label)}: ${plain(x.value)}`);
    return {
      date: e.date || plain(e.heading),
      ...(e.branch ? { branch: plain(e.branch.value) } : {}),
      ...(e.whatHappened ? { what: plain(e.whatHappened.value) } : {}),
      ...(notes.length ? { notes } : {}),
    };
  });
  const last = model.entries.at(-1);
  const r = model.liveResume;
  const resume =
    r && last
      ? {
          date: last.date,
          steps: r.steps.map((s) => plain(s.text)),
          others: r.others.map((s) => plain(s.text)),
        }
      : undefined;
  return { log, ...(resume ? { resume } : {}) };
}

function roadmapFacts(ws: Workspace, path: string): Pick<StartFacts, 'inProgress' | 'next'> {
  const m = ws.parsed(path, parseRoadmap);
  const open = (key: 'in-progress' | 'next') =>
    (m?.byKey[key]?.items ?? []).filter((i) => i.checked !== true).map((i) => plain(i.text));
  return { inProgress: open('in-progress'), next: open('next') };
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function issueFacts(ws: Workspace, path: string): StartFacts['issues'] {
  const entries = ws.parsed(path, parseKnownIssues)?.entries ?? [];
  const list = entries.map((e) => ({
    id: e.id || '?',
    severity: plain(e.severity?.value ?? '?').toLowerCase(),
    title: e.title,
  }));
  const rank = (s: string) => SEVERITY_RANK[s.split(/\W/)[0] ?? ''] ?? 4;
  const shown = [...list].sort((a, b) => rank(a.severity) - rank(b.severity)).slice(0, LIMITS.issues);
  return { total: list.length, shown };
}

function killDateFacts(ws: Workspace, markers: KillDateEntry[]): StartFacts['killDates'] {
  const items = evaluateAll([...lockEntries(ws), ...markers], ws.today, ws.config.killDates.dueSoonDays);
  return alerts(items).map((i) => ({
    what: i.what,
    ...(i.date ? { date: i.date } : {}),
    status: i.status,
    ...(i.daysLeft === undefined ? {} : { daysLeft: i.daysLeft }),
  }));
}

/**
 * Each open feature and the checkpoint it waits on. The same evidence and state machine as
 * status(), without its blockers: those need every rule run, which a session start can skip.
 */
function checkpointFacts(
  root: string,
  ws: Workspace,
  active?: { feature: string; task: string },
): StartFacts['checkpoints'] {
  const out: StartFacts['checkpoints'] = [];
  for (const f of ws.features()) {
    if (f.completed) continue;
    const e = gatherEvidence(root, ws, f);
    const views = evaluateCheckpoints(e.signoffs, e.cover, e.isMock);
    const task = active?.feature === f.slug ? active.task : undefined;
    const next = nextCheckpoint(views);
    const state = featureState(views, { building: !!task || hasReviewFile(root, ws, f) });
    if (next || task)
      out.push({ slug: f.slug, state, ...(next ? { next } : {}), ...(task ? { activeTask: task } : {}) });
  }
  return out;
}

function activeTask(root: string): { feature: string; task: string } | 'unreadable' | undefined {
  try {
    return readActiveTask(root);
  } catch {
    return 'unreadable';
  }
}
