// What a session start needs from .git without spawning git: the checked-out branch, which of
// main/master exists, whether any remote-tracking branch exists, and the stash list (the
// reflog of refs/stash, newest last). undefined when the layout is not the plain files one
// (a reftable repository, an unreadable .git): the caller then asks git.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export interface LocalRefs {
  /** the branch HEAD points at; undefined when detached */
  head?: string;
  /** `main`, `master`, `origin/main` or `origin/master`, the first that exists */
  main?: string;
  hasRemotes: boolean;
  /** `stash@{0} On main: message`, newest first */
  stashes: string[];
}

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/** The repository's git dir and common dir (they differ in a linked worktree). */
export function gitDirs(root: string): { git: string; common: string } | undefined {
  const dotGit = join(root, '.git');
  let git = dotGit;
  try {
    if (statSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(read(dotGit) ?? '');
      if (!m) return undefined;
      git = isAbsolute(m[1]!.trim()) ? m[1]!.trim() : resolve(root, m[1]!.trim());
    }
  } catch {
    return undefined;
  }
  const commondir = read(join(git, 'commondir'))?.trim();
  return { git, common: commondir ? resolve(git, commondir) : git };
}

export function readLocalRefs(root: string): LocalRefs | undefined {
  const dirs = gitDirs(root);
  if (!dirs || existsSync(join(dirs.common, 'reftable'))) return undefined;
  const headText = read(join(dirs.git, 'HEAD'));
  if (headText === undefined) return undefined;
  const head = /^ref: refs\/heads\/(.+)$/m.exec(headText)?.[1]?.trim();
  const packed = read(join(dirs.common, 'packed-refs')) ?? '';
  const exists = (ref: string) => existsSync(join(dirs.common, ref)) || packed.includes(` ${ref}\n`);
  const main = ['heads/main', 'heads/master', 'remotes/origin/main', 'remotes/origin/master']
    .find((r) => exists(`refs/${r}`))
    ?.replace(/^(heads|remotes)\//, '');
  const hasRemotes = existsSync(join(dirs.common, 'refs/remotes')) || packed.includes(' refs/remotes/');
  const reflog = (read(join(dirs.common, 'logs/refs/stash')) ?? '')
    .split('\n')
    .filter((l) => l.includes('\t'));
  const stashes = reflog.reverse().map((l, i) => `stash@{${i}} ${l.slice(l.indexOf('\t') + 1).trim()}`);
  return { ...(head ? { head } : {}), ...(main ? { main } : {}), hasRemotes, stashes };
}
