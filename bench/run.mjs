// `npm run bench`: generate the large workspace (once), then measure every case of
// bench/cases.mjs side by side with its baseline, in the same run, and print a table of
// medians, ratios and targets. A benchmark, never a test: it prints, it does not fail.
// Usage: node bench/run.mjs [--reps N] [--only <text in a case name>] [--json]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cases } from './cases.mjs';
import { generate, SHAPE } from './generate.mjs';
import { measure, rssSource } from './measure.mjs';

const args = process.argv.slice(2);
const reps = args.includes('--reps') ? Number(args[args.indexOf('--reps') + 1]) : 5;
const bin = fileURLToPath(new URL('../dist/killdate.js', import.meta.url));
if (!existsSync(bin)) throw new Error('dist/killdate.js is missing: run `npm run build` first');

process.stderr.write('generating the workspace (once)...\n');
const { out: ws } = generate();
const ctx = {
  node: process.execPath,
  bin,
  ws,
  floor: fileURLToPath(new URL('./floor.mjs', import.meta.url)),
  features: SHAPE.features,
};

const rows = [];
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
for (const make of cases) {
  const c = make(ctx);
  if (only && !c.name.includes(only)) continue;
  process.stderr.write(`measuring ${c.name} (${reps} runs)...\n`);
  const { case: m, baseline: base } = measure(c.argv, {
    reps,
    cwd: ws,
    before: c.before,
    baseline: c.baseline?.argv,
  });
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
const table = [['case', 'median', 'peak RSS', 'baseline', 'baseline median', 'ratio', 'target', 'met']];
for (const { case: c, m, base, verdicts: v } of rows)
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
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) =>
  r
    .map((cell, i) => cell.padEnd(widths[i]))
    .join('  ')
    .trimEnd();

const print = (x) => process.stdout.write(`${x}\n`);
print(
  `\nkilldate bench: ${SHAPE.features} features x (lock + ${SHAPE.runbooks} runbooks), ` +
    `${SHAPE.logLines}-line log, ${SHAPE.issues} known issues; ${reps} runs each, medians; peak RSS via ${rssSource}\n`,
);
print(line(table[0]));
print(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table.slice(1)) print(line(r));
for (const { case: c, m } of rows)
  if (c.items)
    print(
      `\n${c.name}: ${Math.round(c.items / m.wall)} ${c.unit ?? 'items'}/s${c.reference ? ` (${c.reference})` : ''}`,
    );
for (const { case: c } of rows) if (c.report) print(`\n${c.report()}`);
if (args.includes('--json'))
  print(
    JSON.stringify(
      rows.map(({ case: c, m, base }) => ({
        name: c.name,
        median: m.wall,
        peakMB: m.peakMB,
        baseline: base && { name: c.baseline.name, median: base.wall, peakMB: base.peakMB },
      })),
    ),
  );
