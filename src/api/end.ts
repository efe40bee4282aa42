// end(): write today's log entry (appended under a lock, atomically; earlier text is never
// rewritten; a second session on the same day gets a second entry with the same date), then
// check the session can end, and the one-line git summary.

import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { parseLog } from '../core/parse/log.js';
import { appendEdit, refuseConflicts } from '../core/registers/edit.js';
import { checkEnd, type EndCheck, type NewLogEntry, renderLogEntry } from '../core/session/end.js';
import { gitSummaryLine } from '../core/session/git-facts.js';
import { readActiveTask } from '../workspace/active-task.js';
import { loadConfig } from '../workspace/config.js';
import { editRegister } from '../workspace/register-write.js';
import { findRoot } from '../workspace/root.js';
import { changedSince, lastCommitTouching, sessionGit } from '../workspace/session-git.js';
import { resolveToday } from '../workspace/today.js';
import { readOptional, refuseSecrets } from './registers.js';

export interface EndOptions {
  cwd?: string;
  today?: string;
  /** write an entry (omit for --check) */
  entry?: Omit<NewLogEntry, 'date' | 'branch'> & { branch?: string };
}

export interface EndResult extends EndCheck {
  version: 1;
  written?: { file: string; line: number };
  gitSummary?: string;
}

export async function end(opts: EndOptions = {}): Promise<EndResult> {
  const root = findRoot(opts.cwd);
  const { config } = loadConfig(root);
  const today = resolveToday(opts.today);
  const p = config.paths;
  let git = await sessionGit(root, 1);
  let written: EndResult['written'];
  if (opts.entry) {
    const e = opts.entry;
    refuseSecrets([e.did, e.decided, ...e.resume, e.branch]);
    const block = renderLogEntry({ ...e, date: today, branch: e.branch ?? git?.branch ?? 'unknown' });
    const r = await editRegister(
      root,
      p.log,
      (text) => {
        refuseConflicts(p.log, text);
        return { edits: [appendEdit(text ?? `# Session log\n`, block)], value: undefined };
      },
      (before, after) => {
        const n = (t: string | undefined) => parseLog(parseMarkdown(p.log, t ?? '')).entries;
        const last = n(after).at(-1);
        if (n(after).length !== n(before).length + 1 || last?.date !== today || !last.whatHappened)
          throw new KilldateError(
            'REFUSED',
            `${p.log}: the parser would not see the new entry last; nothing written`,
            'look for an unclosed code fence or hand edits at the end of the log',
          );
      },
    );
    written = { file: p.log, line: parseLog(parseMarkdown(p.log, r.after)).entries.at(-1)!.line };
    git = await sessionGit(root, 1);
  }
  const check = await endState(root, p, today, git);
  return {
    version: 1,
    ...check,
    ...(written ? { written } : {}),
    ...(git ? { gitSummary: gitSummaryLine(git) } : {}),
  };
}

async function endState(
  root: string,
  p: ReturnType<typeof loadConfig>['config']['paths'],
  today: string,
  git: Awaited<ReturnType<typeof sessionGit>>,
) {
  const log = parseLog(parseMarkdown(p.log, readOptional(root, p.log) ?? ''));
  const uncommitted = (git?.changes ?? []).map((c) => c.path.replace(/^.* -> /, '').replace(/^"|"$/g, ''));
  let changed: string[] = [];
  if (git) changed = await changedSince(root, await lastCommitTouching(root, p.log));
  let task: string | undefined;
  try {
    const t = readActiveTask(root);
    task = t ? `${t.feature}/${t.task}` : undefined;
  } catch {
    task = 'unreadable';
  }
  return checkEnd({
    today,
    log,
    uncommitted,
    ...(task ? { activeTask: task } : {}),
    changedSinceLog: [...new Set([...changed, ...uncommitted])],
    paths: {
      log: p.log,
      roadmap: p.roadmap,
      knownIssues: p.knownIssues,
      projectManagement: p.projectManagement,
      features: p.features,
    },
  });
}
