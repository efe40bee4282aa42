// When git backs a record: every line of it was added by one commit, that commit's author is
// the person the record names, and no line changed since. Pure: the caller runs `git blame`.

export interface LineOrigin {
  /** 40 zeros: not committed */
  commit: string;
  author: string;
  /** the commit is the edge of a shallow clone */
  shallowEdge: boolean;
}

export type RecordOrigin = { commit: string } | { line: number; problem: string };

const short = (sha: string): string => sha.slice(0, 7);
const same = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** The commit that backs the record made of `lines` (heading first), or why none does. */
export function recordOrigin(lines: number[], blame: Map<number, LineOrigin>, by: string): RecordOrigin {
  const head = blame.get(lines[0]!);
  for (const n of lines) {
    const o = blame.get(n);
    if (!o || /^0+$/.test(o.commit)) return { line: n, problem: 'not in any commit' };
    if (o.shallowEdge)
      return {
        line: n,
        problem: `commit ${short(o.commit)} is the edge of a shallow clone: its history is not here`,
      };
    if (o.commit !== head!.commit)
      return {
        line: n,
        problem: `line ${n} was changed by commit ${short(o.commit)} after the record's commit ${short(head!.commit)}`,
      };
  }
  if (!same(head!.author, by))
    return {
      line: lines[0]!,
      problem: `it names ${by} but commit ${short(head!.commit)} is by ${head!.author || 'nobody'}`,
    };
  return { commit: head!.commit };
}

/** `Name <email>` -> email. */
export const emailOf = (who: string): string => /<([^>]*)>/.exec(who)?.[1] ?? '';
