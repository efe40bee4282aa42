// The PR check: the features a diff touches, the FILES union of their runbooks against the
// diff, and whether the PR introduces temporary code (so its body must carry the sunset).
import type { Finding } from './finding.js';
import { lockEntries } from './killdates-lock.js';
import { filesAllowlist, runbooks } from './parse/runbook.js';
import { compileAllowlist } from './scope.js';
import type { Workspace } from './workspace.js';

export interface PrScope {
  features: string[];
  /** changed files no FILES entry of a touched feature allows */
  outside: string[];
  /** gate 7 items of touched locks: temporary code this PR introduces or carries */
  temporary: string[];
}

/** A feature is touched when its folder changed or a changed file matches its runbooks' FILES. */
export function prScope(ws: Workspace, changed: string[]): PrScope {
  const byFeature = new Map<string, { dir: string; files: string[] }>();
  for (const rb of runbooks(ws)) {
    const dir = rb.path.slice(0, rb.path.lastIndexOf('/'));
    const f = byFeature.get(dir) ?? { dir, files: [] };
    f.files.push(...filesAllowlist(rb));
    byFeature.set(dir, f);
  }
  const touched = [...byFeature.values()].filter((f) => {
    const allow = compileAllowlist(f.files);
    return changed.some((c) => c.startsWith(`${f.dir}/`) || allow(c));
  });
  const union = compileAllowlist(touched.flatMap((f) => f.files));
  const isMethodDoc = (p: string) =>
    ws.kind(p) !== 'other' || p.startsWith(`${ws.paths.features}/`) || ws.files().includes(p);
  const outside = touched.length ? changed.filter((c) => !union(c) && !isMethodDoc(c)) : [];
  const temporary = lockEntries(ws)
    .filter((e) => changed.includes(e.file))
    .map((e) => e.what);
  return { features: touched.map((t) => t.dir.slice(t.dir.lastIndexOf('/') + 1)), outside, temporary };
}

export function scopeFindings(scope: PrScope): Finding[] {
  return scope.outside.map((file) => ({
    rule: 'ci/outside-files',
    severity: 'error' as const,
    file,
    message: `changed by the PR but allowed by no FILES entry of the features it touches (${scope.features.join(', ')})`,
    fix: 'add the path to a runbook FILES block, or move the change to its own PR',
  }));
}
