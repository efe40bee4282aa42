// The board (features by state, next checkpoint, blockers) and the sign-off page.
import type { SignoffViewResult } from '../../api/signoff-view.js';
import type { FeatureStatus, StatusResult } from '../../api/status.js';
import { actButton } from './confirm.js';
import { api, fileLink, h, when } from './dom.js';
import { type Panel, panel } from './panel.js';

type Acts = { allowed: boolean; reason?: string };
const STATES = ['draft', 'locked', 'mocked', 'ready', 'building', 'shipped', 'completed'] as const;
const SHOWN_BLOCKERS = 3;
const clip = (t: string) => (t.length > 90 ? `${t.slice(0, 89)}…` : t);

function card(f: FeatureStatus): HTMLElement {
  const more = f.blockers.length - SHOWN_BLOCKERS;
  return h(
    'article',
    { class: 'card', 'data-feature': f.slug },
    h('h3', {}, h('a', { href: `#/signoff?feature=${encodeURIComponent(f.slug)}` }, f.slug)),
    f.next ? h('p', { class: 'next' }, 'next: ', h('strong', {}, f.next)) : null,
    f.activeTask ? h('p', { class: 'task' }, `active task ${f.activeTask}`) : null,
    f.blockers.length
      ? h(
          'ul',
          { class: 'blockers' },
          f.blockers
            .slice(0, SHOWN_BLOCKERS)
            .map((b) =>
              h(
                'li',
                { class: b.severity, title: b.message },
                fileLink(b.file, b.line, true),
                ' ',
                clip(b.message),
              ),
            ),
          more > 0 ? h('li', { class: 'muted' }, `and ${more} more`) : null,
        )
      : null,
  );
}

export function boardPage(): Panel[] {
  return [
    panel<StatusResult>({
      id: 'board',
      title: 'Features by state',
      wide: true,
      load: () => api('/api/board'),
      empty: (d) =>
        d.features.length ? undefined : 'No features yet: killdate feature new <slug> starts one.',
      render: (d) =>
        h(
          'div',
          { class: 'columns' },
          STATES.map((s) => {
            const list = d.features.filter((f) => f.state === s);
            return h(
              'div',
              { class: 'column', 'data-column': s },
              h('h3', {}, s, ' ', h('span', { class: 'count' }, list.length)),
              list.map(card),
            );
          }),
        ),
    }),
  ];
}

const STATE_WORD = {
  unchanged: 'unchanged',
  edited: 'edited since signed',
  added: 'new since signed',
  removed: 'removed',
  unsigned: 'not signed yet',
};

function checkpointBlock(
  v: SignoffViewResult['checkpoints'][number],
  d: SignoffViewResult & { acts: Acts },
  reload: () => void,
) {
  const canSign = d.next === v.checkpoint && d.blockers.length === 0;
  return h(
    'div',
    { class: `checkpoint ${v.status}`, 'data-checkpoint': v.checkpoint, 'data-status': v.status },
    h('h3', {}, `${v.checkpoint} ${v.title}`, ' ', h('span', { class: `badge ${v.status}` }, v.status)),
    v.signoff ? h('p', {}, `signed by ${v.signoff.by} at ${when(v.signoff.at)}`) : null,
    v.reason ? h('p', { class: 'warning' }, v.reason) : null,
    h(
      'ul',
      { class: 'covered' },
      v.documents.map((doc) =>
        h(
          'li',
          { class: doc.state },
          fileLink(doc.path),
          doc.id.includes('#') ? ` ${doc.id.split('#')[1]}` : '',
          ' ',
          h('span', { class: 'muted' }, STATE_WORD[doc.state]),
        ),
      ),
    ),
    canSign
      ? actButton(
          `Sign ${v.checkpoint}`,
          {
            act: 'signoff',
            body: { feature: d.feature, checkpoint: v.checkpoint },
            summary: `Record the ${v.checkpoint} sign-off of ${d.feature} in ${d.file}, covering ${v.documents.length} document(s)?`,
            done: reload,
          },
          d.acts.allowed ? undefined : d.acts.reason,
        )
      : null,
  );
}

export function signoffPage(params: URLSearchParams): Panel[] {
  const feature = params.get('feature');
  const picker = panel<{ features: { slug: string; state: string }[] }>({
    id: 'features',
    title: 'Feature',
    load: () => api('/api/features'),
    empty: (d) => (d.features.length ? undefined : 'No features yet.'),
    render: (d) => {
      const sel = h(
        'select',
        { name: 'feature', 'aria-label': 'feature' },
        h('option', { value: '' }, 'choose a feature'),
        d.features.map((f) =>
          h('option', { value: f.slug, selected: f.slug === feature }, `${f.slug} (${f.state})`),
        ),
      ) as HTMLSelectElement;
      sel.addEventListener('change', () => {
        location.hash = `#/signoff?feature=${encodeURIComponent(sel.value)}`;
      });
      return sel;
    },
  });
  if (!feature) return [picker];
  const view: Panel = panel<SignoffViewResult & { acts: Acts }>({
    id: 'signoff',
    title: `Sign-off: ${feature}`,
    wide: true,
    load: () => api(`/api/signoff?feature=${encodeURIComponent(feature)}`),
    empty: () => undefined,
    render: (d) =>
      h(
        'div',
        {},
        d.acts.allowed ? null : h('p', { class: 'muted readonly' }, `read-only: ${d.acts.reason}`),
        h(
          'div',
          { class: 'checkpoints' },
          d.checkpoints.map((v) => checkpointBlock(v, d, () => void view.refresh())),
        ),
        d.blockers.length
          ? h(
              'div',
              {},
              h('h3', {}, `What blocks ${d.next}`),
              h(
                'ul',
                { class: 'blockers' },
                d.blockers.map((b) =>
                  h('li', { class: b.severity }, fileLink(b.file, b.line), ' ', b.message, ` (${b.rule})`),
                ),
              ),
            )
          : null,
      ),
  });
  return [picker, view];
}
