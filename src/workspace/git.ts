// git at the edge: argv arrays, explicit cwd, never a shell string.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { KilldateError } from '../core/errors.js';
import { gitEnv } from './git-env.js';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  status: number | null;
}

const NO_GIT = () => new KilldateError('GIT', 'git is not installed or not on PATH', 'install git');

export function git(cwd: string, args: string[], input?: string): GitResult {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    input,
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
    env: gitEnv(),
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw NO_GIT();
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

/**
 * git() without blocking: several features in one process wait on their git calls side by
 * side. Same environment and time limit; `input` goes to git's stdin.
 */
export function gitAsync(cwd: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: gitEnv(),
      timeout: 60_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => {}); // git may exit before reading its input
    child.stdin.end(input);
    child.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT'
        ? reject(NO_GIT())
        : resolve({ ok: false, stdout: '', stderr: e.message, status: null }),
    );
    child.on('close', (status) =>
      resolve({
        ok: status === 0,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        status,
      }),
    );
  });
}

/**
 * The commit `rev` names (a full id), or a GIT error naming `rev`: a rev that starts with `-`
 * is never taken for one of git's options.
 */
export function commitOf(root: string, rev: string): string {
  const r = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (!r.ok)
    throw new KilldateError(
      'GIT',
      `cannot diff against ${rev}: not a commit in this repo`,
      'fetch it first (actions/checkout with fetch-depth: 0)',
    );
  return r.stdout.trim();
}

/** The empty tree's id (the parent of a first commit), as this repo's hash names it. */
export function emptyTree(root: string): string {
  return gitOrThrow(root, ['hash-object', '-t', 'tree', '--stdin']).trim();
}

/** Like git() but throws a GIT error with git's own message when it fails. */
export function gitOrThrow(cwd: string, args: string[]): string {
  const r = git(cwd, args);
  if (!r.ok)
    throw new KilldateError('GIT', `git ${args.join(' ')} failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  return r.stdout;
}

/** The git top level of `dir`, or undefined outside a repo. */
export function gitTopLevel(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/**
 * `paths` in runs short enough for one command line each (Linux allows 2 MB of arguments and
 * environment): what a git or find call that takes paths as arguments is given.
 */
export function argBatches(paths: string[], chars = 500_000): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let size = 0;
  for (const p of paths) {
    if (run.length && size + p.length > chars) {
      out.push(run);
      run = [];
      size = 0;
    }
    run.push(p);
    size += p.length + 1;
  }
  if (run.length) out.push(run);
  return out;
}

/**
 * Put before a git command whose paths come from the task's changes: a file the agent named
 * `*.js` or `:(top)` is that one file, never a pattern that reaches the person's other work.
 */
export const LITERAL = ['--literal-pathspecs'] as const;
