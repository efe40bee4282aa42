// Shared by the real-agent guard tests: a temp repo with killdate's hooks installed for one
// agent and an active task whose FILES are `src/settings/**`; spawning the real agent binary
// (its own process group, killed on timeout); and the proof the model was told why.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';

export const BIN = join(import.meta.dirname, '../../node_modules/.bin');
export const OUTSIDE_REASON = /src\/billing\/charge\.ts is outside the active task's FILES/;

export interface GuardedRepo {
  repo: Repo;
  home: string;
  inside: string;
  outside: string;
  cleanup(): void;
}

/** A repo with `killdate hooks install --agents <agent>` done and committed, and a task active. */
export function guardedRepo(agent: string, files: Record<string, string> = {}): GuardedRepo {
  const repo = makeRepo({ 'README.md': '# demo\n', ...files });
  const r = runCli(repo.dir, ['hooks', 'install', '--agents', agent, '--bin', `${process.execPath} ${CLI}`]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  repo.commit('hooks');
  writeActiveTask(repo.dir, {
    version: 1,
    feature: 'settings',
    task: '01-form',
    runbook: 'feature-builds/settings/runbook-01-form.md',
    base: repo.git('rev-parse', 'HEAD').trim(),
    branch: 'main',
    startedAt: new Date().toISOString(),
    files: ['src/settings/**'],
    testPairing: {},
  });
  const home = mkdtempSync(join(tmpdir(), `killdate-${agent}-home-`));
  return {
    repo,
    home,
    inside: join(repo.dir, 'src/settings/form.ts'),
    outside: join(repo.dir, 'src/billing/charge.ts'),
    cleanup: () => {
      repo.cleanup();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an agent binary to its end (90 s at most), the prompt on stdin. */
export function runAgentBinary(
  bin: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number },
): Promise<AgentRun> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, {
      cwd: o.cwd,
      env: o.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    child.stdin.end(o.stdin ?? '');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), o.timeoutMs ?? 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A base environment without the suite's own agent or API variables. */
export function cleanEnv(home: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', ...extra };
}
