// What git hides from a diff, recorded when a task starts and compared at its review: the
// config of every scope (each value keyed-hashed: it can be a secret), info/exclude and the
// excludes file, the skip-worktree and assume-unchanged flags, the hook files; and the
// git-ignored paths created or changed since the start (found by ctime, which a process cannot
// set back).
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { ensureStateDir } from './active-task.js';
import { argBatches, git, gitAsync } from './git.js';

export interface GitState {
  /** epoch ms of the snapshot, by the file system's clock (what ctimes are compared with) */
  at: number;
  /**
   * `<scope> <key>` -> an HMAC-SHA256 of its values under this clone's key (CONFIG_KEY), never
   * the values; a record written before `keyed` holds plain SHA-1s
   */
  config: Record<string, string>;
  keyed?: true;
  /** info/exclude and the excludes file, by path -> sha1 ('' when absent) */
  excludes: Record<string, string>;
  /** `git ls-files -v` entries other than plain `H`: `<tag> <path>` */
  flags: string[];
  /** hook files (core.hooksPath or .git/hooks) -> sha1 of mode and content */
  hooks: Record<string, string>;
}

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

/**
 * The key of the config values' hashes, kept in this clone only (never in a record, a ref or a
 * commit): a record that leaves the machine cannot be used to test guesses of a value.
 */
export const CONFIG_KEY = '.killdate/git-state.key';

/** The clone's key; made at the first snapshot. */
function configKey(root: string, make: boolean): Buffer {
  const path = join(root, CONFIG_KEY);
  try {
    const key = readFileSync(path);
    if (key.length >= 32) return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!make)
    throw new KilldateError(
      'GIT',
      `${CONFIG_KEY} is gone or cut: the git config cannot be compared with the task's start`,
    );
  ensureStateDir(root);
  // a new file renamed into place: a link planted there is replaced, never written through
  const key = randomBytes(32);
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, key, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, path);
  return key;
}

/** How config values are hashed: keyed (HMAC-SHA256), or plain SHA-1 for a record made before keys. */
type ValueHash = (values: string) => string;
const keyedHash =
  (key: Buffer): ValueHash =>
  (values) =>
    createHmac('sha256', key).update(values).digest('hex');

function fileHash(path: string): string {
  try {
    const st = lstatSync(path);
    return sha1(`${st.mode & 0o111 ? 'x' : '-'}${readFileSync(path).toString('latin1')}`);
  } catch {
    return '';
  }
}

/**
 * Now, as the kernel stamps a file's ctime: a process's own clock can differ (faketime, a
 * container's offset), and the ignored-paths scan compares ctimes with this.
 */
function fileSystemNow(): number {
  const dir = mkdtempSync(join(tmpdir(), 'killdate-clock-'));
  try {
    return lstatSync(dir).ctimeMs;
  } finally {
    rmdirSync(dir);
  }
}

/** What the snapshot asks git: the config, where exclude and hooks live, the excludes file, the flags. */
const ASK = {
  config: ['config', '--list', '--show-scope', '-z'],
  paths: ['rev-parse', '--path-format=absolute', '--git-path', 'info/exclude', '--git-path', 'hooks'],
  excludesFile: ['config', '--path', '--get', 'core.excludesFile'],
  flags: ['ls-files', '-v', '-z'],
} as const;

type Answers = Record<keyof typeof ASK, string>;

/** The git state of the repo at `root` now. */
export function snapshotGitState(root: string): GitState {
  const at = fileSystemNow();
  const ask = (args: readonly string[]) => git(root, [...args]).stdout;
  const hash = keyedHash(configKey(root, true));
  const state = stateOf(
    root,
    {
      config: ask(ASK.config),
      paths: ask(ASK.paths),
      excludesFile: ask(ASK.excludesFile),
      flags: ask(ASK.flags),
    },
    hash,
  );
  return { at, ...state, keyed: true };
}

/**
 * The git state now to compare with the snapshot `before` (hashed as it was; no time: nothing
 * is compared with it): git asked everything at once. Throws when the clone's key is gone.
 */
export async function gitStateNow(root: string, before: GitState): Promise<Omit<GitState, 'at'>> {
  const hash = before.keyed ? keyedHash(configKey(root, false)) : sha1;
  const keys = Object.keys(ASK) as (keyof typeof ASK)[];
  const outs = await Promise.all(keys.map((k) => gitAsync(root, [...ASK[k]])));
  return stateOf(root, Object.fromEntries(keys.map((k, i) => [k, outs[i]!.stdout])) as Answers, hash);
}

function stateOf(root: string, said: Answers, hash: ValueHash): Omit<GitState, 'at'> {
  const config: Record<string, string> = {};
  const list = said.config.split('\0');
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < list.length; i += 2) {
    const scope = list[i]!;
    const entry = list[i + 1]!;
    if (scope === 'command') continue;
    const nl = entry.indexOf('\n');
    const key = `${scope} ${nl < 0 ? entry : entry.slice(0, nl)}`;
    values.set(key, [...(values.get(key) ?? []), nl < 0 ? '' : entry.slice(nl + 1)]);
  }
  for (const [k, v] of values) config[k] = hash(v.join('\0'));
  const paths = said.paths.trim().split('\n');
  const excludes: Record<string, string> = {};
  if (paths[0]) excludes[paths[0]] = fileHash(paths[0]);
  const file = excludesFile(root, said.excludesFile.trim());
  excludes[file] = fileHash(file);
  const hooks: Record<string, string> = {};
  if (paths[1])
    for (const name of entries(paths[1]))
      if (!name.endsWith('.sample')) hooks[name] = fileHash(join(paths[1], name));
  const flags = said.flags.split('\0').filter((l) => l.length > 2 && l[0] !== 'H');
  return { config, excludes, flags, hooks };
}

