// Where does a cold check spend its time? In one process over the bench workspace: reading the
// documents, their markdown, a first run of every rule (which parses the locks and runbooks),
// a second run over the same parses; then each rule alone (parses are shared, so the first
// rule to parse a document pays for it) in a fresh workspace, slowest first.
// Usage: npm run build && node bench/rule-times.mjs [workspace]
import { generate } from './generate.mjs';

const lib = await import(new URL('../dist/index.mjs', import.meta.url).href);
const root = process.argv[2] ?? generate().out;
const say = (ms, what) => process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${what}\n`);
const timed = (fn) => {
  const t = performance.now();
  const value = fn();
  return [performance.now() - t, value];
};

const [read, { ws: whole }] = timed(() => lib.openWorkspace({ cwd: root }));
say(read, 'open the workspace (read every document)');
say(timed(() => whole.files().map((p) => whole.doc(p)))[0], 'markdown of every document');
say(timed(() => lib.runRules(whole))[0], 'every rule, first run (parses the locks and runbooks)');
say(timed(() => lib.runRules(whole))[0], 'every rule, second run over the same parses');

const { ws } = lib.openWorkspace({ cwd: root });
const times = lib.rules.map((rule) => [rule.id, timed(() => lib.runRules(ws, [rule]))[0]]);
const total = times.reduce((s, [, ms]) => s + ms, 0);
process.stdout.write(`\neach rule alone: ${total.toFixed(0)} ms over ${lib.rules.length} rules\n`);
for (const [id, ms] of times.sort((a, b) => b[1] - a[1]).slice(0, 20)) say(ms, id);
