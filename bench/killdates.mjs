// A generated repo of 100,000 tracked files for the kill-date scan benchmark: source files in
// several languages (one in 200 carries a KILLDATE marker), some binary files and a vendored
// tree that the scan must skip. Written once into bench/.work/markers (git-ignored).
// Usage: node bench/killdates.mjs [--files N]   (prints the side-by-side figures)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kase } from './case.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const MARKERS_DIR = join(here, '.work', 'markers');

const LANGS = [
  ['ts', '//'],
  ['py', '#'],
  ['sql', '--'],
  ['go', '//'],
  ['rb', '#'],
  ['css', '/*'],
  ['html', '<!--'],
  ['clj', ';'],
];

// Kill dates from 30 to 300 days after the day the repo is written (never a literal date);
// a repo kept from an earlier day may hold overdue ones, which the scan reads all the same.
const TODAY = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const daysAhead = (n) => new Date(TODAY + n * 86_400_000).toISOString().slice(0, 10);

function source(i, [, open]) {
  const close = open === '/*' ? ' */' : open === '<!--' ? ' -->' : '';
  const lines = [];
  for (let n = 0; n < 20; n++)
    lines.push(`${open} line ${n} of generated file ${i}: nothing to see here${close}`);
  if (i % 200 === 0)
    lines.splice(
      7,
      0,
      `${open} KILLDATE ${daysAhead(30 + (i % 270))} flag f_${i}: 100% of users for 14 days${close}`,
    );
  return `${lines.join('\n')}\n`;
}

export function markerRepo(files = 100_000, out = MARKERS_DIR) {
  const stamp = join(out, '.bench-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(files)) return out;
  rmSync(out, { recursive: true, force: true });
  for (let i = 0; i < files; i++) {
    const lang = LANGS[i % LANGS.length];
    const vendored = i % 50 === 1;
    const binary = i % 97 === 3;
    const dir = vendored ? `node_modules/pkg${i % 300}` : `src/m${Math.floor(i / 1000)}`;
    const rel = `${dir}/f${i}.${binary ? 'bin' : lang[0]}`;
    const body = binary
      ? Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(source(i * 200, lang))])
      : source(vendored ? i * 200 : i, lang);
    mkdirSync(join(out, dir), { recursive: true });
    writeFileSync(join(out, rel), body);
  }
  writeFileSync(join(out, '.gitignore'), '.bench-stamp\n.killdate/\n');
  const git = (...args) => execFileSync('git', args, { cwd: out, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'markers');
  writeFileSync(stamp, String(files));
  return out;
}

/** The bench case for bench/cases.mjs: `killdate killdates` against `git grep -n KILLDATE`. */
export const killDatesCase = kase('killdates: 100,000 tracked files', ({ node, bin }) => {
  const dir = markerRepo();
  return {
    argv: [node, bin, 'killdates', '--json', '-C', dir],
    baseline: { name: 'git grep -n KILLDATE', argv: ['git', '-C', dir, 'grep', '-n', 'KILLDATE'] },
    targets: { ratio: 2 },
    items: 100_000,
  };
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv.indexOf('--files');
  const dir = markerRepo(arg > 0 ? Number(process.argv[arg + 1]) : 100_000);
  const bin = join(here, '..', 'dist', 'killdate.js');
  const time = (argv) => {
    const runs = [];
    for (let r = 0; r < 5; r++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
      if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}`);
      runs.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
    return runs.sort((a, b) => a - b)[2];
  };
  const scan = time([process.execPath, bin, 'killdates', '--json', '-C', dir]);
  const grep = time(['git', '-C', dir, 'grep', '-n', 'KILLDATE']);
  process.stdout.write(
    `killdates ${scan.toFixed(3)} s, git grep -n KILLDATE ${grep.toFixed(3)} s, ratio ${(scan / grep).toFixed(2)}x (target <= 2x)\n`,
  );
}
