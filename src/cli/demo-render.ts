// The human output of `killdate demo`, in the order of the method: check findings, the gates,
// the handoff loop, kill dates and CI, with --full the ship and the canary, a session, and
// where to look. Each section a few lines.
import type { DemoResult } from '../api/demo.js';
import { DEMO_ATTEST, DEMO_FEATURE, type DemoShip } from '../api/demo-ship.js';
import { formatDuration } from '../core/duration.js';
import type { Finding } from '../core/finding.js';
import { timeline } from '../core/killdate-timeline.js';
import { gatesSection, stepsSection } from './demo-gates-render.js';
import { loopLook, loopSection } from './demo-loop-render.js';
import { bold, dim, red, yellow } from './output.js';

export function renderDemo(r: DemoResult): string {
  const parts = [
    checkSection(r),
    gatesSection(r.gates),
    r.loop ? loopSection(r.loop) : [],
    killDateSection(r),
    ciSection(r),
    r.full ? shipSection(r.full) : [],
    r.full ? canarySection(r.full) : [],
    r.session ? stepsSection(r.session) : [],
    whereToLook(r),
  ].filter((p) => p.length);
  const head = [
    `Built ${bold('Quillbill')}, a small invoicing app run with the killdate method:`,
    `  ${r.root}  ${dim(`(${r.files} files, releases ${r.tags.join(' ')}, commit ${r.commit.slice(0, 7)})`)}`,
  ];
  return `${[head, ...parts].map((p) => p.join('\n')).join('\n\n')}\n`;
}

function checkSection(r: DemoResult): string[] {
  const s = r.check.summary;
  const out = [
    `${bold('killdate check')} found ${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')} in ${s.documents} documents.`,
  ];
  for (const [file, list] of byFile(r.check.findings)) {
    out.push('', bold(file));
    for (const f of list) out.push(`  ${findingLine(f)}`);
  }
  return out;
}

function killDateSection(r: DemoResult): string[] {
  const s = r.killDates.summary;
  return [
    `${bold('killdate killdates --timeline')}  ${dim(`as of ${r.killDates.today}: ${s.overdue} overdue, ${s['due-soon']} due soon, ${s.missing} missing`)}`,
    ...timeline(r.killDates.items, r.killDates.today)
      .split('\n')
      .map((l) => `  ${l}`),
  ];
}

/** The CI errors check did not already show: the kill-date scan of the code markers. */
function ciSection(r: DemoResult): string[] {
  const seen = new Set(r.check.findings.map(key));
  const extra = r.ci.findings.filter((f) => f.severity === 'error' && !seen.has(key(f)));
  const fromCheck = r.ci.summary.errors - extra.length;
  return [
    `${bold('killdate ci')} exits ${r.ci.exitCode === 1 ? red('1') : '0'}: ${plural(r.ci.summary.errors, 'error')}, of which the kill-date scan of the code adds:`,
    ...extra.map((f) => `  ${findingLine(f)}`),
    ...(fromCheck > 0 ? [dim(`  and ${plural(fromCheck, 'error')} of check shown above`)] : []),
  ];
}

function shipSection(f: DemoShip): string[] {
  const flags = DEMO_ATTEST.map((a) => `--attest ${a}`).join(' ');
  const head = `${bold('killdate ship')} --feature ${DEMO_FEATURE} ${flags}`;
  const stop = f.ship.stop;
  if (stop.kind !== 'done')
    return [
      head,
      red(`  stopped at ${stop.step}: ${'detail' in stop ? stop.detail : stop.kind}`),
      ...f.progress.slice(-2),
    ];
  const steps = f.ship.steps;
  const show = ['migrations', 'deploy', 'health', 'canary', 'kill-dates'];
  return [
    head,
    `  every step passed: ${steps.length} steps, ${steps.filter((s) => s.attestedBy).length} attested by flag, the rest run for real`,
    ...steps
      .filter((s) => show.includes(s.id))
      .map(
        (s) =>
          `  ${s.status === 'skipped' ? '-' : s.warning ? yellow('!') : '✓'} ${s.id.padEnd(11)} ${dim(s.detail ?? '')}`,
      ),
  ];
}

function canarySection(f: DemoShip): string[] {
  if (!f.status || !f.expand) return [];
  const v = f.expand.view;
  const at = f.later.toISOString().slice(0, 16);
  return [
    `${bold('killdate canary expand')} ${DEMO_FEATURE} --now ${at}Z  ${dim('(5 minutes after the ship started it)')}`,
    `  ${v.stages.map((s, i) => (i === v.stage ? `[${s}]` : s)).join(' → ')}`,
    `  clean window of "${v.stageName}": ${formatDuration(v.leftMs)} left of ${formatDuration(v.windowMs)}`,
    f.expand.ok ? '  expanded' : `  ${red('expand refused')}: ${f.expand.refused ?? ''}`,
  ];
}

function whereToLook(r: DemoResult): string[] {
  const rows: [string, string][] = [
    ['AGENTS.md', 'the context document every session reads'],
    ['feature-builds/overdue-badges/', 'a signed feature: lock, runbooks, SIGNOFFS.md, REVIEW.md'],
    ['feature-builds/recurring-invoices/', 'a draft lock with gaps (the findings above)'],
    ...r.gates.look.map((l): [string, string] => [l.path, l.what]),
    ...(r.loop ? loopLook(r.loop) : []),
    ['killdate.config.yaml', 'the commands ship, boot and canary run (scripts/)'],
    ['killdate versions; killdate boot v1.1.0', 'N, N-1, older; N-1 still boots'],
  ];
  if (r.full)
    rows.push(
      [`${r.full.shipDir}/`, 'the output of every checklist command; state.json'],
      ['project-management/_log.md, ARCHITECTURE.md', 'the log entry and the deploy status ship wrote'],
      [`.killdate/canary/${DEMO_FEATURE}.json`, 'the canary state; deploy/ holds the stand-in hosts'],
    );
  else rows.push(['killdate demo --full', 'also ship 1.2.0 with these commands and walk the canary']);
  rows.push(['npm test', 'the app tests run for real']);
  return [
    bold('Where to look'),
    `  cd ${r.root}`,
    ...rows.map(([what, why]) => `  ${what.padEnd(46)} ${dim(why)}`),
    ...(r.temporary
      ? [dim(`  a temporary folder: the next demo removes it after a day; now: rm -rf ${r.temporary}`)]
      : []),
  ];
}

function findingLine(f: Finding): string {
  const sev = f.severity === 'error' ? red('error  ') : yellow('warning');
  return `${sev}  ${f.line ? `${f.file}:${f.line}` : f.file}  ${f.message}  ${dim(f.rule)}`;
}

const key = (f: Finding) => `${f.rule} ${f.file}:${f.line ?? 0}`;

function byFile(findings: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) map.set(f.file, [...(map.get(f.file) ?? []), f]);
  return map;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
