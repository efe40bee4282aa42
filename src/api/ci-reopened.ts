// ci/checkpoint-reopened: each signed checkpoint a PR re-opens by changing a document it covers.
// A covered document is the PR's doing only where the base still matched the sign-off: one the
// base had already changed since a sign-off it also held is not blamed on the PR.
import type { CheckpointView } from '../core/checkpoints.js';
import type { Finding } from '../core/finding.js';
import { latestSignoffs, parseSignoffs, type Signoff } from '../core/signoffs.js';
import type { FeatureRef } from '../core/workspace.js';
import { blobsAt, readBlobs } from '../workspace/blobs.js';
import { coveredHash, signoffsPath } from './evidence.js';

export interface FeatureCheckpoints {
  feature: FeatureRef;
  /** the sign-offs git backs, as HEAD has them */
  signoffs: Signoff[];
  views: CheckpointView[];
}

interface Suspect {
  view: CheckpointView;
  signoff: Signoff;
  /** covered ids whose file the PR changes */
  ids: string[];
}

export async function reopenedBy(
  root: string,
  base: string,
  touched: Set<string>,
  features: FeatureCheckpoints[],
): Promise<Finding[]> {
  const suspects: [FeatureCheckpoints, Suspect[]][] = [];
  for (const f of features) {
    const latest = latestSignoffs(f.signoffs);
    const list: Suspect[] = [];
    for (const view of f.views) {
      const signoff = latest[view.checkpoint];
      if (view.status !== 'reopened' || !signoff) continue;
      const ids = view.changed.map((c) => c.id).filter((id) => touched.has(fileOf(id)));
      if (ids.length) list.push({ view, signoff, ids });
    }
    if (list.length) suspects.push([f, list]);
  }
  if (!suspects.length) return [];
  const read = await baseFiles(root, base, [
    ...suspects.flatMap(([f, list]) => [signoffsPath(f.feature), ...list.flatMap((s) => s.ids.map(fileOf))]),
  ]);
  const out: Finding[] = [];
  for (const [f, list] of suspects) {
    const heldAtBase = parseSignoffs(read(signoffsPath(f.feature))?.toString('utf8') ?? '');
    for (const { view, signoff, ids } of list) {
      const onBase = heldAtBase.some((s) => sameRecord(s, signoff));
      const signed = new Map(signoff.documents.map((d) => [d.id, d.sha256]));
      // a sign-off the base held, with this document already changed there: not the PR's doing
      const ours = ids.filter((id) => !onBase || coveredHash(id, read) === signed.get(id));
      for (const file of new Set(ours.map(fileOf))) out.push(finding(view, signoff, file));
    }
  }
  return out;
}

const fileOf = (id: string) => id.split('#')[0]!;

/** The same sign-off record: its time is kept to the second, so two made in one second differ by what they cover. */
function sameRecord(a: Signoff, b: Signoff): boolean {
  if (a.checkpoint !== b.checkpoint || a.at !== b.at || a.by !== b.by) return false;
  if (a.documents.length !== b.documents.length) return false;
  return a.documents.every((d, i) => d.id === b.documents[i]!.id && d.sha256 === b.documents[i]!.sha256);
}

/** The bytes of `paths` as `base` has them. */
async function baseFiles(root: string, base: string, paths: string[]) {
  const ids = await blobsAt(root, base, [...new Set(paths)]);
  const blobs = await readBlobs(root, [...new Set(ids.values())]);
  return (path: string) => {
    const id = ids.get(path);
    return id === undefined ? undefined : blobs.get(id);
  };
}

function finding(view: CheckpointView, signoff: Signoff, file: string): Finding {
  const cp = view.checkpoint;
  return {
    rule: 'ci/checkpoint-reopened',
    severity: 'error',
    file,
    message: `the PR changes ${file}, which the ${cp} sign-off of ${signoff.by} on ${signoff.at.slice(0, 10)} covers: ${cp} no longer holds`,
    fix: `the person signs ${cp} again once the change is reviewed`,
  };
}
