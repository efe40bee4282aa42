// Live updates: the workspace is watched (every top-level folder but git's, dependencies' and
// build output, plus the files at its root) and each batch of changed paths is pushed to every
// open page as a server-sent event. Run logs are streamed by offset from the same events.
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', 'build', 'vendor', 'third_party', 'coverage']);
/** Writes the board's own reads cause: never a change a person made. */
const QUIET = /^\.killdate\/(cache|locks)\//;
const DEBOUNCE_MS = 120;

export type ChangeListener = (paths: string[]) => void;

export class WorkspaceWatch {
  private watchers: FSWatcher[] = [];
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private listeners = new Set<ChangeListener>();
  private dirs = new Set<string>();

  constructor(private readonly root: string) {
    this.add('', false);
    for (const e of readdirSync(root, { withFileTypes: true }))
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) this.add(e.name, true);
  }

  private add(dir: string, recursive: boolean): void {
    this.dirs.add(dir);
    try {
      const w = watch(join(this.root, dir), { recursive, persistent: false }, (_event, name) => {
        const rel = name ? (dir ? `${dir}/${name}` : String(name)) : dir;
        if (!dir && name && !recursive) this.maybeNewDir(String(name));
        this.changed(rel.split('\\').join('/'));
      });
      w.on('error', () => undefined);
      this.watchers.push(w);
    } catch {
      // a folder that vanished or cannot be watched: the rest still updates
    }
  }

  /** A top-level folder created after launch is watched too. */
  private maybeNewDir(name: string): void {
    if (SKIP_DIRS.has(name) || this.dirs.has(name) || this.watchers.length > 256) return;
    try {
      if (statSync(join(this.root, name)).isDirectory()) this.add(name, true);
    } catch {}
  }

  private changed(path: string): void {
    if (QUIET.test(path) || path === '.killdate/cache' || path === '.killdate/locks') return;
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

  on(l: ChangeListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.listeners.clear();
  }
}

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
