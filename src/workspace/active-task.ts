// The active task: `.killdate/active-task.json`, machine-local (the folder ignores itself).
// It carries the task's FILES so the PreToolUse hook never parses markdown. node:fs only:
// the hook loads this on every agent edit.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPairing } from '../core/scope.js';
import { assertWritable } from './paths.js';
import { replaceFile } from './replace.js';

export const STATE_DIR = '.killdate';
export const ACTIVE_TASK_FILE = `${STATE_DIR}/active-task.json`;

export interface ActiveTask {
  version: 1;
  feature: string;
  /** the runbook's task slug, e.g. `02-settings-form` */
  task: string;
  /** workspace-relative runbook path */
  runbook: string;
  /** full sha of the commit the task started from */
  base: string;
  branch?: string;
  startedAt: string;
  /** the runbook's FILES entries, as written */
  files: string[];
  testPairing: TestPairing;
  /** dependency manifests; absent means the defaults */
  manifests?: string[];
}

export class ActiveTaskUnreadable extends Error {}

/** The active task, undefined when none, or ActiveTaskUnreadable when the file is damaged. */
export function readActiveTask(root: string): ActiveTask | undefined {
  const file = join(root, ACTIVE_TASK_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ActiveTaskUnreadable(`${ACTIVE_TASK_FILE}: cannot read (${(e as Error).message})`);
  }
  let value: Partial<ActiveTask>;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ActiveTaskUnreadable(`${ACTIVE_TASK_FILE} is not valid JSON`);
  }
  if (
    value?.version !== 1 ||
    typeof value.base !== 'string' ||
    !Array.isArray(value.files) ||
    !value.files.every((f) => typeof f === 'string')
  )
    throw new ActiveTaskUnreadable(
      `${ACTIVE_TASK_FILE} does not have the expected shape (version 1, base, files)`,
    );
  return { testPairing: {}, ...value } as ActiveTask;
}

/** Written to a temp file and renamed, so a reader never sees half a task. */
export function writeActiveTask(root: string, task: ActiveTask): void {
  ensureStateDir(root);
  replaceFile(join(root, ACTIVE_TASK_FILE), `${JSON.stringify(task, null, 2)}\n`);
}

export function clearActiveTask(root: string): boolean {
  const file = join(root, ACTIVE_TASK_FILE);
  if (!existsSync(file)) return false;
  assertWritable(file);
  rmSync(file);
  return true;
}

/** `.killdate/` with a `.gitignore` of `*`, so run state never shows up as a change. */
export function ensureStateDir(root: string): void {
  const dir = join(root, STATE_DIR);
  assertWritable(dir);
  mkdirSync(dir, { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) {
    assertWritable(ignore);
    writeFileSync(ignore, '# machine-local killdate state\n*\n');
  }
}
