import { describe, expect, test } from 'vitest';
import { resolveAgent } from '../../src/core/agent-config.js';
import { configSchema, defaultConfig } from '../../src/core/config.js';

describe('agents config', () => {
  test('defaults: claude plans and executes, 30 minutes', () => {
    const c = defaultConfig();
    expect(c.agents).toEqual({ planner: 'claude', executor: 'claude', features: {}, settings: {} });
    expect(resolveAgent(c, 'executor')).toEqual({
      name: 'claude',
      adapter: 'claude',
      extraArgs: [],
      timeoutSeconds: 1800,
    });
  });

  const c = configSchema.parse({
    agents: {
      executor: 'codex',
      features: { billing: { executor: 'cursor' }, search: { planner: 'aider' } },
      settings: {
        codex: { model: 'gpt-5-codex', timeoutSeconds: 600 },
        cursor: { bin: '/opt/cursor/agent', extraArgs: ['--approve-mcps'] },
        aider: { bin: 'aider', extraArgs: ['--yes'] },
      },
    },
  });

  test('role, then feature override, then run override', () => {
    expect(resolveAgent(c, 'executor')).toMatchObject({
      name: 'codex',
      adapter: 'codex',
      model: 'gpt-5-codex',
      timeoutSeconds: 600,
    });
    expect(resolveAgent(c, 'executor', 'billing')).toMatchObject({
      name: 'cursor',
      bin: '/opt/cursor/agent',
      extraArgs: ['--approve-mcps'],
    });
    expect(resolveAgent(c, 'planner', 'billing')).toMatchObject({ name: 'claude' });
    expect(resolveAgent(c, 'executor', 'billing', 'gemini')).toMatchObject({
      name: 'gemini',
      adapter: 'gemini',
    });
  });

  test('a named command agent runs through the command adapter', () => {
    expect(resolveAgent(c, 'planner', 'search')).toEqual({
      name: 'aider',
      adapter: 'command',
      bin: 'aider',
      extraArgs: ['--yes'],
      timeoutSeconds: 1800,
    });
  });

  test('unknown agents are config errors with a hint', () => {
    expect(() => resolveAgent(c, 'executor', undefined, 'nope')).toThrow(
      /unknown agent "nope" for the executor/,
    );
    expect(() => resolveAgent(defaultConfig(), 'executor', undefined, 'command')).toThrow(/has no bin/);
  });

  test('unknown keys are refused', () => {
    expect(() => configSchema.parse({ agents: { settings: { claude: { binary: 'x' } } } })).toThrow();
  });
});
