// The board on the large workspace (1,000 features): starts `killdate ui` on it and times each
// page's read over HTTP, the first time (nothing reused) and again (reused until a file
// changes), plus the server's CPU time for the first round. A benchmark, never a test.
// Usage: node bench/board.mjs [--out DIR]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const bin = fileURLToPath(new URL('../dist/killdate.js', import.meta.url));
const { out: ws } = generate();
const child = spawn(process.execPath, [bin, 'ui'], { cwd: ws, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (d) => {
  out += d;
});
const started = performance.now();
const url = await new Promise((resolve) => {
  const t = setInterval(() => {
    const m = /killdate board: (\S+)/.exec(out);
    if (m) {
      clearInterval(t);
      resolve(new URL(m[1]));
    }
  }, 20);
});
const startMs = performance.now() - started;
const token = url.searchParams.get('token');
const cpu = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in ms at 100 ticks/s
};
const PAGES = [
  'board',
  'findings',
  'killdates',
  'session',
  'runs',
  'live',
  'review',
  'metrics',
  'signoff?feature=feature-0001',
];

async function time(page) {
  const t = performance.now();
  const r = await fetch(new URL(`/api/${page}`, url), { headers: { 'x-killdate-token': token } });
  await r.arrayBuffer();
  return { ms: performance.now() - t, status: r.status };
}

const rows = [];
for (const page of PAGES) {
  const before = cpu();
  const cold = await time(page);
  const cpuMs = cpu() - before;
  const warm = await time(page);
  rows.push([page, cold.status, cold.ms.toFixed(0), String(cpuMs), warm.ms.toFixed(1)]);
}
child.kill('SIGINT');
const head = ['read', 'status', 'first ms', 'server cpu ms', 'again ms'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(`killdate ui on ${ws}: address printed after ${startMs.toFixed(0)} ms`);
console.log([line(head), ...rows.map(line)].join('\n'));
