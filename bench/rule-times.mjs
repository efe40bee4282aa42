// Where does a cold check spend its time? Runs every rule alone over the bench workspace
// (parses are shared, so the first rule to parse a document pays for it) and prints the
// slowest. Usage: npm run build && node bench/rule-times.mjs [workspace]
import { generate } from './generate.mjs';

const lib = await import(new URL('../dist/index.js', import.meta.url).href);
const root = process.argv[2] ?? generate().out;
let t = performance.now();
const { ws } = lib.openWorkspace({ cwd: root });
const times = [['(read documents)', performance.now() - t]];
for (const rule of lib.rules) {
  t = performance.now();
  lib.runRules(ws, [rule]);
  times.push([rule.id, performance.now() - t]);
}
const total = times.reduce((s, [, ms]) => s + ms, 0);
process.stdout.write(`total ${total.toFixed(0)} ms over ${lib.rules.length} rules\n`);
for (const [id, ms] of times.sort((a, b) => b[1] - a[1]).slice(0, 20))
  process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${id}\n`);
