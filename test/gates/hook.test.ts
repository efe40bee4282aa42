// The PreToolUse hook through the built CLI (npm run build first), and hooks install.
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { TODAY } from '../helpers/dates.js';
import { CLI, makeRepo, type Repo, runCli } from './repo.js';

let repo: Repo;
afterEach(() => repo?.cleanup());
beforeAll(() => {
  readFileSync(CLI); // the built CLI must exist: npm run build
});

function activate(files: string[]) {
  writeActiveTask(repo.dir, {
    version: 1,
    feature: 'settings',
    task: '01-form',
    runbook: 'feature-builds/settings/runbook-01-form.md',
    base: repo.git('rev-parse', 'HEAD').trim(),
    branch: 'main',
    startedAt: `${TODAY}T10:00:00Z`,
    files,
    testPairing: {},
  });
}

const hook = (input: unknown) =>
  runCli(repo.dir, ['hook', 'pre-tool-use'], typeof input === 'string' ? input : JSON.stringify(input));
const write = (file_path: string) => ({
  cwd: repo.dir,
  tool_name: 'Write',
  tool_input: { file_path, content: 'x' },
});

describe('killdate hook pre-tool-use', () => {
  it('allows everything when no task is active', () => {
    repo = makeRepo({ 'a.md': 'x' });
    expect(hook(write(join(repo.dir, 'anything.ts')))).toMatchObject({ status: 0, stderr: '' });
  });

  it('allows a target inside FILES and blocks one outside with a one-line reason', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(['src/settings/**']);
    expect(hook(write(join(repo.dir, 'src/settings/form.tsx'))).status).toBe(0);
    expect(hook(write('src/settings/relative.ts')).status).toBe(0);
    const r = hook(write(join(repo.dir, 'src/billing/pay.ts')));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/src\/billing\/pay\.ts is outside the active task's FILES \(task 01-form\)/);
  });

  it('checks MultiEdit edits and NotebookEdit notebook_path', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(['src/**']);
    const multi = {
      cwd: repo.dir,
      tool_name: 'MultiEdit',
      tool_input: { file_path: join(repo.dir, 'src/a.ts'), edits: [{ old_string: 'a', new_string: 'b' }] },
    };
    expect(hook(multi).status).toBe(0);
    const nb = {
      cwd: repo.dir,
      tool_name: 'NotebookEdit',
      tool_input: { notebook_path: join(repo.dir, 'nb/x.ipynb') },
    };
    expect(hook(nb).status).toBe(2);
  });

  it('.. , absolute paths outside the repo and symlinks cannot slip through', () => {
    repo = makeRepo({ 'secret/key.ts': 'k', 'src/a.ts': '1' });
    activate(['src/**']);
    expect(hook(write(join(repo.dir, 'src/../secret/key.ts'))).status).toBe(2);
    expect(hook(write('/etc/passwd')).stderr).toMatch(/\/etc\/passwd is outside the repo/);
    symlinkSync('../secret', join(repo.dir, 'src/shortcut'));
    expect(hook(write(join(repo.dir, 'src/shortcut/key.ts'))).status).toBe(2);
    symlinkSync('../secret/key.ts', join(repo.dir, 'src/key-link.ts'));
    expect(hook(write(join(repo.dir, 'src/key-link.ts'))).stderr).toMatch(/secret\/key\.ts is outside/);
  });

  it('blocks a dependency manifest not listed by name', () => {
    repo = makeRepo({ 'package.json': '{}' });
    activate(['**/*.json']);
    expect(hook(write(join(repo.dir, 'package.json'))).stderr).toMatch(/dependency manifest/);
  });

  it('malformed input blocks only while a task is active (exit 2 and the JSON deny)', () => {
    repo = makeRepo({ 'a.md': 'x' });
    const idle = runCli(repo.dir, ['hook', 'pre-tool-use'], '{not json');
    expect(idle.status).toBe(0);
    activate(['src/**']);
    for (const input of ['{not json', '{}', '[]', '[{"tool_name":"Write"}]', '']) {
      const busy = runCli(repo.dir, ['hook', 'pre-tool-use'], input);
      expect(busy.status, input).toBe(2);
      expect(busy.stderr).toMatch(/names no tool; blocked while task 01-form is active/);
      expect(JSON.parse(busy.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    }
  });

  it('a damaged active-task.json or an edit with no path blocks (fail closed)', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(['src/**']);
    expect(hook({ cwd: repo.dir, tool_name: 'Edit', tool_input: {} }).status).toBe(2);
    writeFileSync(join(repo.dir, '.killdate/active-task.json'), '{"version":1');
    const r = hook(write(join(repo.dir, 'src/a.ts')));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON; blocked/);
  });

  it('no FILES blocks every edit', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate([]);
    expect(hook(write(join(repo.dir, 'src/a.ts'))).stderr).toMatch(/no FILES/);
  });
});

