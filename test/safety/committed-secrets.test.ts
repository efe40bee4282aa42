// A secret written into a file: every layer that reads what a task or a PR wrote names it by
// file, line and kind (never the secret), and ordinary code that talks about passwords is not
// a secret. The scanner on its own; `killdate secrets` and `killdate ci --base` in real git
// repos, and the pre-commit hook under a real `git commit` (the review of `run` and `accept
// --commit` are in test/orchestrator/cli.test.ts, the agents' guards in test/hooks/).
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownSecrets } from '../../src/agents/redact.js';
import { secretsInText } from '../../src/agents/secrets-in-files.js';
import { humanEnv } from '../helpers/human-env.js';
import { CLI, cli, commitAll, git, makeRepo, write } from '../ship/repo.js';

const mix = (n: number) => 'Kq7Zt2Wm9Xr4'.repeat(8).slice(0, n);
/** One key of each format a file is checked for, built here so no literal key sits in this repo. */
const KEYS: [kind: string, text: string][] = [
  ['anthropic', `sk-ant-api03-${mix(40)}`],
  ['openai', `sk-proj-${mix(44)}`],
  ['github', `ghp_${mix(36)}`],
  ['gitlab', `glpat-${mix(20)}`],
  ['slack', `xoxb-1234567890-${mix(24)}`],
  ['google', `AIza${mix(35)}`],
  ['stripe', `sk_live_${mix(24)}`],
  ['sendgrid', `SG.${mix(22)}.${mix(43)}`],
  ['aws', `AKIA${'QZ7WM2XR4KT9VB3N'}`],
  ['npm', `npm_${mix(36)}`],
  ['huggingface', `hf_${mix(34)}`],
  ['password', `DB_PASSWORD=${mix(20)}`],
  ['secret', `CLIENT_SECRET: "${mix(24)}"`],
  ['url-password', `postgres://app:${mix(18)}@db.internal:5432/app`],
  ['password', `password=Xk9$mQ2#vL8pR4wZ7n`],
];

describe('secrets in a file', () => {
  it('finds each key format, a private key block and a random labelled value, at its line', () => {
    for (const [kind, text] of KEYS) {
      const found = secretsInText(`// config\n\nexport const value = '${text}';\n`);
      expect(
        found.map((f) => [f.kind, f.line]),
        kind,
      ).toEqual([[kind, 3]]);
    }
    const pem = `a\n-----BEGIN EC PRIVATE KEY-----\n${mix(64)}\n-----END EC PRIVATE KEY-----\n`;
    expect(secretsInText(pem).map((f) => [f.kind, f.line])).toEqual([['private-key', 2]]);
  });

  it("finds this environment's secret values, whatever their shape; a URL or options in a variable are no secret", () => {
    const found = secretsInText('const a = 1;\nconst b = "plain-words-1";\n', ['plain-words-1']);
    expect(found.map((f) => [f.kind, f.line])).toEqual([['env', 2]]);
    const env = {
      SERVICE_TOKEN: 'plain-words-1',
      API_BASE_URL: 'https://api.example.com/v2',
      DATABASE_URL: 'postgres://localhost:5432/app_dev',
      JAVA_TOOL_OPTIONS: '-Dfile.encoding=UTF8 -Xmx2048m',
      RANDOM_ID: 'Q7xK2mW9zR4tV8nB3cL6',
    };
    expect(knownSecrets(env, { inFiles: true }).sort()).toEqual(['Q7xK2mW9zR4tV8nB3cL6', 'plain-words-1']);
  });

  it('finds nothing in code that names a password, placeholders, public ids or examples', () => {
    const code = [
      'interface Login { password: string; passwordConfirm?: string }',
      'const pwd = input.value.trim();',
      'if (user.password === hashPassword(input)) ok();',
      'const url = "postgres://user:password@localhost:5432/app";',
      'API_KEY=your-api-key-here',
      'password=changeme',
      "headers.Authorization = 'Bearer ' + token;",
      `const publishable = 'pk_live_${mix(24)}';`,
      `const account = 'AC${'0123456789abcdef'.repeat(2)}';`,
      'const sha = "3f786850e387550fdab836ed7e6dc881de23001b";',
      `const example = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.${mix(20)}';`,
      'process.env.STRIPE_SECRET_KEY ?? fail("STRIPE_SECRET_KEY is not set")',
      'const password = process.env.DB_PASSWORD_V2;',
      'API_KEY=process.env.OPENAI_API_KEY1',
      'clientSecret = settings.oauth2ClientSecret',
      'pwd: "/home/user/projects/MyApp2024/src"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: code that reads a variable, as text
      'password: `${process.env.PASSWORD_2024}`',
    ].join('\n');
    expect(secretsInText(code)).toEqual([]);
  });
});

