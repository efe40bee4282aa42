// The loop's own cost per task, in one process (no node start, no module loading): the
// built library runs both tasks of the loop fixture with the auto policy, N times; prints
// the median milliseconds per task. Usage: node bench/loop-overhead.mjs <fixture> <reps>
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, repsArg = '7'] = process.argv.slice(2);
const lib = await import(new URL('../dist/index.mjs', import.meta.url).href);
const git = (...a) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' });
const config = join(dir, 'killdate.config.yaml');
const original = readFileSync(config, 'utf8');
const times = [];
try {
  writeFileSync(config, `${original}approval:\n  policy: auto-when-all-pass\n`);
  git('update-index', '--assume-unchanged', 'killdate.config.yaml');
  for (let i = 0; i < Number(repsArg) + 1; i++) {
    rmSync(join(dir, 'feature-builds/overdue-badges/REVIEW.md'), { force: true });
    const t = performance.now();
    const r = await lib.run({ cwd: dir, feature: 'overdue-badges', handleSigint: false });
    const per = (performance.now() - t) / r.runs.length;
    if (r.runs.length !== 2 || !r.runs.every((x) => x.allPassed)) throw new Error(`unexpected: ${r.stopped}`);
    if (i > 0) times.push(per);
  }
} finally {
  writeFileSync(config, original);
  git('update-index', '--no-assume-unchanged', 'killdate.config.yaml');
  rmSync(join(dir, 'feature-builds/overdue-badges/REVIEW.md'), { force: true });
}
times.sort((a, b) => a - b);
process.stdout.write(`${times[times.length >> 1].toFixed(0)}\n`);
