// The test files whose dates come from the real today: every file that imports
// test/helpers/dates.ts, directly or through another test module. `.ci/run` runs them again
// with the clock a year ahead (faketime). Files that drive a real agent binary are left out:
// they take no date of their own and are the slowest of the suite.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const DATES = resolve(root, 'test/helpers/dates.ts');
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const all = files(join(root, 'test'));
const imports = new Map(
  all.map((f) => {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(/from '(\.[^']+)\.js'/g)].map((m) => resolve(dirname(f), `${m[1]}.ts`));
    return [f, { deps, agent: /node_modules['", /]+\.bin/.test(text) }];
  }),
);
/** Whether `f`, or a module it imports, is one `test` holds (followed through local imports). */
function reaches(f, test, memo, seen = new Set()) {
  if (memo.has(f)) return memo.get(f);
  if (seen.has(f) || !imports.has(f)) return false;
  seen.add(f);
  const r = test(f) || imports.get(f).deps.some((d) => reaches(d, test, memo, seen));
  memo.set(f, r);
  return r;
}
const dated = new Map();
const agent = new Map();
const out = all.filter(
  (f) =>
    f.endsWith('.test.ts') &&
    reaches(f, (x) => x === DATES, dated) &&
    !reaches(f, (x) => imports.get(x).agent, agent),
);
process.stdout.write(`${out.map((f) => relative(root, f)).join('\n')}\n`);