describe('killdate secrets and killdate ci', () => {
  const key = KEYS[2]![1];

  it('killdate secrets names each secret the working tree adds; one already committed is not blamed', () => {
    const repo = makeRepo({ 'src/old.ts': `export const legacy = '${key}';\n`, 'src/a.ts': 'export {};\n' });
    write(repo, {
      'src/old.ts': `export const legacy = '${key}';\nexport const more = 1;\n`,
      'src/a.ts': 'export const a = 1;\n',
    });
    const clean = cli(repo, ['secrets']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('no secret added (2 changed file(s) since HEAD)');
    // the agent's move: a key into a tracked file and a new one, and into a file name
    write(repo, {
      'src/a.ts': `export const a = 1;\nconst token = '${KEYS[0]![1]}';\n`,
      'src/new.ts': `\n\nexport const pw = 'password: ${mix(20)}';\n`,
      [`notes/${KEYS[6]![1]}.txt`]: 'x\n',
    });
    const r = cli(repo, ['secrets']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('secret src/a.ts:2 (anthropic)');
    expect(r.stdout).toContain('secret src/new.ts:3 (password)');
    expect(r.stdout).toContain('secret notes/[REDACTED:stripe].txt (stripe, in the name)');
    expect(r.stdout).toContain('3 secret(s) added in 4 changed file(s) since HEAD');
    expect(r.stdout).not.toContain('src/old.ts');
    const json = JSON.parse(cli(repo, ['secrets', '--json']).stdout);
    expect(json).toMatchObject({ version: 1, base: 'HEAD', checked: 4, ok: false });
    for (const out of [r.stdout, r.stderr, JSON.stringify(json)]) {
      expect(out).not.toContain(KEYS[0]![1]);
      expect(out).not.toContain(KEYS[6]![1]);
      expect(out).not.toContain(mix(20));
    }
  });

  it('killdate ci --base fails a PR whose commits add a secret, even one removed again; a key the base had, or renamed, is not blamed', () => {
    const repo = makeRepo({ 'src/old.ts': `export const legacy = '${key}';\n` });
    git(repo, 'checkout', '-q', '-b', 'feat/x');
    git(repo, 'mv', 'src/old.ts', 'src/legacy.ts');
    write(repo, {
      'src/legacy.ts': `export const legacy = '${key}';\nexport const more = 1;\n`,
      'src/client.ts': `export const client = {\n  key: '${KEYS[1]![1]}',\n};\n`,
      'src/wide.txt': Buffer.from(`\ufeffkey ${KEYS[0]![1]}\n`, 'utf16le'),
    });
    commitAll(repo, 'the agent commits a key');
    const sha = git(repo, 'rev-parse', '--short=7', 'HEAD').trim();
    const secrets = (r: { stdout: string }) =>
      JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'ci/secret');
    const r = cli(repo, ['ci', '--base', 'main', '--format', 'json']);
    expect(r.code).toBe(1);
    const want = [
      expect.objectContaining({
        file: 'src/client.ts',
        line: 2,
        message: `commit ${sha} adds a secret (openai)`,
      }),
      expect.objectContaining({
        file: 'src/wide.txt',
        line: 1,
        message: `commit ${sha} adds a secret (anthropic)`,
      }),
    ];
    expect(secrets(r)).toEqual(want);
    expect(r.stdout + r.stderr).not.toContain(KEYS[1]![1]);
    // the agent's next move: the files removed again; the keys stay in the PR's history
    git(repo, 'rm', '-q', 'src/client.ts', 'src/wide.txt');
    commitAll(repo, 'removed again');
    const after = cli(repo, ['ci', '--base', 'main', '--format', 'json']);
    expect(after.code).toBe(1);
    expect(secrets(after)).toEqual(want);
  });

  it('the pre-commit hook refuses a commit that adds a secret, task or no task; a clean commit goes in', () => {
    const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
    const installed = cli(repo, ['hooks', 'install', '--bin', `${process.execPath} ${CLI}`]);
    expect(installed.code, installed.stderr).toBe(0);
    commitAll(repo, 'the guard, installed by the person');
    const commit = () =>
      spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: repo, encoding: 'utf8', env: humanEnv() });
    const head = git(repo, 'rev-parse', 'HEAD');
    // the agent's move: a key staged with other work, and committed
    write(repo, { 'src/a.ts': 'export const a = 1;\n', 'src/k.ts': `\nexport const k = '${key}';\n` });
    git(repo, 'add', '-A');
    const r = commit();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('killdate pre-commit: a secret in src/k.ts:2 (github)');
    expect(r.stderr).not.toContain(key);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    git(repo, 'rm', '-q', '--cached', 'src/k.ts');
    expect(commit().status).toBe(0);
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('src/a.ts');
  });

  it('killdate secrets --staged reads the index, before the first commit too', () => {
    const repo = mkdtempSync(join(tmpdir(), 'kd-secrets-'));
    git(repo, 'init', '-q');
    write(repo, { 'k.txt': `token ${key}\n`, 'clean.txt': 'x\n' });
    git(repo, 'add', 'clean.txt');
    expect(cli(repo, ['secrets', '--staged']).code).toBe(0);
    git(repo, 'add', 'k.txt');
    const r = cli(repo, ['secrets', '--staged', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).secrets).toEqual([{ path: 'k.txt', line: 1, kind: 'github' }]);
  });

  it('a UTF-16 mark in front of plain text hides no key; placeholders and names are no keys', () => {
    const repo = makeRepo({ 'a.txt': 'x\n' });
    write(repo, {
      'bom.env': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`X=1\nAWS_ID=${KEYS[8]![1]}\n`)]),
      '.env.example':
        'STRIPE_KEY=sk_test_XXXXXXXXXXXXXXXXXXXXXXXX\nOPENAI_API_KEY=sk-your-key-goes-here-please\n',
      'docs/adr/0003-use-sk-learn-for-forecasting.md': '# Use sk-learn-for-forecasting-models\n',
    });
    const r = JSON.parse(cli(repo, ['secrets', '--json']).stdout);
    expect(r.secrets).toEqual([{ path: 'bom.env', line: 2, kind: 'aws' }]);
  });

  it('a base that looks like an option is refused before git sees it', () => {
    const repo = makeRepo({ 'a.txt': 'x\n' });
    const out = join(tmpdir(), `kd-injected-${process.pid}`);
    for (const args of [
      ['secrets', `--base=--output=${out}`],
      ['secrets', '--staged', `--base=--output=${out}`],
      ['ci', `--base=--output=${out}`],
    ]) {
      const r = cli(repo, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('not a commit in this repo');
    }
    expect(spawnSync('sh', ['-c', `ls ${out}* 2>/dev/null`], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('ci --base does not blame a PR for a key the base held, deleted and put back', () => {
    const repo = makeRepo({ 'fixture.env': `TOKEN=${key}\n` });
    git(repo, 'checkout', '-q', '-b', 'feat/x');
    git(repo, 'rm', '-q', 'fixture.env');
    commitAll(repo, 'drop the fixture');
    write(repo, { 'fixture.env': `TOKEN=${key}\n` });
    commitAll(repo, 'put it back');
    const r = cli(repo, ['ci', '--base', 'main', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('ci/secret');
  });

  it('a key the base held, moved to another file, is not blamed; one copied is', () => {
    const repo = makeRepo({ 'config/old.env': `TOKEN=${key}\nMODE=dev\n`, 'src/a.ts': 'export {};\n' });
    git(repo, 'checkout', '-q', '-b', 'feat/x');
    // moved: taken out of one file into a new one; then both deleted and the key put in a renamed file
    write(repo, { 'config/old.env': 'MODE=dev\n', 'config/new.env': `TOKEN=${key}\n` });
    expect(cli(repo, ['secrets']).code).toBe(0);
    git(repo, 'add', '-A');
    expect(cli(repo, ['secrets', '--staged']).code).toBe(0);
    git(repo, 'rm', '-q', '-f', 'config/old.env', 'config/new.env');
    git(repo, 'mv', 'src/a.ts', 'src/b.ts');
    write(repo, { 'src/b.ts': `export const token = '${key}';\n` });
    expect(cli(repo, ['secrets', '--base', 'main']).code).toBe(0);
    commitAll(repo, 'move the key');
    const moved = cli(repo, ['ci', '--base', 'main', '--format', 'json']);
    expect(JSON.parse(moved.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('ci/secret');
    // copied: the base's file still holds it, so the new file adds it
    const repo2 = makeRepo({ 'config/old.env': `TOKEN=${key}\n` });
    write(repo2, { 'config/copy.env': `TOKEN=${key}\n` });
    const copied = cli(repo2, ['secrets']);
    expect(copied.code).toBe(1);
    expect(copied.stdout).toContain('secret config/copy.env:1 (github)');
  });

  it('a file padded past 16 MB is read in windows: the key at its end is found at its line', () => {
    const repo = makeRepo({ 'a.txt': 'x\n' });
    const lines = 17 * 1024;
    write(repo, { 'data.txt': `${`${'x'.repeat(1023)}\n`.repeat(lines)}token ${key}\n` });
    const r = JSON.parse(cli(repo, ['secrets', '--json']).stdout);
    expect(r).toMatchObject({
      ok: false,
      secrets: [{ path: 'data.txt', line: lines + 1, kind: 'github' }],
    });
  });

  it('a file past 256 MB is read as it streams: its key is found in the tree and in a PR; one the base held is not blamed', () => {
    const repo = makeRepo({ 'a.txt': 'x\n' });
    git(repo, 'checkout', '-q', '-b', 'feat/big');
    const lines = 257 * 1024;
    const line = `${'x'.repeat(1023)}\n`;
    const fd = openSync(join(repo, 'data.txt'), 'w');
    const block = line.repeat(1024);
    for (let i = 0; i < lines / 1024; i++) writeSync(fd, block);
    writeSync(fd, `token ${key}\n`);
    closeSync(fd);
    const found = [{ path: 'data.txt', line: lines + 1, kind: 'github' }];
    expect(JSON.parse(cli(repo, ['secrets', '--json']).stdout)).toMatchObject({ ok: false, secrets: found });
    commitAll(repo, 'a large file with a key at its end');
    const pr = JSON.parse(cli(repo, ['ci', '--base', 'main', '--format', 'json']).stdout);
    expect(pr.findings.filter((f: { rule: string }) => f.rule === 'ci/secret')).toEqual([
      expect.objectContaining({ severity: 'error', file: 'data.txt', line: lines + 1 }),
    ]);
    // the next edit keeps the key the base (HEAD) holds: nothing added
    appendFileSync(join(repo, 'data.txt'), 'more\n');
    expect(JSON.parse(cli(repo, ['secrets', '--json']).stdout)).toMatchObject({ ok: true, secrets: [] });
  }, 180_000);
});
