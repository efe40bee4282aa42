// Real temporary git repos built from inline file trees, for the gates tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { humanEnv } from '../helpers/human-env.js';

export const CLI = join(import.meta.dirname, '../../dist/killdate.js');

export interface Repo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  commit(message?: string): string;
  cleanup(): void;
}

export function makeRepo(files: Record<string, string> = {}, opts: { commit?: boolean } = {}): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'killdate-gates-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Ada Reviewer');
  git('config', 'user.email', 'ada@example.com');
  git('config', 'commit.gpgsign', 'false');
  const write = (tree: Record<string, string>) => {
    for (const [p, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  };
  write(files);
  const commit = (message = 'commit') => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD').trim();
  };
  if (opts.commit !== false && Object.keys(files).length) commit('initial');
  return { dir, git, write, commit, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the built CLI; returns status, stdout and stderr. */
export function runCli(cwd: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: humanEnv({ NO_COLOR: '1' }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
