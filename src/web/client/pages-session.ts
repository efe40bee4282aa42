// The session page: the live RESUME HERE, the roadmap, the open known issues and the log.
import type { SessionViewResult } from '../../api/session-view.js';
import { api, fileLink, h } from './dom.js';
import { type Panel, panel } from './panel.js';

export function sessionPage(): Panel[] {
  const view = () => api<SessionViewResult>('/api/session');
  return [
    panel<SessionViewResult>({
      id: 'resume',
      title: 'RESUME HERE',
      load: view,
      empty: (d) => (d.log.resume?.steps.length ? undefined : 'The newest log entry has no RESUME HERE.'),
      render: (d) =>
        h(
          'div',
          {},
          h(
            'ol',
            { class: 'resume' },
            d.log.resume!.steps.map((s) => h('li', {}, s)),
          ),
          fileLink(d.log.file, d.log.resume!.line),
        ),
    }),
    panel<SessionViewResult>({
      id: 'roadmap',
      title: 'Roadmap',
      load: view,
      empty: (d) => (d.roadmap.sections.some((s) => s.items.length) ? undefined : 'The roadmap is empty.'),
      render: (d) =>
        h(
          'div',
          {},
          d.roadmap.sections
            .filter((s) => s.items.length)
            .map((s) =>
              h(
                'div',
                {},
                h('h3', {}, s.title),
                h(
                  'ul',
                  { class: 'roadmap' },
                  s.items.map((i) =>
                    h('li', { class: i.checked ? 'done' : '' }, i.checked ? '☑ ' : '☐ ', i.text),
                  ),
                ),
              ),
            ),
        ),
    }),
    panel<SessionViewResult>({
      id: 'issues',
      title: 'Known issues',
      load: view,
      empty: (d) => (d.issues.items.length ? undefined : 'No open known issue.'),
      render: (d) =>
        h(
          'ul',
          { class: 'issues' },
          d.issues.items.map((i) =>
            h(
              'li',
              {},
              h('strong', {}, i.id || '(no id)'),
              ` ${i.title} `,
              i.severity ? h('span', { class: 'badge' }, i.severity) : null,
              ' ',
              fileLink(d.issues.file, i.line),
            ),
          ),
        ),
    }),
    panel<SessionViewResult>({
      id: 'log',
      title: 'Session log',
      wide: true,
      load: view,
      empty: (d) =>
        d.log.entries.length ? undefined : 'The session log has no entry yet: killdate end writes one.',
      render: (d) =>
        h(
          'div',
          {},
          d.log.entries.map((e) =>
            h(
              'article',
              { class: 'entry' },
              h('h3', {}, e.heading, ' ', fileLink(d.log.file, e.line)),
              e.branch ? h('p', {}, `branch ${e.branch}`) : null,
              e.whatHappened ? h('p', {}, e.whatHappened) : null,
              e.notes.map((n) => h('p', { class: 'muted' }, `${n.label}: ${n.value}`)),
            ),
          ),
        ),
    }),
  ];
}
