// The handoff loop on the board: the active task and a live run, the review queue with its
// decisions, and every run with its transcript.
import type { PendingTask } from '../../api/review-queue.js';
import type { RunsResult } from '../../api/run.js';
import type { LiveRunResult, RunDetailResult } from '../../api/run-view.js';
import type { ReviewCheck } from '../../core/review-doc.js';
import { actButton } from './confirm.js';
import { api, h, rendered, secs, token, usd, when } from './dom.js';
import { type Panel, panel } from './panel.js';

type Acts = { allowed: boolean; reason?: string };
type Run = RunDetailResult['run'];

const mark = (ok: boolean | null) => (ok === null ? 'not run' : ok ? 'pass' : 'FAIL');

function checks(list: ReviewCheck[] = []): HTMLElement {
  return h(
    'table',
    { class: 'checks' },
    h('tr', {}, h('th', {}, 'check'), h('th', {}, 'result'), h('th', {}, 'detail')),
    list.map((c) =>
      h(
        'tr',
        { class: mark(c.ok).replace(' ', '-').toLowerCase() },
        h('td', {}, c.name),
        h('td', {}, mark(c.ok)),
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

export function runsPage(params: URLSearchParams): Panel[] {
  const id = params.get('id');
  const list = panel<RunsResult>({
    id: 'runs',
    title: 'Runs',
    wide: !id,
    load: () => api('/api/runs'),
    empty: (d) => (d.runs.length ? undefined : 'No task runs yet: killdate run <feature>.'),
    render: (d) =>
      h(
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
