import { describe, expect, test } from 'vitest';
import { knownSecrets, RedactingStream, redact } from '../../src/agents/redact.js';

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
  ['stripe live', 'key sk_live_51HabcDEFghiJKLmnoPQR', 'key [REDACTED:stripe]'],
  ['gitlab', `glpat-${'a1B2'.repeat(5)}`, '[REDACTED:gitlab]'],
  ['twilio', `SK${'0f'.repeat(16)}`, '[REDACTED:twilio]'],
  ['sendgrid', `SG.${'a'.repeat(22)}.${'B'.repeat(43)}`, '[REDACTED:sendgrid]'],
  ['jwt', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_abcdEFGH', 'token [REDACTED:jwt]'],
  ['url password', 'postgres://user:password@host/db', 'postgres://user:[REDACTED:url-password]@host/db'],
  ['passwd', 'passwd: hunter2-x', 'passwd: [REDACTED:password]'],
  // after an escape in JSON or a stack trace: the letter of `\n` or `\t` hides nothing
  ['github after \\n', `"github:\\nghp_${'Qw7'.repeat(12)}"`, '"github:\\n[REDACTED:github]"'],
  ['anthropic after \\t', 'key\\tsk-ant-api03-Ab3dEf_gh-IJkl', 'key\\t[REDACTED:anthropic]'],
  ['aws after \\n', 'x\\nAKIAIOSFODNN7EXAMPLE', 'x\\n[REDACTED:aws]'],
  [
    'npm',
    `//registry.npmjs.org/:_authToken=npm_${'a1B2'.repeat(9)}`,
    '//registry.npmjs.org/:_authToken=[REDACTED:npm]',
  ],
  ['huggingface', `hf_${'aB3'.repeat(11)}`, '[REDACTED:huggingface]'],
  [
    'azure',
    'DefaultEndpointsProtocol=https;AccountKey=abcdEFGH1234ijklMNOP5678==;',
    'DefaultEndpointsProtocol=https;AccountKey=[REDACTED:azure];',
  ],
  [
    'pem block',
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----\nafter',
    '[REDACTED:private-key]\nafter',
  ],
];

describe('redact', () => {
  test.each(cases)('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test('an environment secret as JSON shows it, a passphrase with spaces, PGPASSWORD', () => {
    const env = {
      DB_PASSWORD: 'p4ss"w0rd\\x',
      BORG_PASSPHRASE: 'horse battery staple',
      PGPASSWORD: 'pg-s3cret-1',
    };
    const known = knownSecrets(env);
    const text = `${JSON.stringify({ pw: env.DB_PASSWORD })} ${env.BORG_PASSPHRASE} ${env.PGPASSWORD}`;
    expect(redact(text, known)).toBe('{"pw":"[REDACTED:env]"} [REDACTED:env] [REDACTED:env]');
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

  test('a PEM block is removed line by line from a stream', () => {
    const lines: string[] = [];
    const stream = new RedactingStream(
      (t) => redact(t),
      (t) => lines.push(t),
    );
    stream.write('before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIB');
    stream.write('AAKCAQEA\nQWERTY\n-----END RSA PRIVATE KEY-----\nafter\n');
    stream.end();
    expect(lines.join('')).toBe('before\n[REDACTED:private-key]\n\n\n\nafter\n');
  });

  test('by value: a secret-named variable, or a random-looking value whatever its name', () => {
    const env = {
      DB_PASS: 'hunter2-hunter2',
      X_CFG: 'q8Zr2LmN0vYt5KwB',
      NODE_ENV: 'production',
      MODEL: 'claude-sonnet-4-5',
    };
    expect(knownSecrets(env).sort()).toEqual(['hunter2-hunter2', 'q8Zr2LmN0vYt5KwB']);
  });

  test('removes known secret values from the environment', () => {
    const env = { MY_SERVICE_TOKEN: 'plain-looking-value-42', HOME: '/root', SHORT_KEY: 'abc' };
    expect(knownSecrets(env)).toEqual(['plain-looking-value-42']);
    expect(redact('value plain-looking-value-42 and /root', knownSecrets(env))).toBe(
      'value [REDACTED:env] and /root',
    );
  });
});