/** core.excludesFile as git gives it (`set`), or git's default ($XDG_CONFIG_HOME/git/ignore). */
function excludesFile(root: string, set: string): string {
  if (set) return isAbsolute(set) ? set : resolve(root, set);
  const xdg = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(xdg, 'git', 'ignore');
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

const TAGS: Record<string, string> = {
  S: 'skip-worktree',
  h: 'assume-unchanged',
  s: 'skip-worktree and assume-unchanged',
};

/** Each difference between the recorded state and now, as one sentence. */
export function gitStateChanges(before: GitState, after: Omit<GitState, 'at'>): string[] {
  const out: string[] = [];
  const keyed = (
    what: string,
    a: Record<string, string>,
    b: Record<string, string>,
    name = (k: string) => k,
  ) => {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[k] === b[k]) continue;
      const how = !(k in a) || a[k] === '' ? 'added' : !(k in b) || b[k] === '' ? 'removed' : 'changed';
      out.push(`${what} ${name(k)} ${how}`);
    }
  };
  keyed('git config', before.config, after.config, (k) => {
    const [scope, key] = [k.slice(0, k.indexOf(' ')), k.slice(k.indexOf(' ') + 1)];
    return `${key} (${scope})`;
  });
  keyed('excludes file', before.excludes, after.excludes);
  keyed('git hook', before.hooks, after.hooks);
  const was = new Set(before.flags);
  const now = new Set(after.flags);
  for (const f of now)
    if (!was.has(f)) out.push(`${TAGS[f[0]!] ?? `flag ${f[0]}`} set on ${f.slice(2)} (git update-index)`);
  for (const f of was) if (!now.has(f)) out.push(`${TAGS[f[0]!] ?? `flag ${f[0]}`} cleared on ${f.slice(2)}`);
  return out;
}

/**
 * Git-ignored paths (files and links) whose status changed after `at`: created or written
 * since the snapshot. Git lists what it ignores now (a wholly ignored folder as one entry, never
 * inside a submodule); `find` looks only there for what changed, and git confirms each path is
 * ignored. .killdate is left out. A git step that fails is an error, never an empty list.
 */
export async function ignoredChangedSince(root: string, at: number): Promise<string[]> {
  const listed = await gitAsync(root, [
    'ls-files',
    '--others',
    '--ignored',
    '--exclude-standard',
    '--directory',
    '-z',
  ]);
  if (!listed.ok) throw new KilldateError('GIT', `git ls-files failed: ${listed.stderr.trim()}`);
  const where = listed.stdout
    .split('\0')
    .filter((p) => p && p !== '.killdate' && !p.startsWith('.killdate/'))
    .map((p) => `./${p}`);
  const since = `@${(at / 1000).toFixed(3)}`;
  const outs = await Promise.all(
    findBatches(root, where).map((starts) =>
      findFiles(root, [...starts, '!', '-type', 'd', '-newerct', since, '-print0']),
    ),
  );
  // as find prints them, `./` first: git would read a name starting `:(` as pathspec magic
  const found = new Set<string>();
  for (const out of outs) for (const p of out.split('\0')) if (p) found.add(p);
  if (!found.size) return [];
  const ignored = await gitAsync(root, ['check-ignore', '-z', '--stdin'], `${[...found].join('\0')}\0`);
  // exit 1: none of them is ignored (any more)
  if (!ignored.ok && ignored.status !== 1)
    throw new KilldateError('GIT', `git check-ignore failed: ${ignored.stderr.trim()}`);
  return ignored.stdout
    .split('\0')
    .filter(Boolean)
    .map((p) => p.slice(2))
    .sort();
}

/** Up to this many wholly ignored folders are opened one level, so that two finds share them. */
const SPLIT_FOLDERS = 16;

/**
 * The starting points for `find`, in batches that run side by side. Most repos have a few
 * large ignored folders (one node_modules/ of 50,000 files): one find over it would use one
 * core, so each such folder's entries are split over two batches.
 */
function findBatches(root: string, where: string[]): string[][] {
  const folders = where.filter((p) => p.endsWith('/'));
  if (folders.length === 0 || folders.length > SPLIT_FOLDERS) return argBatches(where);
  const starts: string[] = where.filter((p) => !p.endsWith('/'));
  for (const f of folders) starts.push(...entriesOf(root, f));
  const halves: [string[], string[]] = [[], []];
  for (let i = 0; i < starts.length; i++) halves[i % 2]!.push(starts[i]!);
  return halves.filter((h) => h.length).flatMap((h) => argBatches(h));
}

/** The folder's entries as find starting points; the folder itself when it cannot be read or a name is not UTF-8. */
function entriesOf(root: string, folder: string): string[] {
  try {
    const names = readdirSync(join(root, folder), { encoding: 'buffer' });
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.toString('utf8');
      if (!Buffer.from(name, 'utf8').equals(raw)) return [folder]; // find must read that name itself
      out.push(`${folder}${name}`);
    }
    return out;
  } catch {
    return [folder];
  }
}

/** `find` in `root`, its stdout (what it printed before any error). */
function findFiles(root: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('find', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
