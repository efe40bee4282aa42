// Charts in plain SVG: horizontal bars (one value per label) and stacked bars (parts per
// label). Every bar names its label and value in data attributes, so what is drawn can be
// compared with `killdate metrics --json`.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
export const MAX_BARS = 40;

function s(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Part {
  key: string;
  value: number;
}

export interface Row {
  label: string;
  parts: Part[];
}

const total = (r: Row) => r.parts.reduce((n, p) => n + p.value, 0);

/** A chart of rows (largest first when `sort`), at most MAX_BARS of them. */
export function chart(
  id: string,
  title: string,
  rows: Row[],
  opts: { unit?: string; sort?: boolean; format?: (n: number) => string } = {},
): HTMLElement {
  const fmt = opts.format ?? ((n: number) => String(Math.round(n * 100) / 100));
  const list = (opts.sort ? [...rows].sort((a, b) => total(b) - total(a)) : rows).slice(0, MAX_BARS);
  const max = Math.max(1e-9, ...list.map(total));
  const bar = 18;
  const labelW = 190;
  const plotW = 360;
  const height = list.length * (bar + 6) + 8;
  const svg = s('svg', { viewBox: `0 0 ${labelW + plotW + 90} ${height}`, role: 'img', 'aria-label': title });
  list.forEach((r, i) => {
    const y = 4 + i * (bar + 6);
    const g = s('g', { class: 'bar', 'data-label': r.label, 'data-value': total(r) });
    g.append(
      s('text', { x: labelW - 6, y: y + bar - 5, 'text-anchor': 'end', class: 'label' }, clip(r.label)),
    );
    let x = labelW;
    for (const p of r.parts) {
      const w = (p.value / max) * plotW;
      const rect = s('rect', {
        x,
        y,
        width: Math.max(w, p.value ? 1 : 0),
        height: bar,
        class: `part ${p.key}`,
      });
      rect.setAttribute('data-key', p.key);
      rect.setAttribute('data-value', String(p.value));
      rect.append(s('title', {}, `${r.label} ${p.key}: ${fmt(p.value)}${opts.unit ?? ''}`));
      g.append(rect);
      x += w;
    }
    g.append(s('text', { x: x + 6, y: y + bar - 5, class: 'value' }, `${fmt(total(r))}${opts.unit ?? ''}`));
    svg.append(g);
  });
  const keys = [...new Set(rows.flatMap((r) => r.parts.map((p) => p.key)))];
  return h(
    'figure',
    { class: 'chart', id, 'data-rows': rows.length },
    h(
      'figcaption',
      {},
      title,
      rows.length > MAX_BARS ? h('span', { class: 'muted' }, ` (top ${MAX_BARS} of ${rows.length})`) : null,
    ),
    svg,
    keys.length > 1
      ? h(
          'div',
          { class: 'legend' },
          keys.map((k) => h('span', { class: `key ${k}` }, k)),
        )
      : null,
  );
}

const clip = (t: string) => (t.length > 30 ? `${t.slice(0, 29)}…` : t);

export const single = (label: string, key: string, value: number): Row => ({
  label,
  parts: [{ key, value }],
});
