// revert never destroys what it did not create. It acts only on the paths the review saw,
// and only when each is still exactly what the review recorded (a git blob, a symlink's
// target, absent); it never removes a folder with anything in it; it stores every byte it is
// about to overwrite or remove in a git commit under refs/killdate/revert/<run>, which
// `killdate revert --undo` (or `git restore --source=<ref>`) brings back. Outside a terminal,
// a path outside FILES is reverted only when named.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileAllowlist } from '../core/allowlist.js';
import { KilldateError } from '../core/errors.js';
import type { Change } from '../core/scope.js';
import { git, gitOrThrow, LITERAL } from '../workspace/git.js';
import { storeLooseFile, writeLooseObject } from '../workspace/loose-objects.js';
import { assertWritable } from '../workspace/paths.js';
import type { StartState } from './run-state.js';

/** A path's content as git would store it: a file's blob and mode, a symlink's target blob. */
export type PathState =
  | { kind: 'absent' }
  | { kind: 'file'; blob: string; mode: number; raw?: string }
  | { kind: 'link'; blob: string; raw?: string }
  | { kind: 'dir' };

/**
 * The path on disk. git shows a name that is not valid UTF-8 with U+FFFD in it; such a name is
 * found by listing its folder (raw bytes), or given as `raw` (the path's bytes in hex).
 */
function diskPath(tree: string, path: string, raw?: string): string | Buffer {
  if (raw) return Buffer.concat([Buffer.from(`${tree}/`), Buffer.from(raw, 'hex')]);
  if (!path.includes('\uFFFD')) return join(tree, path);
  let cur = Buffer.from(tree);
  for (const seg of path.split('/')) {
    let name: Buffer = Buffer.from(seg);
    if (seg.includes('\uFFFD')) {
      let entries: Buffer[] = [];
      try {
        entries = readdirSync(cur, { encoding: 'buffer' });
      } catch {}
      const hits = entries.filter((e) => e.toString('utf8') === seg);
      if (hits.length > 1)
        throw new KilldateError(
          'REFUSED',
          `revert refused, nothing changed: ${hits.length} files are shown as ${path}`,
        );
      if (hits[0]) name = hits[0];
    }
    cur = Buffer.concat([cur, Buffer.from('/'), name]);
  }
  return cur;
}

/** The raw bytes of a path found on disk (hex), when its name is not valid UTF-8. */
const rawOf = (tree: string, abs: string | Buffer): string | undefined =>
  typeof abs === 'string' ? undefined : abs.subarray(Buffer.byteLength(tree) + 1).toString('hex');

const sidesOf = (c: Change): string[] => (c.from !== undefined ? [c.from, c.path] : [c.path]);

const hashBytes = (tree: string, data: Buffer): string =>
  writeLooseObject(tree, 'blob', data) ??
  execFileSync('git', ['hash-object', '-w', '--no-filters', '--stdin'], { cwd: tree, input: data })
    .toString()
    .trim();

/** The state of one path now (blobs written to the object store, so they can be restored). */
export function pathState(tree: string, path: string): PathState {
  if (parentLink(tree, path)) return { kind: 'absent' }; // under a symlink: not in this tree
  const abs = diskPath(tree, path);
  const raw = rawOf(tree, abs);
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (!st) return { kind: 'absent' };
  if (st.isSymbolicLink())
    return {
      kind: 'link',
      blob: hashBytes(tree, readlinkSync(abs, { encoding: 'buffer' })),
      ...(raw ? { raw } : {}),
    };
  if (st.isDirectory()) return { kind: 'dir' };
  const blob =
    typeof abs === 'string'
      ? (storeLooseFile(tree, path) ??
        execFileSync('git', ['hash-object', '-w', '--no-filters', '--', path], { cwd: tree })
          .toString()
          .trim())
      : hashBytes(tree, readFileSync(abs));
  return { kind: 'file', blob, mode: st.mode & 0o777, ...(raw ? { raw } : {}) };
}

/** The states of every path a task changed, as the review saw them. */
export function reviewedStates(tree: string, changes: Change[]): Record<string, PathState> {
  const out: Record<string, PathState> = {};
  for (const p of new Set(changes.flatMap(sidesOf)))
    if (!p.startsWith('.killdate/')) out[p] = pathState(tree, p);
  return out;
}

/** The first folder above `path` (inside the tree) that is a symlink, if any. */
function parentLink(tree: string, path: string): string | undefined {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    if (lstatSync(join(tree, p), { throwIfNoEntry: false })?.isSymbolicLink()) return p;
  }
  return undefined;
}

