// The documents an agent reads as they are (served as MCP resources): the context documents,
// the active task's runbook and its feature's lock, and the session log's live RESUME HERE.
import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { parseLog } from '../core/parse/log.js';
import { loadConfig } from '../workspace/config.js';
import { openWorkspace } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';
import { findFeature } from './features.js';
import { readOptional } from './register-text.js';
import { activeTask } from './scope.js';
import { logTail } from './start.js';

export interface Document {
  path: string;
  text: string;
}

/** AGENTS.md, CLAUDE.md and GEMINI.md (the configured paths), those that exist. */
export function contextDocuments(opts: { cwd?: string } = {}): Document[] {
  const root = findRoot(opts.cwd);
  const p = loadConfig(root).config.paths;
  return [...new Set([p.context, p.claude, p.gemini])].flatMap((path) => {
    const text = readOptional(root, path);
    return text === undefined ? [] : [{ path, text }];
  });
}

/** The active task's runbook and its feature's lock; refuses when no task is active. */
export function activeTaskDocuments(opts: { cwd?: string; today?: string } = {}): {
  runbook: Document;
  lock?: Document;
} {
  const { root, ws } = openWorkspace(opts);
  const task = activeTask(root);
  if (!task) throw new KilldateError('NOT_FOUND', 'no active task');
  const runbook = { path: task.runbook, text: readOptional(root, task.runbook) ?? '' };
  const lockPath = findFeature(ws, task.feature).lock;
  const lockText = lockPath ? readOptional(root, lockPath) : undefined;
  return {
    runbook,
    ...(lockPath && lockText !== undefined ? { lock: { path: lockPath, text: lockText } } : {}),
  };
}

export interface ResumeHere {
  file: string;
  /** the date of the newest log entry, when it has a RESUME HERE */
  date?: string;
  steps: string[];
}

/** The newest log entry's RESUME HERE (only that one is live); no steps when it has none. */
export function resumeHere(opts: { cwd?: string } = {}): ResumeHere {
  const root = findRoot(opts.cwd);
  const file = loadConfig(root).config.paths.log;
  const text = readOptional(root, file);
  if (text === undefined) return { file, steps: [] };
  const model = parseLog(parseMarkdown(file, logTail(text).text));
  const last = model.entries.at(-1);
  const live = model.liveResume;
  if (!live || !last) return { file, steps: [] };
  return { file, date: last.date, steps: [...live.steps, ...live.others].map((s) => s.text) };
}
