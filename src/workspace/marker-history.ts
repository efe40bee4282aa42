// KILLDATE markers that git history shows were removed: what the temporary code was, its kill
// date, and when the commit that removed it was made. A marker removed and added again in the
// same commit (moved or reworded) is not a removal.
import { parseMarkerLine } from '../core/killdates.js';
import { gitAsync } from './git.js';
import { isVendored } from './markers.js';

export interface RemovedMarker {
  what: string;
  /** the kill date as written */
  raw?: string;
  file: string;
  commit: string;
  /** the committer date of the removal, ISO */
  removedAt: string;
}

/** Every marker removal on the current branch's history, oldest first; [] outside git. */
export async function removedMarkers(root: string): Promise<RemovedMarker[]> {
  const r = await gitAsync(root, [
    '-c',
    'core.quotePath=false',
    'log',
    '--reverse',
    '--no-color',
    '--no-ext-diff',
    '--format=@@commit %H %cI',
    '-p',
    '-U0',
    '-G',
    'KILLDATE',
  ]);
  if (!r.ok) return [];
  const out: RemovedMarker[] = [];
  let commit = { id: '', at: '' };
  let file = '';
  let removed: RemovedMarker[] = [];
  let added = new Set<string>();
  const flush = () => {
    out.push(...removed.filter((m) => !added.has(m.what)));
    removed = [];
    added = new Set();
  };
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('@@commit ')) {
      flush();
      const [, id = '', at = ''] = line.split(' ');
      commit = { id, at };
    } else if (line.startsWith('--- ')) file = line.startsWith('--- a/') ? line.slice(6) : '';
    else if (line.startsWith('-') || line.startsWith('+')) {
      if (line.startsWith('+++ ') || !line.includes('KILLDATE')) continue;
      const m = parseMarkerLine(line.slice(1));
      if (!m) continue;
      if (line.startsWith('+')) added.add(m.what);
      else if (file && !isVendored(file))
        removed.push({
          what: m.what,
          ...(m.raw ? { raw: m.raw } : {}),
          file,
          commit: commit.id,
          removedAt: commit.at,
        });
    }
  }
  flush();
  return out;
}
