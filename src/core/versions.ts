// Release tags as N, N-1 and older: production runs N, N-1 stays bootable, older goes.
import { byCodeUnit } from './order.js';

export interface ReleaseTag {
  tag: string;
  /** ISO date the tag (or its commit) was created */
  date: string;
  commit: string;
}

export interface RankedRelease extends ReleaseTag {
  role: 'N' | 'N-1' | 'older';
}

/** Numeric parts of a version-like tag: v1.10.2 -> [1, 10, 2]. */
function versionParts(tag: string): number[] | undefined {
  const m = /(\d+(?:\.\d+)*)/.exec(tag);
  return m ? m[1]!.split('.').map(Number) : undefined;
}

/** Newest first: by version number when both tags have one, then by creation date. */
export function compareReleases(a: ReleaseTag, b: ReleaseTag): number {
  const va = versionParts(a.tag);
  const vb = versionParts(b.tag);
  if (va && vb)
    for (let i = 0; i < Math.max(va.length, vb.length); i++) {
      const d = (vb[i] ?? 0) - (va[i] ?? 0);
      if (d) return d;
    }
  return byCodeUnit(b.date, a.date) || byCodeUnit(b.tag, a.tag);
}

export function rankReleases(tags: ReleaseTag[]): RankedRelease[] {
  return [...tags]
    .sort(compareReleases)
    .map((t, i) => ({ ...t, role: i === 0 ? 'N' : i === 1 ? 'N-1' : 'older' }));
}

/** Path-like tokens of a gate 7 "what": `src/old/export.ts`, legacy/v1/ -> paths to look for. */
export function codePaths(what: string): string[] {
  const out = new Set<string>();
  for (const raw of what.split(/[\s,;()]+/)) {
    const t = raw.replace(/^[`'"]+|[`'".:]+$/g, '').replace(/\/+$/, '');
    if (!t || t.includes('..') || t.startsWith('/') || /^[a-z]+:\/\//i.test(t)) continue;
    if (t.includes('/') || /\.[a-z0-9]{1,5}$/i.test(t)) out.add(t);
  }
  return [...out];
}
