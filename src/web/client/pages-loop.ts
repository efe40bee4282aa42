// The handoff loop on the board: the active task and a live run, and every run with its
// transcript.
import type { RunsResult } from '../../api/run.js';
import type { LiveRunResult, RunDetailResult } from '../../api/run-view.js';
import type { ReviewCheck } from '../../core/review-doc.js';
import { api, h, secs, token, usd, when } from './dom.js';
import { type Panel, panel } from './panel.js';

type Run = RunDetailResult['run'];

const mark = (c: ReviewCheck) => (c.running ? 'running' : c.ok === null ? 'not run' : c.ok ? 'pass' : 'FAIL');

export function checks(list: ReviewCheck[] = []): HTMLElement {
  return h(
    'table',
    { class: 'checks' },
    h('tr', {}, h('th', {}, 'check'), h('th', {}, 'result'), h('th', {}, 'detail')),
    list.map((c) =>
      h(
        'tr',
        { class: mark(c).replace(' ', '-').toLowerCase() },
        h('td', {}, c.name),
        h('td', {}, mark(c)),
        h('td', {}, c.detail ?? ''),
      ),
    ),
  );
}

function verdict(r: Run): string {
  const failed = (r.checks ?? []).filter((c) => c.ok === false).length;
  if (r.status !== 'reviewed') return r.status;
  return `${r.decision ?? 'pending'}${failed ? ` (${failed} failed)` : ''}`;
}

/** The output of a run, streamed over SSE while the run lasts. */
function liveOutput(runId: string): HTMLElement {
  const pre = h('pre', { class: 'output', 'data-run': runId });
  const logs = new Map<string, HTMLElement>();
  const source = new EventSource(
    `/api/stream?run=${encodeURIComponent(runId)}&token=${encodeURIComponent(token())}`,
  );
  source.addEventListener('log', (e) => {
    const m = JSON.parse((e as MessageEvent).data) as { name: string; text: string; reset: boolean };
    let part = logs.get(m.name);
    if (!part) {
      part = h(
        'div',
        { class: 'log', 'data-log': m.name },
        h('div', { class: 'log-name' }, m.name),
        h('span', {}),
      );
      logs.set(m.name, part);
      pre.append(part);
    }
    const text = part.lastChild as HTMLElement;
    text.textContent = m.reset ? m.text : (text.textContent ?? '') + m.text;
  });
  window.addEventListener('hashchange', () => source.close(), { once: true });
  return pre;
}

let ticking: number | undefined;

function elapsed(run: Run, ms: number, running: boolean): HTMLElement {
  const el = h('span', { class: 'elapsed' }, secs(ms));
  if (ticking) clearInterval(ticking);
  if (running) {
    const start = Date.parse(run.startedAt);
    ticking = window.setInterval(() => {
      el.textContent = el.isConnected ? secs(Date.now() - start) : el.textContent;
    }, 500);
  }
  return el;
}

const streams = new Map<string, HTMLElement>();

export function livePage(): Panel[] {
  return [
    panel<LiveRunResult>({
      id: 'live',
      title: 'Active task and run',
      wide: true,
      load: () => api('/api/live'),
      empty: (d) =>
        d.run || d.activeTask
          ? undefined
          : 'No active task and no run yet: killdate run <feature> starts one.',
      render: (d) => {
        const r = d.run;
        const out = r
          ? streams.get(r.run.runId)?.isConnected
            ? streams.get(r.run.runId)!
            : liveOutput(r.run.runId)
          : null;
        if (r && out) streams.set(r.run.runId, out);
        return h(
          'div',
          {},
          d.activeTask
            ? h('p', {}, 'active task: ', h('strong', {}, `${d.activeTask.feature} ${d.activeTask.task}`))
            : h('p', { class: 'muted' }, 'no active task'),
          r
            ? h(
                'div',
                { class: 'run', 'data-status': r.run.status },
                h(
                  'p',
                  {},
                  h('strong', {}, d.running ? 'running' : 'last run'),
                  ` ${r.run.feature} ${r.run.task} · ${r.run.runId} · phase ${r.run.phase} · elapsed `,
                  elapsed(r.run, r.elapsedMs, d.running),
                  ` · ${verdict(r.run)}`,
                ),
                h('h3', {}, 'Review checks'),
                r.run.checks?.length
                  ? checks(r.run.checks)
                  : h(
                      'p',
                      { class: 'muted' },
                      d.running ? 'the review has not started' : 'no checks recorded',
                    ),
                h('h3', {}, 'Output (redacted)'),
                out,
              )
            : null,
        );
      },
    }),
  ];
}

/** The runs, newest first. */
function runTable(d: RunsResult): HTMLElement {
  return h(
    'table',
    { class: 'runs' },
    h(
      'tr',
      {},
      ['run', 'task', 'status', 'duration', 'tokens', 'cost', 'verdict'].map((c) => h('th', {}, c)),
    ),
    [...d.runs]
      .reverse()
      .map((m) =>
        h(
          'tr',
          { 'data-run': m.runId },
          h('td', {}, h('a', { href: `#/runs?id=${encodeURIComponent(m.runId)}` }, m.runId)),
          h('td', {}, `${m.feature} ${m.task}`),
          h('td', {}, m.status),
          h('td', {}, secs(m.durationMs)),
          h('td', {}, m.executor ? m.executor.tokens.input + m.executor.tokens.output : '-'),
          h('td', {}, usd(m.executor?.costUsd)),
          h('td', {}, verdict(m)),
        ),
      ),
  );
}

/** The newest runs (every run with `all`), and one run's checks and transcript with `id`. */
export function runsPage(params: URLSearchParams): Panel[] {
  const id = params.get('id');
  const all = params.has('all');
  const list = panel<RunsResult>({
    id: 'runs',
    title: 'Runs',
    wide: !id,
    load: () => api(all ? '/api/runs?all=1' : '/api/runs'),
    empty: (d) => (d.runs.length ? undefined : 'No task runs yet: killdate run <feature>.'),
    render: (d) =>
      h(
        'div',
        {},
        d.earlier
          ? h(
              'p',
              { class: 'muted earlier' },
              `${d.earlier.toLocaleString('en')} earlier run${d.earlier === 1 ? '' : 's'} not shown. `,
              h('a', { href: '#/runs?all=1' }, 'Show all'),
            )
          : null,
        runTable(d),
      ),
  });
  if (!id) return [list];
  const detail = panel<RunDetailResult>({
    id: 'run',
    title: `Run ${id}`,
    load: () => api(`/api/run?id=${encodeURIComponent(id)}`),
    empty: () => undefined,
    render: (d) =>
      h(
        'div',
        {},
        h(
          'p',
          {},
          `${d.run.feature} ${d.run.task} · ${d.run.status} · started ${when(d.run.startedAt)} · ${secs(d.elapsedMs)} · executor ${d.run.executor?.agent ?? '-'} · ${verdict(d.run)}`,
        ),
        checks(d.run.checks),
        h('h3', {}, 'Transcript (redacted)'),
        d.logs.map((l) =>
          h(
            'details',
            { open: l.name.endsWith('stdout.log') },
            h('summary', {}, l.name),
            h('pre', { class: 'output' }, l.text || '(empty)'),
          ),
        ),
      ),
  });
  return [detail, list];
}
