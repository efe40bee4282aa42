// The loop's figures as charts, drawn from exactly what `killdate metrics --json` prints.
import type { MetricsResult } from '../../api/metrics.js';
import { chart, single } from './charts.js';
import { api, h, usd } from './dom.js';
import { type Panel, panel } from './panel.js';

const taskLabel = (t: { feature: string; task: string }) => `${t.feature} ${t.task}`;

export function metricsCharts(d: MetricsResult): HTMLElement[] {
  const money = (n: number) => `$${n.toFixed(4)}`;
  return [
    chart(
      'chart-killdates',
      'Kill dates over time (by month)',
      d.killDates.byMonth.map((m) => ({
        label: m.month,
        parts: [
          { key: 'overdue', value: m.overdue },
          { key: 'due-soon', value: m.dueSoon },
          { key: 'ok', value: m.ok },
        ],
      })),
    ),
    chart(
      'chart-tokens-task',
      'Tokens per task',
      d.tasks.map((t) => single(taskLabel(t), 'tokens', t.tokens)),
      { sort: true },
    ),
    chart(
      'chart-cost-task',
      'Cost per task',
      d.tasks.map((t) => single(taskLabel(t), 'cost', t.costUsd)),
      { sort: true, format: money },
    ),
    chart(
      'chart-tokens-agent',
      'Tokens per agent',
      d.agents.map((a) => single(a.agent, 'tokens', a.tokens)),
      { sort: true },
    ),
    chart(
      'chart-cost-agent',
      'Cost per agent',
      d.agents.map((a) => single(a.agent, 'cost', a.costUsd)),
      { sort: true, format: money },
    ),
    chart(
      'chart-iterations',
      'Review iterations per task',
      d.tasks.map((t) => single(taskLabel(t), 'iterations', t.iterations)),
      { sort: true },
    ),
    chart(
      'chart-scope',
      'Scope violations per task',
      d.tasks.map((t) => single(taskLabel(t), 'violations', t.scopeViolations)),
      { sort: true },
    ),
    chart(
      'chart-ship',
      'Days from CP-0 to CP-3 and to shipped',
      d.features
        .filter((f) => f.cp0At)
        .map((f) => ({
          label: f.feature,
          parts: [
            { key: 'to-cp3', value: f.daysCp0ToCp3 ?? 0 },
            { key: 'to-shipped', value: Math.max(0, (f.daysCp0ToShipped ?? 0) - (f.daysCp0ToCp3 ?? 0)) },
          ],
        })),
      { unit: ' d' },
    ),
  ];
}

export function metricsPage(): Panel[] {
  return [
    panel<MetricsResult>({
      id: 'metrics',
      title: 'Metrics',
      wide: true,
      load: () => api('/api/metrics'),
      empty: (d) => (d.totals.features ? undefined : 'No features yet.'),
      render: (d) => {
        const t = d.totals;
        return h(
          'div',
          {},
          h(
            'p',
            {
              class: 'summary',
              id: 'metrics-totals',
              'data-approved': t.decisions.approved,
              'data-rejected': t.decisions.rejected,
              'data-reverted': t.decisions.reverted,
              'data-accepted': t.decisions.accepted,
              'data-met': d.killDates.met,
              'data-missed': d.killDates.missed,
            },
            `${t.decisions.approved} approved, ${t.decisions.accepted} accepted, ${t.decisions.rejected} rejected, ${t.decisions.reverted} reverted, ${t.pending} pending · ${t.iterations} review iterations · ${t.scopeViolations} scope violations · ${t.tokens} tokens · ${usd(t.costUsd)} · kill dates ${d.killDates.met} met, ${d.killDates.missed} missed, ${d.killDates.pending} ahead`,
          ),
          h('div', { class: 'charts' }, metricsCharts(d)),
        );
      },
    }),
  ];
}
