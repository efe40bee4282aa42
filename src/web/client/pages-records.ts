// What the repo records: kill dates on a timeline, the check findings (filterable) and any
// document, rendered.
import type { CheckResult } from '../../api/check-cached.js';
import type { KillDatesResult } from '../../api/killdates.js';
import type { KillDateItem } from '../../core/killdates.js';
import { api, fileLink, h, rendered } from './dom.js';
import { type Panel, panel } from './panel.js';

const ORDER: KillDateItem['status'][] = ['overdue', 'due-soon', 'inconsistent', 'missing', 'ok'];

function dateItem(i: KillDateItem): HTMLElement {
  const left =
    i.daysLeft === undefined ? '' : i.daysLeft < 0 ? `${-i.daysLeft} days late` : `${i.daysLeft} days left`;
  return h(
    'li',
    { class: `kd ${i.status}`, 'data-status': i.status },
    h('span', { class: `badge ${i.status}` }, i.status),
    ' ',
    h('strong', {}, i.date ?? i.raw ?? 'no date'),
    ` ${left} · ${i.what} · ${i.source}${i.feature ? ` ${i.feature}` : ''} `,
    fileLink(i.file, i.line),
    i.criterion ? h('div', { class: 'criterion' }, `criterion: ${i.criterion}`) : null,
    i.problem ? h('div', { class: 'warning' }, i.problem) : null,
    i.conflict ? h('div', { class: 'warning' }, `disagree: ${i.conflict}`) : null,
    i.undeclared ? h('div', { class: 'warning' }, 'no lock declares it (gate 7)') : null,
  );
}

export function killDatesPage(): Panel[] {
  return [
    panel<KillDatesResult>({
      id: 'killdates',
      title: 'Kill dates',
      wide: true,
      load: () => api('/api/killdates'),
      empty: (d) => (d.items.length ? undefined : 'No temporary code with a kill date.'),
      render: (d) => {
        const sorted = [...d.items].sort(
          (a, b) =>
            ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || (a.date ?? '').localeCompare(b.date ?? ''),
        );
        return h(
          'div',
          {},
          h(
            'p',
            { class: 'summary' },
            `as of ${d.today}: `,
            ORDER.map((s) => h('span', { class: `badge ${s}`, 'data-count': s }, `${d.summary[s]} ${s}`)),
          ),
          h('ol', { class: 'timeline' }, sorted.map(dateItem)),
        );
      },
    }),
  ];
}

export function findingsPage(params: URLSearchParams): Panel[] {
  const p: Panel = panel<CheckResult>({
    id: 'findings',
    title: 'Check findings',
    wide: true,
    load: () => api('/api/findings'),
    empty: (d) => (d.findings.length ? undefined : 'No findings: every document holds.'),
    render: (d) => {
      const rule = params.get('rule') ?? '';
      const severity = params.get('severity') ?? '';
      const file = params.get('file') ?? '';
      const rows = d.findings.filter(
        (f) =>
          (!rule || f.rule === rule) &&
          (!severity || f.severity === severity) &&
          (!file || f.file.includes(file)),
      );
      const set = (k: string, v: string) => {
        v ? params.set(k, v) : params.delete(k);
        location.hash = `#/findings?${params}`;
      };
      const select = (name: string, values: string[], value: string) => {
        const el = h(
          'select',
          { name, 'aria-label': name },
          h('option', { value: '' }, `every ${name}`),
          values.map((v) => h('option', { value: v, selected: v === value }, v)),
        ) as HTMLSelectElement;
        el.addEventListener('change', () => set(name, el.value));
        return el;
      };
      const input = h('input', {
        type: 'search',
        name: 'file',
        placeholder: 'file contains',
        value: file,
        'aria-label': 'file',
      }) as HTMLInputElement;
      input.addEventListener('change', () => set('file', input.value.trim()));
      return h(
        'div',
        {},
        h(
          'div',
          { class: 'filters' },
          select('rule', [...new Set(d.findings.map((f) => f.rule))].sort(), rule),
          select('severity', ['error', 'warning'], severity),
          input,
          h('span', { class: 'muted', 'data-shown': rows.length }, `${rows.length} of ${d.findings.length}`),
        ),
        h(
          'table',
          { class: 'findings' },
          h(
            'tr',
            {},
            ['severity', 'file', 'rule', 'message'].map((c) => h('th', {}, c)),
          ),
          rows
            .slice(0, 1000)
            .map((f) =>
              h(
                'tr',
                { class: f.severity },
                h('td', {}, f.severity),
                h('td', {}, fileLink(f.file, f.line)),
                h('td', {}, f.rule),
                h('td', {}, f.message),
              ),
            ),
        ),
      );
    },
  });
  return [p];
}

export function docPage(params: URLSearchParams): Panel[] {
  const path = params.get('path') ?? '';
  const line = Number(params.get('line') ?? 0);
  return [
    panel<{ path: string; text: string; html?: string }>({
      id: 'doc',
      title: path,
      wide: true,
      load: () => api(`/api/doc?path=${encodeURIComponent(path)}`),
      empty: (d) => (d.text.trim() ? undefined : 'The file is empty.'),
      render: (d) => {
        const body = d.html
          ? rendered(d.html)
          : h(
              'pre',
              { class: 'source' },
              d.text.split('\n').map((l, i) => h('span', { 'data-line': i + 1 }, `${l}\n`)),
            );
        if (line) requestAnimationFrame(() => mark(body, line));
        return body;
      },
    }),
  ];
}

/** Highlights the block holding `line` and scrolls to it. */
function mark(body: HTMLElement, line: number): void {
  let best: HTMLElement | undefined;
  for (const el of body.querySelectorAll<HTMLElement>('[data-line]'))
    if (Number(el.dataset.line) <= line) best = el;
  if (!best) return;
  best.classList.add('target');
  best.scrollIntoView({ block: 'center' });
}
