// Live updates: every folder of the workspace is watched (but git's, dependencies', build output
// and killdate's own cache) and each batch of changed paths is pushed to every open page as a
// server-sent event. Run logs are streamed by offset from the same events.
//
// On Linux, one watch per folder, not fs.watch's `recursive` mode: there Node 20 watches each
// file's inode, so a file replaced by a rename (killdate's own writes, git checkout, an editor's
// safe save) is never reported again, while a folder's watch names every entry written in it,
// whatever its inode. macOS and Windows watch a whole tree natively: each top folder is watched
// with `recursive` there (one watch per folder would spend a file descriptor each on macOS).
import { type Dirent, type FSWatcher, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

/** not watched at the top (build output, vendored code); git's and dependencies' folders nowhere */
const SKIP_TOP = new Set(['dist', 'build', 'vendor', 'third_party', 'coverage']);
const SKIP_ANYWHERE = new Set(['.git', 'node_modules']);
/** killdate's own bookkeeping folders: what the board's reads write there is no change a person made */
const OWN_DIRS = new Set(['.killdate/cache', '.killdate/locks']);
/** Writes the board's own reads cause: never a change a person made. */
const QUIET = /^\.killdate\/(cache|locks)(\/|$)/;
const DEBOUNCE_MS = 120;
const NATIVE_RECURSIVE = process.platform === 'darwin' || process.platform === 'win32';

/** inotify watches are a per-user budget shared with editors and other tools: a quarter of it */
function folderBudget(): number {
  try {
    const limit = Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8'));
    if (limit > 0) return Math.min(Math.max(Math.floor(limit / 4), 1024), 65_536);
  } catch {}
  return 4096;
}

export type ChangeListener = (paths: string[]) => void;

interface Watched {
  watcher: FSWatcher;
  /** the folder's inode: a folder removed and made again under the same name is watched again */
  ino: number;
}

export class WorkspaceWatch {
  private folders = new Map<string, Watched>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private listeners = new Set<ChangeListener>();
  private closed = false;
  private readonly budget: number;
  /** a folder was left unwatched: the watch budget was spent */
  budgetSpent = false;

  /** `budget`: the most folders to watch (default: a quarter of the system's inotify watches) */
  constructor(
    private readonly root: string,
    budget?: number,
  ) {
    this.budget = budget ?? (NATIVE_RECURSIVE ? Number.POSITIVE_INFINITY : folderBudget());
    this.addTree('', false);
  }

  /**
   * Watches `dir` and the folders below it. A folder made after the start (`announce`) may
   * already hold entries written before its watch began: each is reported as changed.
   */
  private addTree(dir: string, announce: boolean): void {
    if (this.closed) return;
    if (this.folders.size >= this.budget) {
      this.budgetSpent = true;
      return;
    }
    const abs = join(this.root, dir);
    // natively, a top folder's watch covers the tree below it
    const recursive = NATIVE_RECURSIVE && dir !== '';
    let ino: number;
    try {
      ino = statSync(abs).ino;
      const w = watch(abs, { persistent: false, recursive }, (_event, name) => this.event(dir, name));
      w.on('error', () => this.drop(dir));
      this.folders.set(dir, { watcher: w, ino });
    } catch {
      return; // a folder that vanished or cannot be watched: the rest still updates
    }
    if (recursive && !announce) return;
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {}
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (announce) this.changed(rel);
      if (!recursive && e.isDirectory() && watchable(rel, e.name)) this.addTree(rel, announce);
    }
  }

  private event(dir: string, name: string | Buffer | null): void {
    if (!name) {
      this.changed(dir);
      return;
    }
    const child = String(name).split('\\').join('/');
    const rel = dir ? `${dir}/${child}` : child;
    if (rel.split('/').some((part) => SKIP_ANYWHERE.has(part))) return;
    // a folder made or removed: below a natively watched top folder, its watch covers it
    if (!(NATIVE_RECURSIVE && dir !== '') && watchable(rel, child)) this.recheck(rel);
    this.changed(rel);
  }

  /** A folder made, removed or replaced under `rel`: its watches follow. */
  private recheck(rel: string): void {
    let ino: number | undefined;
    try {
      const st = statSync(join(this.root, rel));
      if (st.isDirectory()) ino = st.ino;
    } catch {}
    const known = this.folders.get(rel);
    if (known && known.ino === ino) return;
    if (known) this.drop(rel);
    if (ino !== undefined) this.addTree(rel, true);
  }

  /** Stops watching `dir` and every folder below it. */
  private drop(dir: string): void {
    for (const [d, w] of this.folders)
      if (d === dir || d.startsWith(`${dir}/`)) {
        w.watcher.close();
        this.folders.delete(d);
      }
  }

  private changed(path: string): void {
    if (QUIET.test(path)) return;
    if (path === '.killdate' && this.onlyOwnWrites()) return;
    this.pending.add(path);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const paths = [...this.pending];
      this.pending.clear();
      for (const l of this.listeners) l(paths);
    }, DEBOUNCE_MS);
  }

  /** .killdate/ created by the board's first read holds nothing but its cache and locks. */
  private onlyOwnWrites(): boolean {
    try {
      return readdirSync(join(this.root, '.killdate')).every((n) => n === 'cache' || n === 'locks');
    } catch {
      return false;
    }
  }

  /** folders watched now */
  get watched(): number {
    return this.folders.size;
  }

  on(l: ChangeListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.folders.values()) w.watcher.close();
    this.folders.clear();
    this.listeners.clear();
  }
}

/** Whether a folder at `rel` (named `name`) is watched. */
const watchable = (rel: string, name: string): boolean =>
  !SKIP_ANYWHERE.has(name) && !OWN_DIRS.has(rel) && !(rel === name && SKIP_TOP.has(name));

/** Starts a server-sent event stream on `res`; returns the function that sends one event. */
export function openStream(res: ServerResponse): (event: string, data: unknown) => void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write(': killdate board\n\n');
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  res.on('close', () => clearInterval(ping));
  return (event, data) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}
