// The git facts of a session, parsed from plain git output (status -b, log, stash list,
// branch -r --no-merged, rev-list --left-right --count). Pure: workspace/session-git.ts runs git.

export interface Commit {
  sha: string;
  date: string;
  subject: string;
}

export interface Change {
  /** porcelain XY code, e.g. ` M`, `??`, `A ` */
  code: string;
  path: string;
}

export interface GitFacts {
  branch: string;
  detached: boolean;
  upstream?: string;
  ahead?: number;
  behind?: number;
  /** the main branch ref compared against (`main`, `master`, `origin/main`) */
  main?: string;
  aheadOfMain?: number;
  behindMain?: number;
  commits: Commit[];
  changes: Change[];
  stashes: string[];
  /** remote branches not merged into main */
  unmerged: string[];
}

/** `git status --porcelain=v1 -b` */
export function parseStatus(
  out: string,
): Pick<GitFacts, 'branch' | 'detached' | 'upstream' | 'ahead' | 'behind' | 'changes'> {
  const lines = out.split('\n').filter((l) => l !== '');
  const head = lines[0]?.startsWith('## ') ? lines.shift()!.slice(3) : '';
  const facts: ReturnType<typeof parseStatus> = { branch: '', detached: false, changes: [] };
  const unborn = /^(?:No commits yet|Initial commit) on (.+)$/.exec(head);
  if (unborn) facts.branch = unborn[1]!;
  else if (head.startsWith('HEAD (no branch)')) {
    facts.branch = 'HEAD';
    facts.detached = true;
  } else {
    const m = /^(.+?)(?:\.\.\.(\S+))?(?: \[(.*)\])?$/.exec(head);
    facts.branch = m?.[1] ?? head;
    if (m?.[2]) facts.upstream = m[2];
    const track = m?.[3] ?? '';
    const a = /ahead (\d+)/.exec(track);
    const b = /behind (\d+)/.exec(track);
    if (m?.[2]) {
      facts.ahead = a ? Number(a[1]) : 0;
      facts.behind = b ? Number(b[1]) : 0;
    }
  }
  for (const l of lines) facts.changes.push({ code: l.slice(0, 2), path: l.slice(3) });
  return facts;
}

/** `git log --format=%h%x09%ad%x09%s --date=short` */
export function parseCommits(out: string): Commit[] {
  return out
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const [sha = '', date = '', ...rest] = l.split('\t');
      return { sha, date, subject: rest.join('\t') };
    });
}

export function parseLines(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.endsWith('/HEAD') && !l.includes(' -> '));
}

/** `git rev-list --left-right --count main...HEAD` -> behind (left), ahead (right) */
export function parseLeftRight(out: string): { behind: number; ahead: number } | undefined {
  const m = /^(\d+)\s+(\d+)/.exec(out.trim());
  return m ? { behind: Number(m[1]), ahead: Number(m[2]) } : undefined;
}

/** The one-line summary of METHOD §7: "on X, N ahead of main, clean, no stashes, M unmerged branches". */
export function gitSummaryLine(g: GitFacts): string {
  const parts = [`on ${g.detached ? 'a detached HEAD' : g.branch}`];
  if (g.main && g.branch !== g.main) parts.push(`${g.aheadOfMain ?? 0} ahead of ${g.main}`);
  if (g.upstream && (g.ahead || g.behind)) parts.push(`${g.ahead} ahead, ${g.behind} behind ${g.upstream}`);
  parts.push(
    g.changes.length ? `${g.changes.length} uncommitted change${g.changes.length === 1 ? '' : 's'}` : 'clean',
  );
  parts.push(
    g.stashes.length ? `${g.stashes.length} stash${g.stashes.length === 1 ? '' : 'es'}` : 'no stashes',
  );
  parts.push(`${g.unmerged.length} unmerged branch${g.unmerged.length === 1 ? '' : 'es'}`);
  return parts.join(', ');
}
