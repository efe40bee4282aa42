// What a run's children get of the environment: everything but what may hold a secret, except
// the agent's own keys and the names config run.passEnv lists.
import { describe, expect, it } from 'vitest';
import { childEnv } from '../../src/agents/child-env.js';

const ENV = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/me',
  LANG: 'C.UTF-8',
  KILLDATE_RUN: 'run-1',
  DATABASE_HOST: 'localhost',
  // random-looking, but config, not a key: JSON is no key's characters
  TOOL_CONFIG: '{"provider":{"fake":{"baseURL":"http://127.0.0.1:4000/v1","apiKey":"x"}},"model":"fake/m1"}',
  STRIPE_SECRET_KEY: 'sk_live_0123456789abcdefghijklmn',
  GH_TOKEN: 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
  SOME_VALUE: 'Zq8xT2mLr9Vw4Kp7Yb3N',
  ANTHROPIC_API_KEY: 'sk-ant-api03-abcdefghijklmnop',
  OPENAI_API_KEY: 'sk-proj-abcdefghijklmnop0123',
  OPENROUTER_API_KEY: 'sk-or-v1-abcdefghijklmnop0123',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('childEnv', () => {
  it('withholds what is named or shaped like a secret, and keeps the rest', () => {
    const { env, withheld } = childEnv(ENV, []);
    expect(withheld).toEqual([
      'ANTHROPIC_API_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'GH_TOKEN',
      'OPENAI_API_KEY',
      'OPENROUTER_API_KEY',
      'SOME_VALUE',
      'STRIPE_SECRET_KEY',
    ]);
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      LANG: 'C.UTF-8',
      KILLDATE_RUN: 'run-1',
      DATABASE_HOST: 'localhost',
      TOOL_CONFIG: ENV.TOOL_CONFIG,
    });
  });

  it('passes each agent its own keys, and only those', () => {
    const kept = (agent: Parameters<typeof childEnv>[2]) =>
      Object.keys(ENV).filter((k) => k in childEnv(ENV, [], agent).env && k.match(/KEY|TOKEN/));
    expect(kept('claude')).toEqual(['ANTHROPIC_API_KEY']);
    expect(kept('codex')).toEqual(['OPENAI_API_KEY']);
    expect(kept('command')).toEqual([]);
    // Qwen Code and opencode reach many providers, each by its *_API_KEY
    expect(kept('qwen')).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENROUTER_API_KEY']);
    // Claude Code on Bedrock signs with the AWS keys
    const bedrock = childEnv({ ...ENV, CLAUDE_CODE_USE_BEDROCK: '1' }, [], 'claude').env;
    expect(bedrock.AWS_SECRET_ACCESS_KEY).toBe(ENV.AWS_SECRET_ACCESS_KEY);
    expect(bedrock.STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("GitHub Actions' own variables pass, its token does not", () => {
    const actions = {
      GITHUB_SHA: '4f9c2a7e1b3d5f6a8c0e2b4d6f8a0c2e4b6d8f0a',
      GITHUB_RUN_ID: '9876543210',
      GITHUB_TOKEN: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
    };
    const { env, withheld } = childEnv(actions, [], 'claude');
    expect(withheld).toEqual(['GITHUB_TOKEN']);
    expect(Object.keys(env)).toEqual(['GITHUB_SHA', 'GITHUB_RUN_ID']);
  });

  it("npm's own variables pass, an auth token set through npm's config does not", () => {
    const npm = {
      npm_lifecycle_event: 'test',
      npm_config_registry: 'https://registry.npmjs.org/',
      npm_config__authtoken: `npm_${'a1B2'.repeat(9)}`,
    };
    const { env, withheld } = childEnv(npm, [], 'codex');
    expect(withheld).toEqual(['npm_config__authtoken']);
    expect(Object.keys(env)).toEqual(['npm_lifecycle_event', 'npm_config_registry']);
  });

  it('passes the names config run.passEnv lists', () => {
    const { env, withheld } = childEnv(ENV, ['GH_TOKEN', 'NOT_SET'], 'command');
    expect(env.GH_TOKEN).toBe(ENV.GH_TOKEN);
    expect(withheld).not.toContain('GH_TOKEN');
    expect(env.NOT_SET).toBeUndefined();
  });
});
