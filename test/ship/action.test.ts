// The GitHub Action, run as GitHub runs a composite action: its install step builds killdate
// from the action's own checkout (a copy of this repository, no registry lookup of `killdate`),
// puts it on PATH through GITHUB_PATH, and its ci step annotates a pull request.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { day } from '../helpers/dates.js';
import { commitAll, git, makeRepo, write } from './repo.js';

const ROOT = resolve(__dirname, '../..');
interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
const steps = action.runs.steps;
const step = (name: RegExp) => steps.find((s) => name.test(s.name ?? '')) as Step;

/** The action's checkout: every file git would check out at this commit (the working tree's). */
function actionCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-action-'));
  const files = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  for (const rel of files.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    try {
      copyFileSync(join(ROOT, rel), join(dir, rel));
    } catch {
      // a file deleted in the working tree but still in the index
    }
  }
  return dir;
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_prefer_offline: 'true', ...env },
    timeout: 240_000,
  });
}

function pullRequest(): { repo: string; event: string } {
  const repo = makeRepo({ 'src/other.ts': 'export {};\n', 'README.md': '# app\n' });
  const origin = mkdtempSync(join(tmpdir(), 'kd-origin-'));
  git(origin, 'init', '-q', '--bare');
  git(repo, 'remote', 'add', 'origin', origin);
  git(repo, 'push', '-q', 'origin', 'main');
  git(repo, 'checkout', '-q', '-b', 'feat/export');
  write(repo, {
    'feature-builds/export/runbook-01-button.md':
      '# Runbook: button\n\n**Feature:** export\n**Task:** 1 of 1\n**Branch:** feat/export\n\n## FILES\n- src/export/**\n',
    'src/export/button.ts': `export const on = 1; // KILLDATE ${day(90)} flag export_v2: 100% for 14 days\n`,
    'src/other.ts': 'export const drift = 1;\n',
  });
  commitAll(repo, 'export button');
  const event = join(repo, '..', `${repo.split('/').pop()}-event.json`);
  writeFileSync(event, JSON.stringify({ pull_request: { body: 'Adds the export button.' } }));
  return { repo, event };
}

describe('action.yml', () => {
  it('never installs killdate from the npm registry by name', () => {
    for (const s of steps) expect(s.run ?? '').not.toMatch(/killdate@|install[^\n]*\bkilldate\b/);
  });

  it("builds killdate from the action's checkout, puts it on PATH, and annotates a PR", () => {
    const path = actionCheckout();
    const temp = mkdtempSync(join(tmpdir(), 'kd-runner-temp-'));
    try {
      installAndRun(path, temp);
    } finally {
      rmSync(path, { recursive: true, force: true });
      rmSync(temp, { recursive: true, force: true });
    }
  }, 300_000);
});

function installAndRun(path: string, temp: string): void {
  const githubPath = join(temp, 'github-path');
  writeFileSync(githubPath, '');
  const install = step(/^Install killdate/);
  const installed = bash(install.run as string, temp, {
    KD_ACTION_PATH: path,
    RUNNER_TEMP: temp,
    GITHUB_PATH: githubPath,
  });
  expect(installed.status, installed.stderr).toBe(0);
  const bin = readFileSync(githubPath, 'utf8').trim();
  expect(bin).toBe(join(temp, 'killdate-bin'));
  const PATH = `${bin}:${process.env.PATH}`;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(bash('killdate --version', temp, { PATH }).stdout.trim()).toBe(pkg.version);

  const { repo, event } = pullRequest();
  const ci = bash(step(/^Run killdate ci/).run as string, repo, {
    PATH,
    RUNNER_TEMP: temp,
    GITHUB_EVENT_PATH: event,
    KD_BASE: '',
    KD_BASE_REF: 'main',
  });
  expect(ci.status).toBe(1);
  expect(ci.stdout).toContain('::error file=src/other.ts,title=ci/outside-files::');
  expect(ci.stdout).toContain('title=ci/pr-sunset::');
}
