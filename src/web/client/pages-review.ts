// The review queue: each task waiting for a decision, its diff against the base, its checks
// and the planner's diagnosis; approve, reject, revert and accept, each confirmed.
import type { PendingTask } from '../../api/review-queue.js';
import { actButton } from './confirm.js';
import { api, h, rendered } from './dom.js';
import { checks } from './pages-loop.js';
import { type Panel, panel } from './panel.js';

type Acts = { allowed: boolean; reason?: string };

function diffView(diff?: string, cut?: boolean): HTMLElement {
  if (diff === undefined)
    return h('p', { class: 'muted' }, 'no run record on this machine: the diff is not available');
  if (!diff) return h('p', { class: 'muted' }, 'no changes');
  return h(
    'pre',
    { class: 'diff' },
    diff
      .split('\n')
      .map((l) =>
        h(
          'span',
          { class: l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : l.startsWith('@@') ? 'hunk' : '' },
          `${l}\n`,
        ),
      ),
    cut ? h('span', { class: 'muted' }, '[diff cut]') : null,
  );
}

function pendingCard(t: PendingTask & { html: string }, acts: Acts, reload: () => void): HTMLElement {
  const body = { feature: t.feature, task: t.task };
  const off = acts.allowed ? undefined : acts.reason;
  const what = `${t.feature} task ${t.task}`;
  return h(
    'article',
    { class: 'pending', 'data-task': `${t.feature}/${t.task}` },
    h(
      'h3',
      {},
      what,
      t.failed
        ? h('span', { class: 'badge reopened' }, `${t.failed} failed`)
        : h('span', { class: 'badge signed' }, 'all checks passed'),
    ),
    h(
      'div',
      { class: 'acts' },
      actButton(
        'Approve',
        {
          act: 'approve',
          body,
          summary: `Record the approval of ${what} in ${t.review}?`,
          reason: 'optional',
          done: reload,
        },
        off ?? (t.failed ? 'approve needs every check to pass' : undefined),
      ),
      actButton(
        'Reject',
        {
          act: 'reject',
          body,
          summary: `Record the rejection of ${what} in ${t.review}?`,
          reason: 'required',
          done: reload,
        },
        off,
      ),
      actButton(
        'Revert',
        {
          act: 'revert',
          body,
          summary: `Undo exactly the changes of ${what} and record it in ${t.review}?`,
          reason: 'optional',
          done: reload,
        },
        off,
      ),
      actButton(
        'Accept',
        {
          act: 'accept',
          body,
          summary: `Accept the failed checks of ${what} on record in ${t.review}?`,
          reason: 'required',
          done: reload,
        },
        off,
      ),
    ),
    t.checks ? checks(t.checks) : null,
    h('h4', {}, `Changed files against ${t.base?.slice(0, 12) ?? 'the base'}`),
    h(
      'ul',
      {},
      (t.changes ?? []).map((c) => h('li', {}, `${c.path} (${c.status})`)),
    ),
    diffView(t.diff, t.diffCut),
    h(
      'details',
      { open: true },
      h('summary', {}, "The review as recorded (with the planner's diagnosis)"),
      rendered(t.html),
    ),
  );
}

export function reviewPage(): Panel[] {
  const p: Panel = panel<{ tasks: (PendingTask & { html: string })[]; acts: Acts }>({
    id: 'review',
    title: 'Review queue',
    wide: true,
    load: () => api('/api/review'),
    empty: (d) => (d.tasks.length ? undefined : 'Nothing waits for a decision.'),
    render: (d) =>
      h(
        'div',
        {},
        d.acts.allowed ? null : h('p', { class: 'muted readonly' }, `read-only: ${d.acts.reason}`),
        d.tasks.map((t) => pendingCard(t, d.acts, () => void p.refresh())),
      ),
  });
  return [p];
}
