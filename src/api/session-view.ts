// sessionView(): the session log's recent entries with the live RESUME HERE, the roadmap and
// the open known issues, as the board's session page shows them.
import { parseMarkdown } from '../core/markdown.js';
import { parseLog } from '../core/parse/log.js';
import { plain } from '../core/sections.js';
import { readOptional } from './register-text.js';
import { context, listBugs } from './registers.js';
import { type RoadmapView, roadmapList } from './roadmap.js';
import { logTail } from './start.js';

/** Log lines read from the end of the session log (widened to the entry they start in). */
export const SESSION_LOG_TAIL = 400;

export interface SessionEntry {
  date: string;
  heading: string;
  line: number;
  branch?: string;
  whatHappened?: string;
  notes: { label: string; value: string }[];
}

export interface SessionViewResult {
  version: 1;
  log: { file: string; entries: SessionEntry[]; resume?: { line: number; steps: string[] } };
  roadmap: RoadmapView;
  issues: {
    file: string;
    items: {
      id: string;
      title: string;
      line: number;
      severity?: string;
      opened?: string;
      symptoms?: string;
    }[];
  };
}

export function sessionView(opts: { cwd?: string; today?: string } = {}): SessionViewResult {
  const { root, config } = context(opts);
  const file = config.paths.log;
  const tail = logTail(readOptional(root, file) ?? '', SESSION_LOG_TAIL);
  const model = parseLog(parseMarkdown(file, tail.text));
  const shift = tail.firstLine - 1;
  const entries = model.entries.map((e) => ({
    date: e.date,
    heading: plain(e.heading),
    line: e.line + shift,
    ...(e.branch ? { branch: plain(e.branch.value) } : {}),
    ...(e.whatHappened ? { whatHappened: plain(e.whatHappened.value) } : {}),
    notes: e.fields
      .filter((x) => x !== e.branch && x !== e.whatHappened && !/^RESUME HERE$/i.test(x.label) && x.value)
      .map((x) => ({ label: plain(x.label), value: plain(x.value) })),
  }));
  const live = model.liveResume;
  const bugs = listBugs(opts);
  return {
    version: 1,
    log: {
      file,
      entries: entries.reverse(),
      ...(live
        ? {
            resume: {
              line: live.line + shift,
              steps: [...live.steps, ...live.others].map((s) => plain(s.text)),
            },
          }
        : {}),
    },
    roadmap: roadmapList(opts),
    issues: {
      file: bugs.file,
      items: bugs.issues.map((i) => ({
        id: i.id,
        title: plain(i.title),
        line: i.line,
        ...(i.severity ? { severity: plain(i.severity.value) } : {}),
        ...(i.opened ? { opened: plain(i.opened.value) } : {}),
        ...(i.symptoms ? { symptoms: plain(i.symptoms.value) } : {}),
      })),
    },
  };
}