describe('killdate hooks install', () => {
  it('merges into existing settings, keeps every other key and is idempotent', () => {
    repo = makeRepo({
      '.claude/settings.json': JSON.stringify({
        model: 'opus',
        permissions: { allow: ['Bash(npm test)'] },
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] }],
          Stop: [{ hooks: [{ type: 'command', command: 'x' }] }],
        },
      }),
    });
    const first = runCli(repo.dir, ['hooks', 'install', '--json', '--bin', 'killdate']);
    expect(first.status).toBe(1); // `killdate` is not on PATH here: the proof run fails and says so
    const firstJson = JSON.parse(first.stdout);
    expect(firstJson.agents[0]).toMatchObject({ agent: 'claude', outcome: 'updated' });
    expect(firstJson.agents[0].proof).toMatch(
      /^failed: `killdate hook before-write --agent claude` exited 127/,
    );
    const settings = JSON.parse(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8'));
    expect(settings.model).toBe('opus');
    expect(settings.permissions.allow).toEqual(['Bash(npm test)']);
    expect(settings.permissions.deny).toContain('Bash(killdate signoff:*)');
    expect(settings.hooks.Stop[0]).toEqual({ hooks: [{ type: 'command', command: 'x' }] });
    expect(settings.hooks.PreToolUse).toEqual([
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] },
      {
        matcher: 'Edit|Write|MultiEdit|NotebookEdit',
        hooks: [{ type: 'command', command: 'killdate hook before-write --agent claude', timeout: 10 }],
      },
      {
        matcher: 'Bash',
        hooks: [{ type: 'command', command: 'killdate hook before-shell --agent claude', timeout: 10 }],
      },
    ]);
    const again = JSON.parse(runCli(repo.dir, ['hooks', 'install', '--json', '--bin', 'killdate']).stdout);
    expect(again.agents[0].outcome).toBe('unchanged');
    expect(again.git.outcome).toBe('unchanged');
    const moved = runCli(repo.dir, ['hooks', 'install', '--json', '--bin', `node ${CLI}`]);
    expect(moved.status).toBe(0);
    expect(JSON.parse(moved.stdout).agents[0]).toMatchObject({ outcome: 'updated', proof: 'ok' });
    const after = JSON.parse(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8'));
    expect(after.hooks.PreToolUse).toHaveLength(3);
    expect(after.hooks.PreToolUse[1].hooks[0].command).toBe(`node ${CLI} hook before-write --agent claude`);
  });

  it('keeps an existing shell pre-commit hook and adds a marked block; refuses to touch a non-shell hook', () => {
    repo = makeRepo({ 'a.md': 'x' });
    const hookFile = join(repo.dir, '.git/hooks/pre-commit');
    writeFileSync(hookFile, '#!/bin/sh\necho lint\nexit 0\n');
    chmodSync(hookFile, 0o755);
    const r = JSON.parse(runCli(repo.dir, ['hooks', 'install', '--json', '--bin', `node ${CLI}`]).stdout);
    expect(r.git.outcome).toBe('block-added');
    const text = readFileSync(hookFile, 'utf8');
    expect(text).toMatch(/^#!\/bin\/sh\n# >>> killdate scope guard/);
    expect(text).toContain(`node ${CLI} hook pre-commit || exit $?`);
    expect(text).toContain('echo lint\nexit 0\n');
    writeFileSync(hookFile, '#!/usr/bin/env python3\nprint(1)\n');
    const py = runCli(repo.dir, ['hooks', 'install', '--bin', `node ${CLI}`]);
    expect(py.status).toBe(1);
    expect(py.stdout).toMatch(/not a shell script/);
    expect(readFileSync(hookFile, 'utf8')).toBe('#!/usr/bin/env python3\nprint(1)\n');
  });

  it('refuses a settings file that is not JSON and leaves it as it is', () => {
    repo = makeRepo({ '.claude/settings.json': '{ "model": ' });
    const r = runCli(repo.dir, ['hooks', 'install']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8')).toBe('{ "model": ');
  });

  it('the installed pre-commit hook refuses a commit outside FILES during a task', () => {
    repo = makeRepo({ 'src/a.ts': '1', 'lib/b.ts': '1' });
    runCli(repo.dir, ['hooks', 'install', '--bin', `node ${CLI}`]);
    activate(['src/**']);
    mkdirSync(join(repo.dir, 'lib'), { recursive: true });
    repo.write({ 'lib/b.ts': '2', 'src/a.ts': '2' });
    repo.git('add', 'lib/b.ts', 'src/a.ts');
    expect(() => repo.git('commit', '-q', '-m', 'x')).toThrow(/outside FILES/);
    repo.git('reset', '-q', 'lib/b.ts');
    repo.git('commit', '-q', '-m', 'in scope');
  });
});
