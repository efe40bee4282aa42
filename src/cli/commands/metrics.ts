// killdate metrics: the loop's figures per task, per agent and per feature (the board's charts
// draw the same document).
import type { Command } from 'commander';
import { type MetricsResult, metrics } from '../../api/metrics.js';
import { bold, dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('metrics')
    .description('Review iterations, scope violations, decisions, tokens, cost, time to ship, kill dates met')
    .option('--json', 'print one JSON document')
    .option('--today <date>', 'evaluate as of this day (YYYY-MM-DD)')
    .action(async (opts: { json?: boolean; today?: string }, cmd: Command) => {
      const r = await metrics({ cwd: globalCwd(cmd), today: opts.today });
      if (opts.json) printJson(r);
      else process.stdout.write(render(r));
    });
}

const cost = (usd: number): string => (usd ? `$${usd.toFixed(4)}` : '-');

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return `  ${dim('none yet')}\n`;
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return `${dim(line(head))}\n${rows.map(line).join('\n')}\n`;
}

export function render(r: MetricsResult): string {
  const t = r.totals;
  const d = t.decisions;
  const out = [
    `${bold('Decisions')}  ${d.approved} approved, ${d.accepted} accepted, ${d.rejected} rejected, ${d.reverted} reverted, ${t.pending} pending`,
    `${bold('Runs')}       ${t.iterations} review iterations over ${t.tasks} task(s), ${t.scopeViolations} scope violation(s), ${t.tokens} tokens, ${cost(t.costUsd)}`,
    `${bold('Kill dates')} ${r.killDates.met} met, ${r.killDates.missed} missed, ${r.killDates.pending} ahead`,
    '',
    bold('Per task'),
    table(
      ['task', 'agent', 'iterations', 'scope', 'decision', 'tokens', 'cost'],
      r.tasks.map((x) => [
        `${x.feature} ${x.task}`,
        x.agents.join(', ') || '-',
        String(x.iterations),
        String(x.scopeViolations),
        x.decision,
        String(x.tokens),
        cost(x.costUsd),
      ]),
    ),
    bold('Per agent'),
    table(
      ['agent', 'runs', 'scope', 'approved', 'rejected', 'reverted', 'tokens', 'cost'],
      r.agents.map((a) => [
        a.agent,
        String(a.iterations),
        String(a.scopeViolations),
        String(a.decisions.approved + a.decisions.accepted),
        String(a.decisions.rejected),
        String(a.decisions.reverted),
        String(a.tokens),
        cost(a.costUsd),
      ]),
    ),
    bold('Per feature (days)'),
    table(
      ['feature', 'CP-0 to CP-3', 'CP-0 to shipped'],
      r.features
        .filter((f) => f.cp0At)
        .map((f) => [f.feature, String(f.daysCp0ToCp3 ?? '-'), String(f.daysCp0ToShipped ?? '-')]),
    ),
  ];
  return `${out.join('\n')}`;
}
