import { describe, expect, test } from 'vitest';
import { knownSecrets, redact } from '../../src/agents/redact.js';

const cases: Array<[string, string, string]> = [
  ['anthropic', 'key sk-ant-api03-Ab3dEf_gh-IJklMNopQRstUVwxYZ012345 ok', 'key [REDACTED:anthropic] ok'],
  ['anthropic oauth', 'sk-ant-oat01-AAAAaaaa1111bbbb', '[REDACTED:anthropic]'],
  ['openai', 'OPENAI=sk-abcdefghijklmnopqrstuvwxyz012345', 'OPENAI=[REDACTED:openai]'],
  ['openai project', '"sk-proj-Abc123_def456-GHI789jklMNO"', '"[REDACTED:openai]"'],
  ['google', 'key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', 'key=[REDACTED:google]'],
  ['github classic', `ghp_${'x1'.repeat(18)}`, '[REDACTED:github]'],
  ['github oauth', `gho_${'Y2'.repeat(18)}`, '[REDACTED:github]'],
  ['github app', `ghs_${'z3'.repeat(18)}`, '[REDACTED:github]'],
  ['github fine-grained', `github_pat_11ABCDEFG0${'a'.repeat(40)}`, '[REDACTED:github]'],
  ['aws access key', 'AKIAIOSFODNN7EXAMPLE', '[REDACTED:aws]'],
  [
    'aws secret',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'aws_secret_access_key = [REDACTED:aws]',
  ],
  ['slack', 'xoxb-1234567890-abcdefghij', '[REDACTED:slack]'],
  [
    'bearer header',
    'Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.abc',
    'Authorization: Bearer [REDACTED:bearer]',
  ],
  ['bearer lower', 'authorization: bearer abcdefgh12345678', 'authorization: bearer [REDACTED:bearer]'],
  ['x-api-key', '{"x-api-key": "abcd1234efgh5678"}', '{"x-api-key": "[REDACTED:api-key]"}'],
  ['env assignment', 'STRIPE_SECRET=rk_live_51Habc', 'STRIPE_SECRET=[REDACTED:secret]'],
];

describe('redact', () => {
  test.each(cases)('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test('leaves ordinary text alone', () => {
    const text =
      'task-1234 uses sk-learn, max_tokens=4096, input_tokens: 12345678, ghp_short, skip-ant-colony';
    expect(redact(text)).toBe(text);
  });

  test('keeps a JSON line valid', () => {
    const line = JSON.stringify({
      text: 'sk-ant-api03-Ab3dEf_gh-IJklMNopQRstUVwxYZ',
      h: 'Bearer abcdefghijklmn',
    });
    expect(JSON.parse(redact(line))).toEqual({ text: '[REDACTED:anthropic]', h: 'Bearer [REDACTED:bearer]' });
  });

  test('removes known secret values from the environment', () => {
    const env = { MY_SERVICE_TOKEN: 'plain-looking-value-42', HOME: '/root', SHORT_KEY: 'abc' };
    expect(knownSecrets(env)).toEqual(['plain-looking-value-42']);
    expect(redact('value plain-looking-value-42 and /root', knownSecrets(env))).toBe(
      'value [REDACTED:env] and /root',
    );
  });
});