const same = (a: PathState, b: PathState | undefined): boolean =>
  !!b &&
  a.kind === b.kind &&
  (a.kind === 'absent' ||
    a.kind === 'dir' ||
    (a.blob === (b as { blob: string }).blob &&
      (a.kind !== 'file' || a.mode === (b as { mode: number }).mode)));

export interface RevertInput {
  tree: string;
  runId: string;
  base: string;
  startState: StartState;
  changes: Change[];
  /** the states recorded at review (meta.reviewed) */
  reviewed: Record<string, PathState> | undefined;
  /** the task's FILES entries */
  files: string[] | undefined;
  /** paths outside FILES the human named (or confirmed on a terminal) */
  confirmed: string[];
  /** when the run started, by the file system's clock (ms): a folder born before it is never removed */
  startedMs?: number | undefined;
}

export interface RevertResult {
  restored: string[];
  removed: string[];
  /** the commit holding what the revert overwrote or removed (refs/killdate/revert/<run>) */
  undo?: { ref: string; command: string };
}

/** The paths of a task's changes outside its FILES entries. */
export function outsideFiles(paths: string[], files: string[] | undefined): string[] {
  const inFiles = compileAllowlist(files ?? []);
  return paths.filter((p) => !p.startsWith('.killdate/') && !inFiles(p));
}

/** Every path a task's changes name (both sides of a rename). */
export const changedPaths = (changes: Change[]): string[] =>
  [...new Set(changes.flatMap(sidesOf))].filter((p) => !p.startsWith('.killdate/'));

export const undoRef = (runId: string): string => `refs/killdate/revert/${runId}`;

/** What each path goes back to: its content at the start, else the base's, else absent. */
function targets(tree: string, base: string, start: StartState, paths: string[]): Map<string, PathState> {
  const out = new Map<string, PathState>();
  const inBase = new Map<string, { mode: string; blob: string; raw?: string }>();
  for (let i = 0; i < paths.length; i += 200) {
    const raw = gitOrThrow(tree, [...LITERAL, 'ls-tree', '-z', base, '--', ...paths.slice(i, i + 200)]);
    for (const line of raw.split('\0').filter(Boolean)) {
      const m = /^(\d+) (\w+) (\w+)\t([\s\S]*)$/.exec(line);
      if (m && m[2] === 'blob') inBase.set(m[4]!, { mode: m[1]!, blob: m[3]! });
    }
  }
  for (const p of paths.filter((x) => x.includes('\uFFFD') && !inBase.has(x))) {
    const hit = rawBaseEntry(tree, base, p);
    if (hit) inBase.set(p, hit);
  }
  for (const p of paths) {
    const s = start[p];
    if (s) {
      out.set(
        p,
        s.blob === null ? { kind: 'absent' } : { kind: 'file', blob: s.blob, mode: s.mode ?? 0o644 },
      );
      continue;
    }
    const b = inBase.get(p);
    const raw = b?.raw ? { raw: b.raw } : {};
    if (!b) out.set(p, { kind: 'absent' });
    else if (b.mode === '120000') out.set(p, { kind: 'link', blob: b.blob, ...raw });
    else out.set(p, { kind: 'file', blob: b.blob, mode: b.mode === '100755' ? 0o755 : 0o644, ...raw });
  }
  return out;
}

/** A base entry whose name is not valid UTF-8, found by listing its folder in the base as bytes. */
function rawBaseEntry(
  tree: string,
  base: string,
  path: string,
): { mode: string; blob: string; raw: string } | undefined {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash + 1);
  if (dir.includes('\uFFFD')) return undefined;
  const out = execFileSync('git', [...LITERAL, 'ls-tree', '-z', base, ...(dir ? ['--', dir] : [])], {
    cwd: tree,
    maxBuffer: 1 << 30,
  });
  let from = 0;
  for (let end = out.indexOf(0, from); end !== -1; from = end + 1, end = out.indexOf(0, from)) {
    const entry = out.subarray(from, end);
    const tab = entry.indexOf(9);
    const name = entry.subarray(tab + 1);
    const [mode, type, blob] = entry.subarray(0, tab).toString().split(' ');
    if (type === 'blob' && name.toString('utf8') === path)
      return { mode: mode!, blob: blob!, raw: name.toString('hex') };
  }
  return undefined;
}

