// The board's script: a page per hash route, each a set of panels; one event stream from the
// server redraws the open page when the workspace changes, without a reload.
import { h, token } from './dom.js';
import { boardPage, signoffPage } from './pages-gates.js';
import { livePage, runsPage } from './pages-loop.js';
import { metricsPage } from './pages-metrics.js';
import { docPage, findingsPage, killDatesPage } from './pages-records.js';
import { reviewPage } from './pages-review.js';
import { sessionPage } from './pages-session.js';
import type { Panel } from './panel.js';

type Page = (params: URLSearchParams) => Panel[];

const PAGES: Record<string, { title: string; page: Page; nav?: boolean }> = {
  board: { title: 'Board', page: boardPage, nav: true },
  live: { title: 'Live run', page: livePage, nav: true },
  review: { title: 'Review', page: reviewPage, nav: true },
  signoff: { title: 'Sign-off', page: signoffPage, nav: true },
  killdates: { title: 'Kill dates', page: killDatesPage, nav: true },
  session: { title: 'Session', page: sessionPage, nav: true },
  runs: { title: 'Runs', page: runsPage, nav: true },
  findings: { title: 'Findings', page: findingsPage, nav: true },
  metrics: { title: 'Metrics', page: metricsPage, nav: true },
  doc: { title: 'Document', page: docPage },
};

let panels: Panel[] = [];

function route(): void {
  const [name = 'board', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const entry = PAGES[name] ?? PAGES.board!;
  const main = document.getElementById('main')!;
  document.title = `${entry.title} · killdate`;
  for (const a of document.querySelectorAll('#nav a'))
    a.classList.toggle('current', a.getAttribute('data-page') === name);
  panels = entry.page(new URLSearchParams(query));
  main.replaceChildren(...panels.map((p) => p.el));
  main.dataset.page = PAGES[name] ? name : 'board';
  for (const p of panels) void p.refresh();
}

function live(): void {
  const dot = document.getElementById('live')!;
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token())}`);
  source.addEventListener('open', () => dot.classList.add('on'));
  source.addEventListener('error', () => dot.classList.remove('on'));
  source.addEventListener('change', () => {
    for (const p of panels) void p.refresh(true);
  });
}

function nav(): void {
  document.getElementById('nav')!.replaceChildren(
    ...Object.entries(PAGES)
      .filter(([, p]) => p.nav)
      .map(([k, p]) => h('a', { href: `#/${k}`, 'data-page': k }, p.title)),
  );
}

nav();
window.addEventListener('hashchange', route);
route();
live();
