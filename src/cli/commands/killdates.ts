import type { Command } from 'commander';
import { killDates } from '../../api/killdates.js';
import { durationOrThrow } from '../../core/duration.js';
import { timeline } from '../../core/killdate-timeline.js';
import type { KillDateItem } from '../../core/killdates.js';
import { dim, globalCwd, printJson, red, yellow } from '../output.js';

export function register(program: Command): void {
  program
    .command('killdates')
    .description('List every kill date (locks, KILLDATE markers, PR body); exit 1 when one is overdue')
    .option('--json', 'print one JSON document')
    .option('--within <duration>', 'only items due within this time, e.g. 30d')
    .option('--timeline', 'print the items on a timeline by month')
    .option('--pr-body <file>', 'also read the kill-date lines of this PR description')
    .option('--today <date>', 'evaluate as of this day (YYYY-MM-DD)')
    .action(
      async (
        opts: { json?: boolean; within?: string; timeline?: boolean; prBody?: string; today?: string },
        cmd: Command,
      ) => {
        const withinDays = opts.within
          ? Math.floor(durationOrThrow(opts.within, '--within') / 86_400_000)
          : undefined;
        const r = await killDates({
          cwd: globalCwd(cmd),
          today: opts.today,
          prBody: opts.prBody,
          withinDays,
          cache: true,
        });
        if (opts.json) printJson(r);
        else if (opts.timeline) process.stdout.write(`${timeline(r.items, r.today)}\n`);
        else process.stdout.write(render(r.items, r.summary, r.markersScanned));
        process.exitCode = r.summary.overdue + r.summary.missing + r.summary.inconsistent > 0 ? 1 : 0;
      },
    );
}

const STATUS: Record<KillDateItem['status'], (s: string) => string> = {
  overdue: red,
  inconsistent: red,
  missing: red,
  'due-soon': yellow,
  ok: (s) => s,
};

function render(items: KillDateItem[], s: Record<string, number>, scanned: boolean): string {
  const out = items.map((i) => {
    const days =
      i.daysLeft === undefined ? '' : i.daysLeft < 0 ? `${-i.daysLeft}d late` : `${i.daysLeft}d left`;
    const head = `${STATUS[i.status](i.status.padEnd(12))} ${(i.date ?? i.raw ?? '—').padEnd(10)} ${days.padEnd(9)} ${i.what || '(unnamed)'}`;
    const tail = [
      `${i.file}${i.line ? `:${i.line}` : ''} (${i.source})`,
      i.criterion ? `criterion: ${i.criterion}` : '',
      i.problem ?? '',
      i.conflict ? `disagree: ${i.conflict}${i.governs ? ` (the earliest, ${i.governs}, governs)` : ''}` : '',
      i.undeclared ? 'no lock declares it (gate 7)' : '',
    ]
      .filter(Boolean)
      .map((t) => `${' '.repeat(36)}${dim(t)}`);
    return [head, ...tail].join('\n');
  });
  const summary = `${s.total} kill date${s.total === 1 ? '' : 's'}: ${s.overdue} overdue, ${s['due-soon']} due soon, ${s.missing} missing, ${s.inconsistent} inconsistent${s.conflicts ? `, ${s.conflicts} with sources that disagree` : ''}${s.undeclared ? `, ${s.undeclared} no lock declares` : ''}${scanned ? '' : ' (not a git repo: markers not scanned)'}`;
  return `${out.join('\n')}${out.length ? '\n\n' : ''}${summary}\n`;
}
