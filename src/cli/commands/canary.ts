import type { Command } from 'commander';
import {
  type CanaryResult,
  canaryExpand,
  canaryRollback,
  canaryStart,
  canaryStatus,
} from '../../api/canary.js';
import { formatDuration } from '../../core/duration.js';
import { KilldateError } from '../../core/errors.js';
import { LAYERS } from '../../core/registers/bugs.js';
import { globalCwd, printJson, red } from '../output.js';

type Opts = { now?: string; json?: boolean; migrated?: boolean; reason?: string; layer?: string };
type Call = {
  cwd?: string;
  feature: string;
  now?: Date;
  migrated?: boolean;
  reason?: string;
  layer?: string;
  echo?: NodeJS.WritableStream;
};

function parseNow(now?: string): Date | undefined {
  if (!now) return undefined;
  const d = new Date(now);
  if (Number.isNaN(d.getTime()))
    throw new KilldateError('USAGE', `--now ${now}: expected an ISO date-time, YYYY-MM-DDTHH:MM:SSZ`);
  return d;
}

export function register(program: Command): void {
  const canary = program.command('canary').description('The canary ladder: you, one user, 10%, 50%, 100%');
  const action =
    (name: string, fn: (o: Call) => Promise<CanaryResult>) =>
    async (feature: string, opts: Opts, cmd: Command) => {
      const { now, json, ...rest } = opts;
      const r = await fn({
        ...rest,
        cwd: globalCwd(cmd),
        feature,
        now: parseNow(now),
        ...(json ? {} : { echo: process.stderr }),
      });
      if (json) printJson(r);
      else process.stdout.write(render(name, r));
      process.exitCode = r.ok ? 0 : 1;
    };
  const common = (c: Command) =>
    c
      .argument('<feature>')
      .option('--now <iso>', 'act as if it were this time')
      .option('--json', 'print one JSON document');
  common(
    canary
      .command('start')
      .description('Start at the first stage')
      .option('--migrated', 'this deploy migrated the schema'),
  ).action(action('start', canaryStart));
  common(
    canary.command('status').description('Where the canary is; runs the log command when a window ends'),
  ).action(action('status', canaryStatus));
  common(
    canary
      .command('expand')
      .description('Move to the next stage (refused before the clean window has passed)'),
  ).action(action('expand', canaryExpand));
  common(
    canary
      .command('rollback')
      .description('Flag off; if no flag, schema then revert; then a known-issue entry')
      .option('--reason <text>', 'the symptom, for the known-issue entry')
      .option('--layer <layer>', `the known issue's layer: ${LAYERS.join(' | ')}, or an id prefix`, 'logic'),
  ).action(action('rollback', canaryRollback));
}

function render(name: string, r: CanaryResult): string {
  const v = r.view;
  const ladder = v.stages.map((s, i) => (i === v.stage ? `[${s}]` : s)).join(' → ');
  const lines = [`${v.feature}: ${ladder}`];
  if (v.status === 'rolled-back') lines.push('rolled back');
  else if (v.status === 'complete') lines.push('complete: at the last stage and its window has passed');
  else
    lines.push(
      v.windowPassed
        ? `clean window of "${v.stageName}" passed${v.next ? `: expand to ${v.next}` : ''}`
        : `clean window of "${v.stageName}": ${formatDuration(v.leftMs)} left of ${formatDuration(v.windowMs)}`,
    );
  if (r.refused) lines.push(red(`refused: ${r.refused}`));
  if (r.logFile) lines.push(`log command output kept in ${r.logFile}`);
  for (const s of r.rollback ?? []) lines.push(`${s.done ? '✓' : '✗'} ${s.step}: ${s.detail}`);
  if (name === 'rollback' && r.knownIssue) lines.push(`known issue ${r.knownIssue} opened`);
  return `${lines.join('\n')}\n`;
}