/** Refuses, naming the paths, before anything is touched. */
function refuse(what: string, paths: string[]): never {
  const list = paths.slice(0, 8).join(', ') + (paths.length > 8 ? `, and ${paths.length - 8} more` : '');
  throw new KilldateError('REFUSED', `revert refused, nothing changed: ${what}: ${list}`);
}

export function revertTask(i: RevertInput): RevertResult {
  const paths = [...new Set(i.changes.flatMap(sidesOf))].filter((p) => !p.startsWith('.killdate/'));
  const result: RevertResult = { restored: [], removed: [] };
  if (!paths.length) return result;
  if (!i.reviewed) refuse('the run has no record of the content the review saw', paths);
  const reviewed = i.reviewed;
  const unseen = paths.filter((p) => !(p in reviewed));
  if (unseen.length) refuse('the review never saw', unseen);
  const outside = outsideFiles(paths, i.files).filter((p) => !i.confirmed.includes(p));
  if (outside.length) refuse('outside FILES and not named on the command line', outside);
  const now = new Map(paths.map((p) => [p, pathState(i.tree, p)]));
  const moved = paths.filter((p) => !same(now.get(p)!, reviewed[p]));
  if (moved.length) refuse('changed since the review (not by the task: kept as they are)', moved);
  const dirs = paths.filter((p) => now.get(p)!.kind === 'dir');
  if (dirs.length) refuse('folders killdate did not create', dirs);
  const want = targets(i.tree, i.base, i.startState, paths);
  const todo = paths.filter((p) => !same(want.get(p)!, now.get(p)));
  // a restore under a symlink that is not itself reverted away would write outside the tree
  const removing = new Set(todo.filter((p) => want.get(p)!.kind === 'absent' || now.get(p)!.kind === 'link'));
  const blocked = todo.filter((p) => {
    const link = parentLink(i.tree, p);
    return link !== undefined && !removing.has(link);
  });
  if (blocked.length) refuse('under a symlink the task did not create', blocked);

  const undo = saveUndo(i.tree, i.runId, todo, now);
  gitIndexBack(i.tree, i.base, paths);
  // removals first (deepest first), so a symlink that replaced a folder is gone before the
  // folder's files come back
  const order = [...todo].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const p of order)
    if (
      now.get(p)!.kind !== 'absent' &&
      (want.get(p)!.kind === 'absent' || now.get(p)!.kind !== want.get(p)!.kind)
    ) {
      removeEntry(i.tree, p, undefined, madeSince(i.startedMs));
      if (want.get(p)!.kind === 'absent') result.removed.push(p);
    }
  for (const p of [...todo].reverse()) {
    const w = want.get(p)!;
    if (w.kind === 'absent' || w.kind === 'dir') continue;
    writeEntry(i.tree, p, w);
    result.restored.push(p);
  }
  if (undo) result.undo = undo;
  return result;
}

/** The index back to the base for the task's paths, as git status showed them before. */
function gitIndexBack(tree: string, base: string, paths: string[]): void {
  const indexed = gitOrThrow(tree, [...LITERAL, 'ls-files', '-z', '--', ...paths])
    .split('\0')
    .filter(Boolean);
  const inBase = gitOrThrow(tree, [...LITERAL, 'ls-tree', '-r', '-z', '--name-only', base, '--', ...paths])
    .split('\0')
    .filter(Boolean);
  const reset = [...new Set([...indexed, ...inBase])];
  if (reset.length) gitOrThrow(tree, [...LITERAL, 'reset', '-q', base, '--', ...reset]);
}

/**
 * A folder the task made: born since `start`. Unknown (no start, or a file system that keeps no
 * birth time) counts as not: an empty folder left behind is better than a person's removed.
 */
function madeSince(start: number | undefined): (dir: string) => boolean {
  return (dir) => {
    const born = statSync(dir, { throwIfNoEntry: false })?.birthtimeMs ?? 0;
    return born > 0 && start !== undefined && start > 0 && born >= start;
  };
}

/** Removes the entry, then each folder it leaves empty that `removable` allows (all by default). */
function removeEntry(
  tree: string,
  path: string,
  raw?: string,
  removable: (dir: string) => boolean = () => true,
): void {
  const abs = diskPath(tree, path, raw);
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory())
    rmdirSync(abs); // only ever an empty one: checked before
  else unlinkSync(abs);
  for (let dir = dirname(join(tree, path)); dir.startsWith(`${tree}/`); dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length || !removable(dir)) break;
      rmdirSync(dir);
    } catch {
      break;
    }
  }
}

