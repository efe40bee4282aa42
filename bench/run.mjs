// `npm run bench`: measure every case of bench/cases.mjs side by side with its baseline, in
// the same run, and print a table of medians, ratios and targets. Each case builds its own
// fixture when selected; the large workspace is generated (once) when a case needs it. A
// benchmark, never a test: it prints, it does not fail.
// Usage: node bench/run.mjs [--reps N] [--only <text in a case name>]... [--json]
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cases } from './cases.mjs';
import { generate, SHAPE } from './generate.mjs';
import { measure, rssSource } from './measure.mjs';

const args = process.argv.slice(2);
const reps = args.includes('--reps') ? Number(args[args.indexOf('--reps') + 1]) : 5;
const bin = fileURLToPath(new URL('../dist/killdate.js', import.meta.url));
if (!existsSync(bin)) throw new Error('dist/killdate.js is missing: run `npm run build` first');

let ws;
const ctx = {
  node: process.execPath,
  bin,
  get ws() {
    if (!ws) {
      process.stderr.write('generating the workspace (once)...\n');
      ws = generate().out;
    }
    return ws;
  },
  floor: fileURLToPath(new URL('./floor.mjs', import.meta.url)),
  features: SHAPE.features,
};

const rows = [];
const only = args.flatMap((a, i) => (args[i - 1] === '--only' ? [a] : []));
const here = fileURLToPath(new URL('.', import.meta.url));
for (const entry of cases) {
  if (only.length && !only.some((o) => entry.name.includes(o))) continue;
  const c = await entry.make(ctx);
  if (c.skip) {
    process.stderr.write(`skipping ${c.name}: ${c.skip}\n`);
    rows.push({ case: c, skipped: c.skip });
    continue;
  }
  const r = c.reps ?? reps;
  process.stderr.write(`measuring ${c.name} (${r} runs)...\n`);
  const { case: m, baseline: base } = measure(c.argv, {
    reps: r,
    cwd: c.cwd ?? here,
    before: c.before,
    baseline: c.baseline?.argv,
    env: c.env,
  });
  c.after?.();
  rows.push({ case: c, m, base, verdicts: verdicts(c, m, base) });
}

function verdicts(c, m, base) {
  const t = c.targets ?? {};
  const out = [];
  if (t.wall !== undefined) out.push([`< ${t.wall} s`, m.wall < t.wall]);
  if (t.peakMB !== undefined) out.push([`peak < ${t.peakMB} MB`, m.peakMB < t.peakMB]);
  if (t.ratio !== undefined) out.push([`<= ${t.ratio}x`, base && m.wall / base.wall <= t.ratio]);
  return out;
}

const s = (x) => `${x.toFixed(3)} s`;
const mb = (x) => `${x.toFixed(0)} MB`;
const measured = rows.filter((r) => !r.skipped);
const table = [['case', 'median', 'peak RSS', 'baseline', 'baseline median', 'ratio', 'target', 'met']];
for (const { case: c, m, base, verdicts: v } of measured)
  table.push([
    c.name,
    s(m.wall),
    mb(m.peakMB),
    base ? c.baseline.name : '',
    base ? `${s(base.wall)}, ${mb(base.peakMB)}` : '',
    base ? `${(m.wall / base.wall).toFixed(2)}x` : '',
    v.map(([t]) => t).join(', '),
    v.map(([, ok]) => (ok ? 'yes' : 'NO')).join(', '),
  ]);

const print = (x) => process.stdout.write(`${x}\n`);
function printTable(t) {
  const widths = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  print(line(t[0]));
  print(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of t.slice(1)) print(line(r));
}
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
print(
  `\nkilldate bench: ${reps} runs each (after one discarded), medians; peak RSS via ${rssSource}; ` +
    `${cpus().length} cores, load average ${load} at the end`,
);
if (ws)
  print(
    `the large workspace: ${SHAPE.features} features x (lock + ${SHAPE.runbooks} runbooks), ` +
      `${SHAPE.logLines}-line log, ${SHAPE.issues} known issues\n`,
  );
printTable(table);
for (const { case: c, skipped } of rows) if (skipped) print(`skipped ${c.name}: ${skipped}`);

// The scaling table: one row per command, one column per workspace size.
const scaled = measured.filter((r) => r.case.scaling);
if (scaled.length) {
  const sizes = [...new Set(scaled.map((r) => r.case.scaling.features))].sort((a, b) => a - b);
  const commands = [...new Set(scaled.map((r) => r.case.scaling.command))];
  const t = [['command', ...sizes.map((n) => `${n.toLocaleString('en')} features`)]];
  for (const cmd of commands)
    t.push([
      cmd,
      ...sizes.map((n) => {
        const r = scaled.find((x) => x.case.scaling.command === cmd && x.case.scaling.features === n);
        if (!r) return '';
        const bad = r.verdicts.some(([, ok]) => !ok);
        return `${s(r.m.wall)}, ${mb(r.m.peakMB)}${bad ? ' (missed)' : ''}`;
      }),
    ]);
  print('\nscaling (whole processes, medians, peak RSS):\n');
  printTable(t);
}

for (const { case: c, m } of measured)
  if (c.items)
    print(
      `\n${c.name}: ${Math.round(c.items / m.wall)} ${c.unit ?? 'items'}/s${c.reference ? ` (${c.reference})` : ''}`,
    );
for (const { case: c } of measured) if (c.report) print(`\n${c.report(measured)}`);
if (args.includes('--json'))
  print(
    JSON.stringify(
      measured.map(({ case: c, m, base }) => ({
        name: c.name,
        median: m.wall,
        peakMB: m.peakMB,
        baseline: base && { name: c.baseline.name, median: base.wall, peakMB: base.peakMB },
      })),
    ),
  );
