// end(): write today's log entry (under a lock, atomically; earlier entries are never
// rewritten; a second session on the same day updates today's entry), then check the session
// can end, and the one-line git summary.

import type { Config } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { parseLog } from '../core/parse/log.js';
import { appendEdit, refuseConflicts } from '../core/registers/edit.js';
import { checkEnd, type EndCheck, type NewLogEntry, renderLogEntry } from '../core/session/end.js';
import { gitSummaryLine } from '../core/session/git-facts.js';
import { updateEntryEdits } from '../core/session/log-update.js';
import { readActiveTask } from '../workspace/active-task.js';
import { reuseConfig } from '../workspace/config-reuse.js';
import { editRegister } from '../workspace/register-write.js';
import { findRoot } from '../workspace/root.js';
import { changedSince, lastCommitTouching, sessionGit } from '../workspace/session-git.js';
import { resolveToday } from '../workspace/today.js';
import { readOptional, refuseSecrets } from './register-text.js';

export interface EndOptions {
  cwd?: string;
  today?: string;
  /** write an entry (omit for --check) */
  entry?: EntryInput;
}

export interface EndResult extends EndCheck {
  version: 1;
  /** today's entry: `added`, or `updated` when the log already had one */
  written?: { file: string; line: number; how: 'added' | 'updated' };
  gitSummary?: string;
}

export async function end(opts: EndOptions = {}): Promise<EndResult> {
  const root = findRoot(opts.cwd);
  // a check only reads, as start does (the session-end hook runs it every turn): the stored
  // config when it holds; writing an entry loads and validates the file
  const config = opts.entry
    ? (await import('../workspace/config.js')).loadConfig(root).config
    : await reuseConfig(root);
  const today = resolveToday(opts.today);
  const p = config.paths;
  let git = await sessionGit(root, 1);
  let written: EndResult['written'];
  if (opts.entry) {
    written = await writeEntry(root, p.log, today, {
      ...opts.entry,
      branch: opts.entry.branch ?? git?.branch,
    });
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

type EntryInput = Omit<NewLogEntry, 'date' | 'branch' | 'did'> & { did?: string; branch?: string };

/** Today's entry: updated when the log's last entry is today's, else appended. */
async function writeEntry(root: string, log: string, today: string, e: EntryInput) {
  refuseSecrets([e.did, e.decided, ...e.resume, e.branch]);
  const entries = (t: string | undefined) => parseLog(parseMarkdown(log, t ?? '')).entries;
  const r = await editRegister(
    root,
    log,
    (text) => {
      refuseConflicts(log, text);
      const last = entries(text).at(-1);
      if (text !== undefined && last?.date === today)
        return { edits: updateEntryEdits(text, last, e), value: 'updated' as const };
      const block = renderLogEntry({ ...e, did: e.did ?? '', date: today, branch: e.branch ?? 'unknown' });
      return { edits: [appendEdit(text ?? `# Session log\n`, block)], value: 'added' as const };
    },
    (before, after, how) => {
      const last = entries(after).at(-1);
      const count = entries(before).length + (how === 'added' ? 1 : 0);
      const steps = e.resume.filter((s) => s.trim()).length;
      if (
        entries(after).length !== count ||
        last?.date !== today ||
        !last.whatHappened ||
        (steps > 0 && last.resume?.steps.length !== steps)
      )
        throw new KilldateError(
          'REFUSED',
          `${log}: the parser would not see today's entry last as written; nothing written`,
          'look for an unclosed code fence or hand edits at the end of the log',
        );
    },
  );
  return { file: log, line: entries(r.after).at(-1)!.line, how: r.value };
}

async function endState(
  root: string,
  p: Config['paths'],
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
