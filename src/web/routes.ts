// The board's read endpoints: each one api call, answered as JSON. The board has no logic of
// its own; what a page needs is an api function the CLI and the MCP server can call too.
import { check } from '../api/check.js';
import { readDocument } from '../api/document.js';
import { killDates } from '../api/killdates.js';
import { metrics } from '../api/metrics.js';
import { reviewQueue } from '../api/review-queue.js';
import { NEWEST_RUNS, runs } from '../api/run.js';
import { liveRun, runDetail } from '../api/run-view.js';
import { sessionView } from '../api/session-view.js';
import { signoffView } from '../api/signoff-view.js';
import { status } from '../api/status.js';
import { KilldateError } from '../core/errors.js';
import { renderMarkdown } from './render.js';

export interface RouteContext {
  cwd: string;
  today?: string;
  /** the human acts this board may record, with why not when it may not */
  acts: { allowed: boolean; reason?: string; by?: string };
}

type Read = (q: URLSearchParams, c: RouteContext) => unknown | Promise<unknown>;

const need = (q: URLSearchParams, name: string): string => {
  const v = q.get(name);
  if (!v) throw new KilldateError('USAGE', `missing ?${name}=`);
  return v;
};

/** The board's reads are display: they use the caches (its acts go through the api, which does not). */
const ws = (c: RouteContext) => ({ cwd: c.cwd, cache: true, ...(c.today ? { today: c.today } : {}) });

export const READS: Record<string, Read> = {
  '/api/board': async (_q, c) => ({ ...(await status(ws(c))), acts: c.acts }),
  '/api/findings': (_q, c) => check(ws(c)),
  '/api/killdates': (_q, c) => killDates(ws(c)),
  '/api/session': (_q, c) => sessionView(ws(c)),
  '/api/runs': (q, c) => runs({ cwd: c.cwd, ...(q.has('all') ? {} : { last: NEWEST_RUNS }) }),
  '/api/run': (q, c) => runDetail({ cwd: c.cwd, runId: need(q, 'id') }),
  '/api/live': (_q, c) => liveRun({ cwd: c.cwd }),
  '/api/review': async (_q, c) => {
    const r = await reviewQueue(ws(c));
    return {
      ...r,
      acts: c.acts,
      tasks: r.tasks.map((t) => ({ ...t, html: renderMarkdown(t.section, t.review) })),
    };
  },
  '/api/signoff': (q, c) => ({ ...signoffView({ ...ws(c), feature: need(q, 'feature') }), acts: c.acts }),
  '/api/features': async (_q, c) => ({
    features: (await status(ws(c))).features.map((f) => ({ slug: f.slug, state: f.state })),
  }),
  '/api/metrics': (_q, c) => metrics(ws(c)),
  '/api/doc': (q, c) => {
    const d = readDocument({ cwd: c.cwd, path: need(q, 'path') });
    return { ...d, ...(d.markdown ? { html: renderMarkdown(d.text, d.path) } : {}) };
  },
};

/** The HTTP status of an api error. */
export function statusOf(e: unknown): number {
  if (!(e instanceof KilldateError)) return 500;
  if (e.code === 'NOT_FOUND') return 404;
  if (e.code === 'REFUSED') return 403;
  if (e.code === 'USAGE') return 400;
  return 500;
}
