import type { Command } from 'commander';
import { NEWEST_RUNS, runs } from '../../api/run.js';
import { dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('runs')
    .description('List task runs with status, duration, tokens and cost')
    .option('--json', 'print one JSON document (every run)')
    .option('--all', `list every run, not the newest ${NEWEST_RUNS}`)
    .option('--ready', "list each ready feature's next task instead (the CI matrix)")
    .action(async (opts: { json?: boolean; all?: boolean; ready?: boolean }, cmd: Command) => {
      if (opts.ready) return ready(globalCwd(cmd), opts.json);
      const r = runs({ cwd: globalCwd(cmd), ...(opts.json || opts.all ? {} : { last: NEWEST_RUNS }) });
      if (opts.json) return printJson(r);
      if (!r.runs.length) return void process.stdout.write('no task runs yet: killdate run <feature>\n');
      const rows = r.runs.map((m) => {
        const ex = m.executor;
        const failed = (m.checks ?? []).filter((c) => c.ok === false).length;
        const state =
          m.status === 'reviewed'
            ? `${m.decision ?? 'pending'}${failed ? ` (${failed} failed)` : ''}`
            : m.status;
        const secs = m.durationMs === undefined ? '-' : `${(m.durationMs / 1000).toFixed(1)} s`;
        const tokens = ex ? `${ex.tokens.input + ex.tokens.output}` : '-';
        const cost = ex?.costUsd === undefined ? '-' : `$${ex.costUsd.toFixed(4)}`;
        return [m.runId, `${m.feature} ${m.task}`, state, secs, tokens, cost];
      });
      const head = ['run', 'task', 'status', 'duration', 'tokens', 'cost'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
      const line = (cells: string[]) =>
        cells
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd();
      const earlier = r.earlier
        ? `${dim(`${r.earlier.toLocaleString('en')} earlier run${r.earlier === 1 ? '' : 's'} not shown (killdate runs --all)`)}\n`
        : '';
      process.stdout.write(`${earlier}${dim(line(head))}\n${rows.map(line).join('\n')}\n`);
    });
}

async function ready(cwd: string | undefined, json?: boolean): Promise<void> {
  const { runnable } = await import('../../api/runnable.js');
  const r = runnable({ cwd });
  if (json) return printJson(r);
  const lines = [
    ...r.ready.map((x) => `${x.feature}  next task ${x.task}`),
    ...r.waiting.map((x) => dim(`${x.feature}  waits: ${x.reason}`)),
  ];
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no feature has passed CP-3\n');
}
