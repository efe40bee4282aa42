// Real temporary git repos built from inline file trees, and the built CLI run in them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { humanEnv } from '../helpers/human-env.js';

export const CLI = resolve(__dirname, '../../dist/killdate.js');

export function makeRepo(files: Record<string, string | Buffer>, commit = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-ship-'));
  write(dir, files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'tester@example.invalid');
  git(dir, 'config', 'user.name', 'Tess Ter');
  if (commit) commitAll(dir, 'initial');
  return dir;
}

export function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

export function cli(dir: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    input,
    timeout: 60_000,
    env: humanEnv(),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const gate7 = (what: string, criterion: string, date: string) =>
  `# Pre-build lock: export\n\n## Gate 7 — Sunset criterion and kill date\n\n**Temporary code:** ${what}\n**Sunset criterion:** ${criterion}\n**Kill date:** ${date}\n\n**Status:** PASSED\n`;
