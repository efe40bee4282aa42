// Recorded output of each CLI format, parsed into the one event model. claude-success,
// claude-auth-retry, claude-plan-denied and codex-success were recorded from the real
// binaries (Claude Code 2.1.197, Codex 0.169.0) against the scripted servers in test/helpers;
// qwen-* from Qwen Code 0.24.4 and opencode-* from opencode 1.18.33 the same way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adapters, parseOutput } from '../../src/agents/adapters.js';
import { type AgentEvent, finalResult, totalUsage } from '../../src/agents/events.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const ofType = <T extends AgentEvent['type']>(events: AgentEvent[], type: T) =>
  events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
/** the first `n` lines only: a stream cut off halfway */
const truncated = (text: string, n: number): string => text.split('\n').slice(0, n).join('\n');

describe('claude stream-json', () => {
  const text = fixture('claude-success.jsonl');
  const events = parseOutput(adapters.claude, text);

  test('session, tool calls, file changes, text, usage with cost, final result', () => {
    expect(ofType(events, 'session')[0]).toEqual({
      type: 'session',
      id: '642fd08a-a7e0-4e5a-887a-3706797916a3',
      model: 'claude-opus-4-8[1m]',
    });
    expect(ofType(events, 'tool_call').map((c) => c.name)).toEqual(['Write', 'Edit', 'Bash']);
    expect(ofType(events, 'tool_call')[0]?.files).toEqual(['/tmp/kd-demo/src/hello.ts']);
    expect(ofType(events, 'file_change')).toEqual([
      { type: 'file_change', path: '/tmp/kd-demo/src/hello.ts', kind: 'add' },
      { type: 'file_change', path: '/tmp/kd-demo/src/hello.ts', kind: 'update' },
    ]);
    expect(ofType(events, 'tool_result').every((r) => r.ok)).toBe(true);
    expect(ofType(events, 'text').map((t) => t.text)).toEqual(['Added src/hello.ts']);
    expect(totalUsage(events)).toEqual({
      inputTokens: 480,
      outputTokens: 120,
      cachedTokens: 40,
      costUsd: 0.00542,
    });
    expect(finalResult(events)).toMatchObject({ status: 'ok', text: 'Added src/hello.ts' });
    expect(ofType(events, 'garbage')).toEqual([]);
  });

  test('a truncated stream has no final result', () => {
    const cut = parseOutput(adapters.claude, truncated(text, 4));
    expect(finalResult(cut)).toBeUndefined();
    expect(ofType(cut, 'tool_call')).toHaveLength(2);
  });

  test('401 retries are auth errors', () => {
    const e = parseOutput(adapters.claude, fixture('claude-auth-retry.jsonl'));
    const errors = ofType(e, 'error');
    expect(errors).toHaveLength(5);
    expect(errors.every((x) => x.auth)).toBe(true);
    expect(errors[0]?.message).toContain('401');
  });

  test('an error result (expired login) fails with the CLI text', () => {
    const e = parseOutput(adapters.claude, fixture('claude-auth-error.jsonl'), { code: 1, signal: null });
    expect(finalResult(e)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('Please run /login'),
    });
    expect(ofType(e, 'error')[0]?.auth).toBe(true);
  });

  test('a tool denied in plan mode is a failed tool result and no file change', () => {
    const e = parseOutput(adapters.claude, fixture('claude-plan-denied.jsonl'));
    expect(ofType(e, 'tool_result')[0]).toMatchObject({
      ok: false,
      output: expect.stringContaining('plan mode'),
    });
    expect(ofType(e, 'file_change')).toEqual([]);
    expect(finalResult(e)?.status).toBe('ok');
  });
});

