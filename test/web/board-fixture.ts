// The board under test: the demo workspace with a second task run waiting for review, and
// `killdate ui` started in a real terminal (a pty from util-linux `script`), stopped with Ctrl-C.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { humanEnv } from '../helpers/human-env.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The flags this closed network needs (background connections are refused here). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fixed commit time: two workspaces made the same way have the same commits. */
const FIXED_DATE = '2001-02-03T04:05:06Z';

/** The repo's build (`npm run build` first): the demo needs the package's templates beside it. */
export const ENTRY = join(import.meta.dirname, '../../dist/killdate.js');

export function cli(
  entry: string,
  cwd: string,
  args: string[],
  opts: { allowFail?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const env = opts.env ?? humanEnv();
  const r = spawnSync(process.execPath, [entry, ...args], {
    cwd,
    env: { ...env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`killdate ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return r;
}

function git(cwd: string, args: string[]) {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: FIXED_DATE, GIT_COMMITTER_DATE: FIXED_DATE },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Task 2 of overdue-badges: an executor (a plain command agent) that adds a test inside FILES. */
const TASK2 = `#!/usr/bin/env node
import { appendFileSync } from 'node:fs';
if (process.argv.includes('--version')) { console.log('1.0.0 (test)'); process.exit(0); }
let brief = '';
for await (const c of process.stdin) brief += c;
console.log('read the brief: ' + brief.length + ' characters');
appendFileSync('test/overdue.test.js', "\\ntest('a paid invoice is never late', () => {\\n  assert.equal(daysOverdue({ ...late, paid: true }, late.due), 0);\\n});\\n");
console.log('added a test for a paid invoice to test/overdue.test.js');
`;

/** Commits the task-2 executor and runs task 2 through the loop: it waits for review. */
export function runTask2(entry: string, root: string): void {
  writeFileSync(join(root, 'scripts/task2-executor.mjs'), TASK2);
  chmodSync(join(root, 'scripts/task2-executor.mjs'), 0o755);
  const config = join(root, 'killdate.config.yaml');
  const text = spawnSync('cat', [config], { encoding: 'utf8' }).stdout;
  writeFileSync(
    config,
    text.replace(
      '  settings:\n',
      '  settings:\n    task2:\n      bin: ./scripts/task2-executor.mjs\n      timeoutSeconds: 120\n',
    ),
  );
  git(root, ['add', 'scripts/task2-executor.mjs', 'killdate.config.yaml']);
  git(root, [
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    'A test executor for task 2',
  ]);
  cli(entry, root, ['run', 'overdue-badges', '--executor', 'task2']);
}

export interface RunningBoard {
  url: string;
  port: number;
  token: string;
  output: () => string;
  /** Ctrl-C in its terminal; resolves with the exit code */
  stop: () => Promise<number | null>;
}

/** `killdate ui` in a pty (a person's terminal) or, with `terminal: false`, with plain pipes. */
export async function startBoard(
  entry: string,
  root: string,
  opts: { terminal?: boolean; env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<RunningBoard> {
  const env = { ...(opts.env ?? humanEnv()), NO_COLOR: '1' };
  const args = ['ui', ...(opts.args ?? [])];
  const command = `exec ${[process.execPath, entry, ...args].map((a) => JSON.stringify(a)).join(' ')}`;
  const child: ChildProcessWithoutNullStreams =
    opts.terminal === false
      ? spawn(process.execPath, [entry, ...args], { cwd: root, env })
      : spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, env });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /killdate board: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`killdate ui exited ${code}: ${out}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    output: () => out,
    stop: async () => {
      if (opts.terminal === false) child.kill('SIGINT');
      else child.stdin.write('\x03');
      return exited;
    },
  };
}
