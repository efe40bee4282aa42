// The task ref: `task start` (and the loop, around its executor) keeps the task's guard state
// in git, as a tag object killdate writes, pointing at the base commit, under
// refs/killdate/tasks/<feature>/<task>. The guard re-derives from it instead of trusting
// .killdate/active-task.json. Reading and writing are node:fs and node:zlib (loose refs and
// loose objects, what a fresh ref is); git is asked only for another layout (loose-objects.ts).
import { realpathSync } from 'node:fs';
import type { TestPairing } from '../core/scope.js';
import { gitEnv } from './git-env.js';
import type { GitState } from './git-state.js';
import {
  readLooseObject,
  refsUnder,
  storeLooseFile,
  writeLooseObject,
  writeLooseRef,
} from './loose-objects.js';

export const TASK_REFS = 'refs/killdate/tasks/';

/** The guard state killdate recorded when the task started. */
export interface TaskRecord {
  feature: string;
  task: string;
  runbook: string;
  /** the runbook as it was at the start: a blob killdate wrote (the committed one when committed) */
  runbookBlob?: string;
  base: string;
  branch?: string;
  files: string[];
  testPairing: TestPairing;
  manifests?: string[];
  /** what git hides from a diff, as it was at the start */
  gitState?: GitState;
  /** the working tree the task runs in (refs are shared by a repo's worktrees) */
  tree?: string;
}

export interface TaskRef {
  /** the full ref name */
  name: string;
  /** the tag object it points at */
  sha: string;
}

export const taskRefName = (feature: string, task: string): string => `${TASK_REFS}${feature}/${task}`;

// child_process loads only when git must run: the write guard reads task refs from .git's
// files on every tool call, and loading it costs about 5 ms of a 0.17 s hook
const runGit = (root: string, args: string[], input?: string) =>
  process.getBuiltinModule('node:child_process').spawnSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    input,
    env: gitEnv(),
    timeout: 30_000,
  });

/** Every task ref of the repo at `root` (normally none or one). */
export function listTaskRefs(root: string): TaskRef[] {
  return (refsUnder(root, TASK_REFS) ?? []).map((r) => ({ name: r.name, sha: r.id }));
}

/** The raw text of a git object (`type`), from its loose file or from git; undefined when missing. */
export function readObject(root: string, sha: string, type: 'tag' | 'blob'): string | undefined {
  const loose = readLooseObject(root, sha, type);
  if (loose === null) return undefined; // its bytes are not its id's: rewritten in place
  if (loose) return loose.toString('utf8');
  const r = runGit(root, ['cat-file', type, sha]);
  return r.status === 0 ? r.stdout : undefined;
}

/** A task ref's record and the commit its tag points at; undefined when it is not killdate's tag. */
export function readTaskRef(root: string, ref: TaskRef): { record: TaskRecord; target: string } | undefined {
  const text = readObject(root, ref.sha, 'tag');
  if (text === undefined) return undefined;
  const cut = text.indexOf('\n\n');
  const target = /^object ([0-9a-f]+)$/m.exec(text.slice(0, cut))?.[1];
  if (cut < 0 || !target) return undefined;
  try {
    const record = JSON.parse(text.slice(cut + 2)) as TaskRecord;
    if (typeof record?.base !== 'string' || !Array.isArray(record.files)) return undefined;
    return { record: { ...record, testPairing: record.testPairing ?? {} }, target };
  } catch {
    return undefined;
  }
}

/** Writes the record as a tag object on its base commit and points the task ref at it. */
export function writeTaskRef(root: string, task: TaskRecord): TaskRef {
  const record: TaskRecord = { ...task, tree: treeId(root) };
  const name = taskRefName(record.feature, record.task);
  const tag = [
    `object ${record.base}`,
    'type commit',
    `tag killdate-task-${record.feature}-${record.task}`,
    `tagger killdate <killdate@localhost> ${Math.floor(Date.now() / 1000)} +0000`,
    '',
    `${JSON.stringify(record)}\n`,
  ].join('\n');
  const loose = writeLooseObject(root, 'tag', Buffer.from(tag));
  if (loose && writeLooseRef(root, name, loose)) return { name, sha: loose };
  const made = runGit(root, ['mktag'], tag);
  const sha = made.stdout.trim();
  const set = made.status === 0 ? runGit(root, ['update-ref', name, sha]) : made;
  if (set.status !== 0) throw new Error(`cannot write the task ref ${name}: ${set.stderr.trim()}`);
  return { name, sha };
}

/** A working tree's identity: its real path. */
export function treeId(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/** The task refs of the working tree at `root` (another worktree's tasks are its own). */
export function treeTaskRefs(root: string): (TaskRef & { read?: ReturnType<typeof readTaskRef> })[] {
  const refs = listTaskRefs(root);
  if (!refs.length) return [];
  const me = treeId(root);
  return refs
    .map((r) => ({ ...r, read: readTaskRef(root, r) }))
    .filter((r) => !r.read?.record.tree || r.read.record.tree === me);
}

/** The blob id of a file's current content, written to the object store; undefined when absent. */
export function storeBlob(root: string, path: string): string | undefined {
  const loose = storeLooseFile(root, path);
  if (loose) return loose;
  const r = runGit(root, ['hash-object', '-w', '--no-filters', '--', path]);
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function deleteTaskRef(root: string, name: string): void {
  runGit(root, ['update-ref', '-d', name]);
}
