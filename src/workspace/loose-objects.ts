// Git objects and the refs that point at them, written and read without starting git: the
// state files killdate keeps a copy of in git (witnessed.ts), the task ref and the blobs of a
// task's files are written several times a task, and two git processes a write were most of
// the loop's own cost. Only in the layout git itself writes by default (SHA-1 objects, loose
// refs, the repo's own folders); in any other (a reftable or SHA-256 repository, GIT_DIR and
// the like set, a shared repository, config includes, alternates) each function answers
// undefined and the caller asks git (refsUnder asks it itself). Written as git writes them:
// the object deflated under objects/ab/cdef..., never replacing one there; the ref through its
// `.lock` file; neither synced to disk, as git's default `core.fsync` leaves loose objects and
// refs.
import {
  closeSync,
  type Dirent,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { byCodeUnit } from '../core/order.js';
import { gitEnv } from './git-env.js';
import { gitDirs } from './git-refs.js';

interface Layout {
  /** where objects/ and shared refs live */
  common: string;
  /** where this worktree's own refs (refs/worktree/) live */
  git: string;
}

/** Variables that move git's folders or its refs, or set config: with any of them set, git is asked. */
const MOVED = [
  'GIT_DIR',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_NAMESPACE',
  'GIT_WORK_TREE',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
];
/**
 * Repo settings that change how objects or refs are stored: with any of them, git is asked.
 * Only the repo's own config is read: a global `logAllRefUpdates = always` gets no reflog here.
 */
const OTHER_STORAGE =
  /^\s*(objectformat|refstorage|sharedrepository)\s*=|^\s*logallrefupdates\s*=\s*always|^\s*\[\s*include/im;

/**
 * The plain layout of the repo at `root`, read each time (an agent can change the config). A
 * read needs only git's own folders and loose refs (an id of another length, an object kept
 * elsewhere, is not found here and git is asked); a write needs the default storage too.
 */
function layout(root: string, writing: boolean): Layout | undefined {
  if (MOVED.some((v) => process.env[v] !== undefined)) return undefined;
  const dirs = gitDirs(root);
  if (!dirs || existsSync(join(dirs.common, 'reftable'))) return undefined;
  if (!writing) return dirs;
  try {
    if (OTHER_STORAGE.test(readFileSync(join(dirs.common, 'config'), 'utf8'))) return undefined;
  } catch {
    return undefined;
  }
  return existsSync(join(dirs.common, 'objects/info/alternates')) ? undefined : dirs;
}

const objectPath = (l: Layout, id: string) => join(l.common, 'objects', id.slice(0, 2), id.slice(2));

type ObjectType = 'blob' | 'tag' | 'tree';

/** The id git gives `bytes` as a `type` object (`git hash-object -t <type>`). */
export function gitObjectId(type: ObjectType, bytes: Buffer): string {
  return objectId(Buffer.concat([Buffer.from(`${type} ${bytes.length}\0`), bytes]));
}

// node:crypto and node:zlib load when an object is first read or written, not with this module:
// the tool-call guard imports it, and a call with no task active reads no object
const crypto = () => process.getBuiltinModule('node:crypto');
const zlib = () => process.getBuiltinModule('node:zlib');

/** The id of an object as stored: its header and content. */
const objectId = (object: Buffer): string => crypto().createHash('sha1').update(object).digest('hex');

/** Writes a loose object (kept when already there): its id, or undefined (ask git). */
export function writeLooseObject(root: string, type: ObjectType, bytes: Buffer): string | undefined {
  const l = layout(root, true);
  if (!l) return undefined;
  const object = Buffer.concat([Buffer.from(`${type} ${bytes.length}\0`), bytes]);
  const id = objectId(object);
  const path = objectPath(l, id);
  if (existsSync(path)) return id; // as git: one already there is not written again
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = join(dirname(path), `tmp_obj_${crypto().randomBytes(6).toString('hex')}`);
    writeNew(temp, zlib().deflateSync(object, { level: 1 }), 0o444);
    try {
      linkSync(temp, path); // as git: an object already there is never replaced
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(temp, { force: true });
    }
    return id;
  } catch {
    return undefined;
  }
}

/** A tree entry: a file of the tree (mode 100644) and its blob. */
export interface TreeFile {
  name: string;
  id: string;
}

/** Writes a loose tree of plain files (names sorted as git sorts them): its id, or undefined (ask git). */
export function writeLooseTree(root: string, files: TreeFile[]): string | undefined {
  const sorted = [...files].sort((a, b) => byCodeUnit(a.name, b.name));
  const bytes = Buffer.concat(
    sorted.flatMap((f) => [Buffer.from(`100644 ${f.name}\0`), Buffer.from(f.id, 'hex')]),
  );
  return writeLooseObject(root, 'tree', bytes);
}

/**
 * The files of a loose tree, in its order: undefined when it is not a loose tree (ask git),
 * null when it is damaged or holds anything but plain files.
 */
export function readLooseTree(root: string, id: string): TreeFile[] | undefined | null {
  const bytes = readLooseObject(root, id, 'tree');
  if (!bytes) return bytes;
  const files: TreeFile[] = [];
  for (let at = 0; at < bytes.length; ) {
    const nul = bytes.indexOf(0, at);
    if (nul < 0 || nul + 21 > bytes.length) return null;
    const [mode, name] = bytes.subarray(at, nul).toString('utf8').split(' ');
    if (mode !== '100644' || !name) return null;
    files.push({ name, id: bytes.subarray(nul + 1, nul + 21).toString('hex') });
    at = nul + 21;
  }
  return files;
}

/**
 * The content of a loose object of `type`: undefined when it is not loose or not that type
 * (ask git), null when its bytes do not match its id (damaged or rewritten: no copy at all).
 */
export function readLooseObject(root: string, id: string, type: ObjectType): Buffer | undefined | null {
  const l = layout(root, false);
  if (!l || !/^[0-9a-f]{40}$/.test(id)) return undefined;
  let object: Buffer;
  try {
    object = zlib().inflateSync(readFileSync(objectPath(l, id)));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  if (objectId(object) !== id) return null;
  const nul = object.indexOf(0);
  const [kind, size] = object.subarray(0, nul).toString('latin1').split(' ');
  if (kind !== type || Number(size) !== object.length - nul - 1) return undefined;
  return object.subarray(nul + 1);
}

/** Files up to this size are hashed here; a larger one is left to git, which streams it. */
const HASHED_HERE = 16 * 1024 * 1024;

/**
 * The blob id of a file's bytes as they are (no filters), the blob written to the object
 * store; undefined when it is not a plain file this layout can take (ask git).
 */
export function storeLooseFile(root: string, path: string): string | undefined {
  try {
    const abs = join(root, path);
    const st = lstatSync(abs);
    if (!st.isFile() || st.size > HASHED_HERE) return undefined;
    return writeLooseObject(root, 'blob', readFileSync(abs));
  } catch {
    return undefined;
  }
}

const refPath = (l: Layout, ref: string) => join(ref.startsWith('refs/worktree/') ? l.git : l.common, ref);

/** A ref name git takes as it is and that stays inside the refs folder; any other is git's to judge. */
const plainRef = (ref: string) =>
  /^refs\/[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$/.test(ref) &&
  !/\.\.|\.lock(\/|$)|\.(\/|$)/.test(ref);

/** The id a loose ref holds; undefined when it is not a loose ref of 40 hex (ask git). */
export function readLooseRef(root: string, ref: string): string | undefined {
  const l = plainRef(ref) ? layout(root, false) : undefined;
  if (!l) return undefined;
  try {
    const id = readFileSync(refPath(l, ref), 'latin1').trim();
    return /^[0-9a-f]{40}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The refs under `prefix` (`refs/killdate/runs/`) whose name after it `wanted` keeps, with the
 * id each holds, as `git for-each-ref` lists them (by name): packed ones, and loose ones over
 * them. With `last`, only the last `last` of them: the other loose refs are not read. Undefined
 * when git must answer (another layout, a ref that is not 40 hex).
 */
export function listRefs(
  root: string,
  prefix: string,
  wanted: (name: string) => boolean = () => true,
  last?: number,
): { name: string; id: string }[] | undefined {
  const listed = refNames(root, prefix, wanted);
  if (!listed) return undefined;
  const { found, names, top } = listed;
  const out: { name: string; id: string }[] = [];
  for (const name of last === undefined ? names : names.slice(-last)) {
    let id = found.get(name);
    if (id === undefined) {
      let text: string;
      try {
        text = readFileSync(join(top, name.slice(prefix.length)), 'latin1');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EISDIR') continue;
        return undefined;
      }
      id = text.trim();
      if (!/^[0-9a-f]{40}$/.test(id)) return undefined;
    }
    out.push({ name, id });
  }
  return out;
}

/**
 * The files under a refs folder, as paths inside it. A folder is known from its entry's type,
 * with no stat per ref: a runs folder holds one ref a task run. An entry of unknown type is
 * listed, and reading it as a ref skips a folder.
 */
function refFiles(top: string, at = ''): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(at ? join(top, at) : top, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const name = at ? `${at}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...refFiles(top, name));
    else out.push(name);
  }
  return out;
}

/** How many refs listRefs would list, none of them read; undefined when git must answer. */
export function countRefs(root: string, prefix: string, wanted: (name: string) => boolean = () => true) {
  return refNames(root, prefix, wanted)?.names.length;
}

/**
 * The names of the refs under `prefix` that `wanted` keeps, in git's order, each with its id
 * when packed (undefined: loose, in `top`); undefined when git must answer.
 */
function refNames(root: string, prefix: string, wanted: (name: string) => boolean) {
  const l = plainRef(`${prefix}x`) ? layout(root, false) : undefined;
  if (!l) return undefined;
  const found = new Map<string, string | undefined>();
  let packed = '';
  try {
    packed = readFileSync(join(l.common, 'packed-refs'), 'latin1');
  } catch {}
  if (packed.includes(` ${prefix}`))
    for (const line of packed.split('\n')) {
      const [id, name] = /^([0-9a-f]{40}) (\S+)$/.exec(line)?.slice(1) ?? [];
      if (name?.startsWith(prefix) && wanted(name.slice(prefix.length))) found.set(name, id!);
    }
  const top = refPath(l, prefix);
  for (const name of refFiles(top))
    if (!name.endsWith('.lock') && wanted(name)) found.set(`${prefix}${name}`, undefined);
  const names = [...found.keys()].sort(byCodeUnit); // git's byte order: ref names are ASCII
  return { found, names, top };
}

/**
 * listRefs, or `git for-each-ref` when git must answer; undefined when git fails too (no
 * repository).
 */
export function refsUnder(
  root: string,
  prefix: string,
  wanted: (name: string) => boolean = () => true,
  last?: number,
): { name: string; id: string }[] | undefined {
  const listed = listRefs(root, prefix, wanted, last);
  if (listed) return listed;
  // child_process loads only when git must run: the write guard lists task refs on every tool call
  const r = process
    .getBuiltinModule('node:child_process')
    .spawnSync('git', ['for-each-ref', '--format=%(objectname) %(refname)', prefix], {
      cwd: root,
      encoding: 'utf8',
      env: gitEnv(),
      timeout: 30_000,
    });
  if (r.status !== 0) return undefined;
  const refs = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ id: l.slice(0, l.indexOf(' ')), name: l.slice(l.indexOf(' ') + 1) }))
    .filter((ref) => wanted(ref.name.slice(prefix.length)));
  return last === undefined ? refs : refs.slice(-last);
}

/**
 * Points the loose ref `ref` at `id` through `<ref>.lock`, as git does (a lock already held is
 * left to git, which reports it): true when written, false to ask git.
 */
export function writeLooseRef(root: string, ref: string, id: string): boolean {
  const l = plainRef(ref) ? layout(root, true) : undefined;
  if (!l) return false;
  const path = refPath(l, ref);
  const lock = `${path}.lock`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeNew(lock, Buffer.from(`${id}\n`), 0o644);
  } catch {
    return false;
  }
  try {
    renameSync(lock, path);
    return true;
  } catch {
    rmSync(lock, { force: true });
    return false;
  }
}

/** Creates `path` (never an existing file) with `bytes`. */
function writeNew(path: string, bytes: Buffer, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}