describe('codex --json', () => {
  test('thread, shell commands, agent message, usage, completed turn', () => {
    const e = parseOutput(adapters.codex, fixture('codex-success.jsonl'));
    expect(ofType(e, 'session')[0]?.id).toBe('01a211db-edb0-7bb0-950a-6a272609d737');
    expect(ofType(e, 'tool_call').map((c) => c.input)).toEqual([
      { command: "/bin/bash -lc 'echo hi > hello.txt'" },
      { command: '/bin/bash -lc false' },
    ]);
    expect(ofType(e, 'tool_result').map((r) => r.ok)).toEqual([true, false]);
    expect(ofType(e, 'error')[0]).toMatchObject({ message: expect.stringContaining('Model metadata') });
    expect(ofType(e, 'error')[0]?.auth).toBeUndefined();
    expect(totalUsage(e)).toEqual({ inputTokens: 600, outputTokens: 120, cachedTokens: 150 });
    expect(finalResult(e)).toMatchObject({ status: 'ok', text: 'Created hello.txt' });
  });

  test('file_change items and a failed turn', () => {
    const e = parseOutput(adapters.codex, fixture('codex-failed.jsonl'), { code: 1, signal: null });
    expect(ofType(e, 'file_change')).toEqual([
      { type: 'file_change', path: '/tmp/kd-demo/src/a.ts', kind: 'add' },
      { type: 'file_change', path: '/tmp/kd-demo/src/b.ts', kind: 'delete' },
    ]);
    expect(finalResult(e)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('stream disconnected'),
    });
  });

  test('a truncated stream has no final result', () => {
    expect(
      finalResult(parseOutput(adapters.codex, truncated(fixture('codex-success.jsonl'), 6))),
    ).toBeUndefined();
  });
});

describe('cursor stream-json', () => {
  const e = parseOutput(adapters.cursor, fixture('cursor-success.jsonl'));
  test('session, nested tool calls, file change, result without usage', () => {
    expect(ofType(e, 'session')[0]).toMatchObject({
      id: 'c6b62c6f-7ead-4fd6-9922-e952131177ff',
      model: 'Claude 4 Sonnet',
    });
    expect(ofType(e, 'tool_call').map((c) => [c.name, c.files])).toEqual([
      ['read', ['src/server.ts']],
      ['write', ['src/health.ts']],
      ['shell', []],
    ]);
    expect(ofType(e, 'tool_result').map((r) => r.ok)).toEqual([true, true, false]);
    expect(ofType(e, 'file_change')).toEqual([
      { type: 'file_change', path: '/home/dev/shop/src/health.ts', kind: 'unknown' },
    ]);
    expect(ofType(e, 'usage')).toEqual([]);
    expect(finalResult(e)).toMatchObject({ status: 'ok' });
  });
  test('a truncated stream has no final result', () => {
    expect(
      finalResult(parseOutput(adapters.cursor, truncated(fixture('cursor-success.jsonl'), 9))),
    ).toBeUndefined();
  });
});

describe('gemini stream-json', () => {
  test('init, deltas, tool use and results, stats', () => {
    const e = parseOutput(adapters.gemini, fixture('gemini-success.jsonl'));
    expect(ofType(e, 'session')[0]).toMatchObject({ model: 'gemini-2.5-pro' });
    expect(ofType(e, 'tool_call').map((c) => c.name)).toEqual(['write_file', 'run_shell_command']);
    expect(ofType(e, 'file_change')).toEqual([
      { type: 'file_change', path: 'src/health.ts', kind: 'unknown' },
    ]);
    expect(ofType(e, 'tool_result').map((r) => r.ok)).toEqual([true, false]);
    expect(totalUsage(e)).toEqual({ inputTokens: 3900, outputTokens: 310, cachedTokens: 1200 });
    expect(finalResult(e)).toMatchObject({ status: 'ok', text: "I'll create the file. Done." });
  });
  test('an error result is a failure, an auth one is flagged', () => {
    const e = parseOutput(adapters.gemini, fixture('gemini-error.jsonl'), { code: 41, signal: null });
    expect(finalResult(e)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('API key not valid'),
    });
    expect(ofType(e, 'error').map((x) => x.auth === true)).toEqual([false, true]);
  });
  test('a truncated stream has no final result', () => {
    expect(
      finalResult(parseOutput(adapters.gemini, truncated(fixture('gemini-success.jsonl'), 5))),
    ).toBeUndefined();
  });
});

