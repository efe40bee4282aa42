// The scaling table: the everyday commands on the generated workspace at 100, 1,000 and
// 10,000 features (bench/generate.mjs, lock + five runbooks each), whole processes. Each
// workspace has one task in progress (feature-0001, task 1) so `scope` has FILES to check.
// Targets: at most 0.3 s on 100 features, 1 s on 1,000, 5 s and 400 MB on 10,000; check
// with nothing changed under 0.3 s on 1,000. `check (one edit)` changes one runbook before
// each run (a line added, then taken away), as a session does; `signoff (the plan)` reads no
// cache, as signing does. Select one size with `--only "scale 1,000"`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kase } from './case.mjs';
import { generate, SHAPE } from './generate.mjs';

const work = join(dirname(fileURLToPath(import.meta.url)), '.work');
export const SIZES = [100, 1000, 10_000];
const WALL = { 100: 0.3, 1000: 1, 10000: 5 };

/** The generated workspace of `n` features, with feature-0001's first task active. */
export function scaledWorkspace(n) {
  const { out } = generate(join(work, `ws-${n}`), { ...SHAPE, features: n });
  const base = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: out, encoding: 'utf8' }).trim();
  mkdirSync(join(out, '.killdate'), { recursive: true });
  writeFileSync(join(out, '.killdate/.gitignore'), '*\n');
  const task = {
    version: 1,
    feature: 'feature-0001',
    task: '01-part-1',
    runbook: 'feature-builds/feature-0001/runbook-01-part-1.md',
    base,
    branch: 'main',
    startedAt: '',
    files: ['src/features/f0001/part-1.ts', 'test/features/f0001/part-1.test.ts'],
    testPairing: {},
  };
  writeFileSync(join(out, '.killdate/active-task.json'), JSON.stringify(task));
  return out;
}

const COMMANDS = [
  ['status --json', ['status', '--json']],
  ['start --json', ['start', '--json']],
  ['killdates --json', ['killdates', '--json']],
  ['check (warm)', ['check', '--json']],
  ['check (one edit)', ['check', '--json']],
  ['check --no-cache', ['check', '--json', '--no-cache']],
  ['signoff (the plan)', ['signoff', 'feature-0003', 'cp1', '--json']],
  ['brief', ['brief', 'feature-0001', '1']],
  ['scope', ['scope', '--json']],
  ['scope --overlap', ['scope', '--overlap', '--json']],
];

function targets(command, n) {
  if (['check --no-cache', 'check (one edit)', 'signoff (the plan)'].includes(command))
    return n === 10_000 ? { peakMB: 400 } : {};
  const t = { wall: command === 'check (warm)' && n === 1000 ? 0.3 : WALL[n] };
  if (n === 10_000) t.peakMB = 400;
  return t;
}

export const scalingCases = SIZES.flatMap((n) =>
  COMMANDS.map(([command, args]) =>
    kase(`scale ${n.toLocaleString('en')}: ${command}`, ({ node, bin }) => {
      const ws = scaledWorkspace(n);
      return {
        argv: [node, bin, ...args, '-C', ws],
        cwd: ws,
        targets: targets(command, n),
        scaling: { command, features: n },
        ...(n >= 10_000 ? { reps: 3 } : {}),
        ...(command === 'check (one edit)' ? { before: editOneRunbook(ws) } : {}),
      };
    }),
  ),
);

/** Before each run, one runbook gains a blank line or loses it again: always a change. */
function editOneRunbook(ws) {
  const file = join(ws, 'feature-builds/feature-0002/runbook-01-part-1.md');
  const text = readFileSync(file, 'utf8');
  let edited = false;
  return () => {
    edited = !edited;
    writeFileSync(file, edited ? `${text}\n` : text);
  };
}
