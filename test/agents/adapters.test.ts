// Adapters' invocations: exact argv per role and profile, the prompt on stdin, and every flag
// we pass to Claude Code, Codex, Gemini CLI, Qwen Code and opencode checked against the real
// binaries' own --help.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BuildOptions } from '../../src/agents/adapter.js';
import { adapters } from '../../src/agents/adapters.js';
import { GEMINI_MARKER } from '../../src/agents/gemini.js';
import { agentVersion } from '../../src/agents/run.js';

const BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin');
const base = { cwd: '/work/x', prompt: 'the brief' };
const edit: BuildOptions = { ...base, role: 'executor', model: 'm1' };
const readOnly: BuildOptions = { ...base, role: 'planner' };
/** The binary's help text (opencode prints it on stderr). */
function help(bin: string, args: string[]): string {
  const r = spawnSync(join(BIN, bin), args, { encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout + r.stderr;
}
const flags = (argv: string[]): string[] => argv.filter((a) => a.startsWith('-') && a !== '-');

describe('argv per adapter', () => {
  test('claude', () => {
    const e = adapters.claude.build(edit);
    expect(e).toEqual({
      bin: 'claude',
      argv: [
        '-p',
        '--output-format',
        'stream-json',
        '--verbose',
        '--permission-mode',
        'acceptEdits',
        '--model',
        'm1',
      ],
      env: {},
      stdin: 'the brief',
      cwd: '/work/x',
    });
    expect(e.argv).not.toContain('--dangerously-skip-permissions');
    expect(adapters.claude.build(readOnly).argv).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'plan',
      '--allowedTools',
      'Read,Glob,Grep',
    ]);
  });

  test('codex', () => {
    expect(adapters.codex.build({ ...edit, extraArgs: ['-c', 'x=1'] }).argv).toEqual([
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--sandbox',
      'workspace-write',
      '-m',
      'm1',
      '-c',
      'x=1',
      '-',
    ]);
    expect(adapters.codex.build(readOnly).argv).toEqual([
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--sandbox',
      'read-only',
      '-',
    ]);
  });

  test('cursor', () => {
    expect(adapters.cursor.build(edit).argv).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--trust',
      '--force',
      '--model',
      'm1',
    ]);
    expect(adapters.cursor.build(readOnly).argv).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--trust',
      '--mode',
      'ask',
    ]);
    expect(adapters.cursor.bins).toEqual(['cursor-agent', 'agent']);
  });

  test('gemini: a short -p marker, the brief on stdin', () => {
    const e = adapters.gemini.build(edit);
    expect(e.argv).toEqual([
      '-p',
      GEMINI_MARKER,
      '--output-format',
      'stream-json',
      '--approval-mode',
      'yolo',
      '-m',
      'm1',
    ]);
    expect(e.stdin).toBe('the brief');
    expect(e.env).toEqual({ GEMINI_CLI_TRUST_WORKSPACE: 'true' });
    expect(adapters.gemini.build(readOnly).argv).toContain('default');
  });

  test('qwen: the brief on stdin, yolo to edit, plan to read', () => {
    const e = adapters.qwen.build(edit);
    expect(e.argv).toEqual(['--output-format', 'stream-json', '--approval-mode', 'yolo', '-m', 'm1']);
    expect(e.stdin).toBe('the brief');
    expect(adapters.qwen.build(readOnly).argv).toEqual([
      '--output-format',
      'stream-json',
      '--approval-mode',
      'plan',
    ]);
  });

  test('opencode: run with the build agent to edit, the plan agent to read', () => {
    const e = adapters.opencode.build(edit);
    expect(e.argv).toEqual(['run', '--format', 'json', '--agent', 'build', '--auto', '-m', 'm1']);
    expect(e.stdin).toBe('the brief');
    expect(adapters.opencode.build(readOnly).argv).toEqual(['run', '--format', 'json', '--agent', 'plan']);
  });

  test('command: bin and argv from config, the brief on stdin', () => {
    expect(adapters.command.build({ ...edit, bin: 'aider', extraArgs: ['--yes'] })).toMatchObject({
      bin: 'aider',
      argv: ['--yes'],
      stdin: 'the brief',
    });
    expect(() => adapters.command.build(edit)).toThrow(/no binary/);
  });
});

describe('the real binaries accept our flags', () => {
  test('claude --help lists every flag and mode we pass', () => {
    const text = help('claude', ['--help']);
    for (const o of [edit, readOnly])
      for (const f of flags(adapters.claude.build(o).argv)) expect(text).toContain(f);
    expect(text).toMatch(/"acceptEdits"/);
    expect(text).toMatch(/"plan"/);
    expect(text).toMatch(/"stream-json"/);
  });

  test('codex exec --help lists every flag and sandbox we pass', () => {
    const text = help('codex', ['exec', '--help']);
    for (const o of [edit, readOnly])
      for (const f of flags(adapters.codex.build(o).argv)) expect(text).toContain(f);
    expect(text).toContain('read-only, workspace-write');
    expect(text).toMatch(/`-` is used\),\s+instructions are read from stdin/);
  });

  test('gemini --help lists every flag and mode we pass', () => {
    const text = help('gemini', ['--help']);
    for (const o of [edit, readOnly])
      for (const f of flags(adapters.gemini.build(o).argv)) expect(text).toContain(f);
    expect(text).toMatch(/choices: "default", "auto_edit", "yolo"/);
    expect(text).toContain('Appended to input on stdin');
  });

  test('qwen --help lists every flag and mode we pass', () => {
    const text = help('qwen', ['--help']);
    for (const o of [edit, readOnly])
      for (const f of flags(adapters.qwen.build(o).argv)) expect(text).toContain(f);
    expect(text).toMatch(/choices: "plan", "default", "auto-edit", "auto", "yolo"/);
  });

  test('opencode run --help lists every flag we pass', () => {
    const text = help('opencode', ['run', '--help']);
    for (const o of [edit, readOnly])
      for (const f of flags(adapters.opencode.build(o).argv)) expect(text).toContain(f);
    expect(text).toContain('"json"');
  });

  test('versions are read from --version', async () => {
    expect(await agentVersion(join(BIN, 'claude'))).toMatch(/^2\.1\.\d+$/);
    expect(await agentVersion(join(BIN, 'codex'))).toMatch(/^0\.\d+\.\d+$/);
    expect(await agentVersion('/nonexistent/agent')).toBeUndefined();
  });

  test('a version that carries a key is stored redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'killdate-version-'));
    const bin = join(dir, 'agent');
    writeFileSync(bin, `#!/bin/sh\necho "2.1.0+ghp_${'vV7'.repeat(12)}"\n`, { mode: 0o755 });
    try {
      expect(await agentVersion(bin)).toBe('2.1.0+[REDACTED:github]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