function writeEntry(
  tree: string,
  path: string,
  w: Exclude<PathState, { kind: 'absent' } | { kind: 'dir' }>,
): void {
  const abs = diskPath(tree, path, w.raw);
  const content = execFileSync('git', ['cat-file', 'blob', w.blob], {
    cwd: tree,
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) unlinkSync(abs); // never write through a link
  assertWritable(dirname(join(tree, path))); // nor through a linked folder on the way
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  if (w.kind === 'link') {
    if (st && !st.isSymbolicLink()) rmSync(abs);
    symlinkSync(content, abs);
    return;
  }
  writeFileSync(abs, content);
  chmodSync(abs, w.mode);
}

/**
 * A commit holding each path's bytes before the revert (files and symlinks; a path that was
 * absent is listed in the message), under refs/killdate/revert/<run>. Nothing to keep: none.
 */
function saveUndo(
  tree: string,
  runId: string,
  paths: string[],
  now: Map<string, PathState>,
): RevertResult['undo'] | undefined {
  if (!paths.length) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'killdate-undo-'));
  const env = { ...process.env, GIT_INDEX_FILE: join(dir, 'index') };
  try {
    const kept = paths.filter((p) => now.get(p)!.kind === 'file' || now.get(p)!.kind === 'link');
    const info = kept
      .map((p) => {
        const s = now.get(p) as { kind: 'file' | 'link'; blob: string; mode?: number };
        const mode = s.kind === 'link' ? '120000' : (s.mode ?? 0o644) & 0o111 ? '100755' : '100644';
        return `${mode} ${s.blob}\t${p}\0`;
      })
      .join('');
    execFileSync('git', ['update-index', '-z', '--index-info'], { cwd: tree, env, input: info });
    const treeId = execFileSync('git', ['write-tree'], { cwd: tree, env }).toString().trim();
    const record = { runId, paths: Object.fromEntries(paths.map((p) => [p, now.get(p)!])) };
    const commit = execFileSync(
      'git',
      [
        '-c',
        'commit.gpgsign=false',
        'commit-tree',
        treeId,
        '-m',
        `killdate revert ${runId}: the bytes before\n\n${JSON.stringify(record)}`,
      ],
      {
        cwd: tree,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'killdate',
          GIT_AUTHOR_EMAIL: 'killdate@localhost',
          GIT_COMMITTER_NAME: 'killdate',
          GIT_COMMITTER_EMAIL: 'killdate@localhost',
        },
      },
    )
      .toString()
      .trim();
    const ref = undoRef(runId);
    gitOrThrow(tree, ['update-ref', ref, commit]);
    return {
      ref,
      command: kept.length
        ? `git restore --source=${ref} --worktree -- ${kept.map(shellQuote).join(' ')}`
        : '',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const shellQuote = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * `killdate revert --undo`: every path back to the bytes the revert stored, when it is still
 * what the revert left (else refused, nothing changed).
 */
export function undoRevert(
  tree: string,
  runId: string,
  base: string,
  start: StartState,
): { restored: string[]; removed: string[] } {
  const ref = undoRef(runId);
  const msg = git(tree, ['log', '-1', '--format=%B', ref]);
  if (!msg.ok) throw new KilldateError('REFUSED', `run ${runId} has no revert to undo (${ref})`);
  const json = msg.stdout.slice(msg.stdout.indexOf('{'));
  const record = JSON.parse(json) as { paths: Record<string, PathState> };
  const paths = Object.keys(record.paths);
  const want = targets(tree, base, start, paths);
  const moved = paths.filter((p) => !same(pathState(tree, p), want.get(p)));
  if (moved.length) refuse('changed since the revert', moved);
  const out = { restored: [] as string[], removed: [] as string[] };
  // what the revert wrote goes first (deepest first), then the bytes it kept come back
  const order = [...paths].sort((a, b) => {
    const ga = record.paths[a]!.kind === 'absent' ? 0 : 1;
    const gb = record.paths[b]!.kind === 'absent' ? 0 : 1;
    return ga - gb || b.split('/').length - a.split('/').length;
  });
  for (const p of order) {
    const s = record.paths[p]!;
    if (s.kind === 'absent') {
      removeEntry(tree, p);
      out.removed.push(p);
    } else if (s.kind === 'file' || s.kind === 'link') {
      const cur = lstatSync(join(tree, p), { throwIfNoEntry: false });
      if (cur && s.kind === 'link') removeEntry(tree, p);
      writeEntry(tree, p, s);
      out.restored.push(p);
    }
  }
  gitOrThrow(tree, ['update-ref', '-d', ref]);
  return out;
}