describe('qwen stream-json (the shape of Claude Code’s)', () => {
  test('init, write_file call and result, usage without cost, final result', () => {
    const e = parseOutput(adapters.qwen, fixture('qwen-success.jsonl'));
    expect(ofType(e, 'session')[0]).toMatchObject({ model: 'm1' });
    expect(ofType(e, 'tool_call')).toMatchObject([
      { name: 'write_file', files: ['/tmp/kd-adx/repo/src/x.txt'] },
    ]);
    expect(ofType(e, 'file_change')).toEqual([
      { type: 'file_change', path: '/tmp/kd-adx/repo/src/x.txt', kind: 'unknown' },
    ]);
    expect(totalUsage(e)).toEqual({ inputTokens: 20, outputTokens: 10, cachedTokens: 0 });
    expect(finalResult(e)).toMatchObject({ status: 'ok', text: 'Wrote it.' });
  });
  test('an error result fails with Qwen’s message', () => {
    const e = parseOutput(adapters.qwen, fixture('qwen-error.jsonl'), { code: 1, signal: null });
    expect(finalResult(e)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^qwen reported error_during_execution: No auth type is selected/),
    });
  });
});

describe('opencode --format json', () => {
  const text = fixture('opencode-success.jsonl');
  test('session, write and edit, text, tokens and cost of each step, a clean exit as the result', () => {
    const e = parseOutput(adapters.opencode, text);
    expect(ofType(e, 'session')).toEqual([{ type: 'session', id: 'ses_dbb547fe4ffe1zeP4YMmJCn0vH' }]);
    expect(ofType(e, 'tool_call').map((c) => c.name)).toEqual(['write', 'edit']);
    expect(ofType(e, 'file_change')).toEqual([
      { type: 'file_change', path: '/tmp/kd-demo/src/hello.ts', kind: 'add' },
      { type: 'file_change', path: '/tmp/kd-demo/src/hello.ts', kind: 'update' },
    ]);
    const usage = totalUsage(e);
    expect(usage).toMatchObject({ inputTokens: 30, outputTokens: 15, cachedTokens: 0 });
    expect(usage.costUsd).toBeCloseTo(0.000315, 9);
    expect(finalResult(e)).toEqual({ type: 'result', status: 'ok', text: 'Added src/hello.ts' });
  });
  test('no result when opencode exits non-zero without an error line', () => {
    expect(finalResult(parseOutput(adapters.opencode, text, { code: 1, signal: null }))).toBeUndefined();
  });
  test('an error line fails the run with its message', () => {
    const e = parseOutput(adapters.opencode, fixture('opencode-error.jsonl'), { code: 1, signal: null });
    expect(finalResult(e)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('opencode reported APIError: Cannot connect to API'),
    });
  });
});

describe('garbage and plain text', () => {
  test('garbage lines are recorded, not fatal', () => {
    const text = `not json\n${truncated(fixture('claude-success.jsonl'), 20)}\n{"half": `;
    const e = parseOutput(adapters.claude, text);
    expect(ofType(e, 'garbage').map((g) => g.line)).toEqual(['not json', '{"half": ']);
    expect(finalResult(e)?.status).toBe('ok');
  });
  test('command: lines are text, the exit code is the result', () => {
    expect(finalResult(parseOutput(adapters.command, 'working\ndone\n'))).toMatchObject({
      status: 'ok',
      text: 'done',
      exitCode: 0,
    });
    expect(finalResult(parseOutput(adapters.command, 'oops\n', { code: 3, signal: null }))).toMatchObject({
      status: 'failed',
      exitCode: 3,
    });
  });
});
