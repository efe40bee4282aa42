// Finding a feature and one of its runbooks by what a person types: `settings-page`, `2`,
// `02`, `02-form`, `form` or the file name.
import { KilldateError } from '../core/errors.js';
import type { FeatureRef, Workspace } from '../core/workspace.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$|^[a-z0-9]$/;

export function validSlug(slug: string): boolean {
  return SLUG.test(slug) && !slug.includes('--');
}

export function findFeature(ws: Workspace, slug: string, opts: { completed?: boolean } = {}): FeatureRef {
  const all = ws.features().filter((f) => f.slug === slug);
  const active = all.find((f) => !f.completed);
  const found = active ?? (opts.completed ? all[0] : undefined);
  if (found) return found;
  const dir = `${ws.paths.features}/${slug}`;
  if (ws.exists(dir)) return { slug, dir, completed: false, runbooks: [] };
  if (all.length) throw new KilldateError('NOT_FOUND', `feature ${slug} is completed (in _completed/)`);
  const names = ws
    .features()
    .filter((f) => !f.completed)
    .map((f) => f.slug);
  throw new KilldateError(
    'NOT_FOUND',
    `no feature ${slug} in ${ws.paths.features}/`,
    names.length ? `features: ${names.join(', ')}` : 'create one with killdate feature new <slug>',
  );
}

/** The runbook a task names, by number, number-slug, slug or file name. */
export function findRunbook(feature: FeatureRef, task: string): string {
  const t = task.replace(/\.md$/, '').replace(/^runbook-/, '');
  const num = /^\d+$/.test(t) ? Number(t) : undefined;
  const hits = feature.runbooks.filter((path) => {
    const name = path
      .slice(path.lastIndexOf('/') + 1)
      .replace(/\.md$/, '')
      .replace(/^runbook-/, '');
    const m = /^(\d+)-(.+)$/.exec(name);
    if (num !== undefined) return m !== null && Number(m[1]) === num;
    return name === t || m?.[2] === t;
  });
  if (hits.length === 1) return hits[0]!;
  const names = feature.runbooks.map((p) => p.slice(p.lastIndexOf('/') + 1)).join(', ') || 'none';
  if (hits.length > 1)
    throw new KilldateError('USAGE', `task ${task} matches several runbooks: ${hits.join(', ')}`);
  throw new KilldateError(
    'NOT_FOUND',
    `no runbook for task ${task} in ${feature.dir}/`,
    `runbooks: ${names}`,
  );
}

/** The task slug of a runbook path: `runbook-02-form.md` -> `02-form`. */
export function taskSlug(runbookPath: string): string {
  return runbookPath
    .slice(runbookPath.lastIndexOf('/') + 1)
    .replace(/\.md$/, '')
    .replace(/^runbook-/, '');
}
