// Every way an agent run can go wrong, through the real runner with small fake agent programs
// (test/helpers/fake-agents): each ends with a clear status and reason, the process group gone,
// the working tree as the agent left it and a redacted transcript on disk.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type RunAgentOptions, runAgent } from '../../src/agents/run.js';
import type { ResolvedAgent } from '../../src/core/agent-config.js';

const FAKES = join(import.meta.dirname, '..', 'helpers', 'fake-agents');

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-agent-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(join(dir, 'keep.txt'), 'keep\n');
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base'], { cwd: dir });
  return dir;
}

const fake = (script: string, adapter: ResolvedAgent['adapter'] = 'claude'): ResolvedAgent => ({
  name: 'claude',
  adapter,
  bin: join(FAKES, script),
  extraArgs: [],
  timeoutSeconds: 60,
});

function run(agent: ResolvedAgent, extra: Partial<RunAgentOptions> = {}) {
  const root = repo();
  return runAgent({
    root,
    cwd: root,
    agent,
    role: 'executor',
    prompt: 'Do the task.',
    limits: { graceMs: 300 },
    ...extra,
  }).then((r) => ({ r, root }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const transcriptFile = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('agent faults through the runner', () => {
  test('missing binary on PATH', async () => {
    const { r } = await run(
      { name: 'claude', adapter: 'claude', extraArgs: [], timeoutSeconds: 60 },
      { env: { ...process.env, PATH: '/nonexistent' } },
    );
    expect(r).toMatchObject({ status: 'failed', failure: 'missing-binary' });
    expect(r.reason).toBe('claude not found on PATH; install it or set agents.settings.claude.bin');
    expect(JSON.parse(transcriptFile(r.transcriptDir, 'meta.json'))).toMatchObject({
      status: 'failed',
      failure: 'missing-binary',
    });
  });

  test('missing configured binary', async () => {
    const { r } = await run({ ...fake('x'), bin: '/nonexistent/claude' });
    expect(r.reason).toBe('/nonexistent/claude not found; check agents.settings.claude.bin');
  });

  test('expired login', async () => {
    const { r } = await run(fake('expired.mjs'));
    expect(r).toMatchObject({ status: 'failed', failure: 'auth', exitCode: 1 });
    expect(r.reason).toContain('Please run /login');
    expect(r.reason).toContain('could not log in');
  });

  test('non-zero exit of a plain command', async () => {
    const agent: ResolvedAgent = {
      name: 'mine',
      adapter: 'command',
      bin: process.execPath,
      extraArgs: ['-e', 'console.log("working"); console.error("boom: disk full"); process.exit(3)'],
      timeoutSeconds: 60,
    };
    const { r } = await run(agent);
    expect(r).toMatchObject({ status: 'failed', failure: 'exit', exitCode: 3 });
    expect(r.reason).toBe('exited with code 3');
    expect(r.outputTail).toContain('boom: disk full');
  });

  test('a plain command is started once: no --version probe runs its work twice or waits on stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-once-'));
    const script = join(dir, 'agent.sh');
    writeFileSync(script, `#!/bin/sh\necho "started $*" >> ${dir}/starts\ncat > ${dir}/brief\necho done\n`, {
      mode: 0o755,
    });
    const agent: ResolvedAgent = {
      name: 'mine',
      adapter: 'command',
      bin: script,
      extraArgs: [],
      timeoutSeconds: 60,
    };
    const { r } = await run(agent);
    expect(r).toMatchObject({ status: 'ok', text: 'done' });
    expect(r.version).toBeUndefined();
    expect(readFileSync(join(dir, 'starts'), 'utf8')).toBe('started \n');
    expect(readFileSync(join(dir, 'brief'), 'utf8')).toBe('Do the task.');
  });

  test('a login error seen only on stderr', async () => {
    const agent: ResolvedAgent = {
      name: 'mine',
      adapter: 'command',
      bin: process.execPath,
      extraArgs: ['-e', 'console.error("Error: 401 Unauthorized: token expired"); process.exit(1)'],
      timeoutSeconds: 60,
    };
    const { r } = await run(agent);
    expect(r).toMatchObject({ status: 'failed', failure: 'auth' });
    expect(r.reason).toContain('401 Unauthorized');
  });

  test("the child gets the caller's environment by default", async () => {
    process.env.KD_PROVIDER_URL = 'http://127.0.0.1:9/v1';
    const agent: ResolvedAgent = {
      name: 'mine',
      adapter: 'command',
      bin: process.execPath,
      extraArgs: ['-e', 'console.log(process.env.KD_PROVIDER_URL)'],
      timeoutSeconds: 60,
    };
    const { r } = await run(agent);
    delete process.env.KD_PROVIDER_URL;
    expect(r).toMatchObject({ status: 'ok', text: 'http://127.0.0.1:9/v1' });
  });

  test('no final result', async () => {
    const { r } = await run(fake('partial.mjs'));
    expect(r).toMatchObject({ status: 'failed', failure: 'no-result', exitCode: 0 });
    expect(r.reason).toContain('no final result');
    expect(r.session?.id).toBe('fake-session-0001');
  });

  test('hang: the timeout kills the group (SIGTERM ignored, then SIGKILL)', async () => {
    const { r } = await run(fake('hang.mjs'), { timeoutMs: 500 });
    expect(r).toMatchObject({ status: 'failed', failure: 'timeout', signal: 'SIGKILL' });
    expect(r.reason).toBe('claude timed out after 1 s; its processes were stopped');
  });

  test('crash halfway (killed by a signal)', async () => {
    const { r } = await run(fake('crash.mjs'));
    expect(r).toMatchObject({ status: 'failed', failure: 'crash', signal: 'SIGKILL' });
    expect(r.reason).toContain('crashed: killed by SIGKILL before a final result');
    expect(r.events.some((e) => e.type === 'tool_call' && e.name === 'Write')).toBe(true);
  });

  test('garbage on stdout', async () => {
    const { r } = await run(fake('garbage.mjs'));
    expect(r).toMatchObject({ status: 'failed', failure: 'garbage' });
    expect(r.reason).toContain('garbage on stdout: 4 line(s)');
    expect(r.events.filter((e) => e.type === 'garbage')).toHaveLength(4);
  });

  test('huge output is stopped and not stored', async () => {
    const { r } = await run(fake('huge.mjs'), { env: { ...process.env, FAKE_MB: '400' } });
    expect(r).toMatchObject({ status: 'failed', failure: 'output-too-large' });
    expect(r.reason).toBe('claude printed more than 64 MB: output too large; it was stopped');
    expect(statSync(join(r.transcriptDir, 'stdout.log')).size).toBeLessThan(17 * 1024 * 1024);
    expect(r.events.length).toBeLessThanOrEqual(20_001);
  }, 60_000);

  test('a grandchild left running after the final result is killed with the group', async () => {
    const pidfile = join(mkdtempSync(join(tmpdir(), 'kd-pid-')), 'pid');
    const { r } = await run(fake('grandchild.mjs'), {
      env: { ...process.env, FAKE_PIDFILE: pidfile, FAKE_FINISH: '1' },
    });
    expect(r.status).toBe('ok');
    const pid = Number(readFileSync(pidfile, 'utf8'));
    expect(await eventually(() => !alive(pid))).toBe(true);
  });

  test('a grandchild of a hung agent dies on timeout', async () => {
    const pidfile = join(mkdtempSync(join(tmpdir(), 'kd-pid-')), 'pid');
    const { r } = await run(fake('grandchild.mjs'), {
      timeoutMs: 500,
      env: { ...process.env, FAKE_PIDFILE: pidfile },
    });
    expect(r.failure).toBe('timeout');
    const pid = Number(readFileSync(pidfile, 'utf8'));
    expect(await eventually(() => !alive(pid))).toBe(true);
  });

  test('a write outside the folder is reported and left in place', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'kd-outside-')), 'escaped.txt');
    const { r } = await run(fake('outside.mjs'), { env: { ...process.env, FAKE_OUTSIDE: outside } });
    expect(r.status).toBe('ok');
    expect(readFileSync(outside, 'utf8')).toBe('escaped\n');
    expect(r.filesChanged).toEqual([outside]);
    expect(r.events).toContainEqual({ type: 'file_change', path: outside, kind: 'add' });
  });

  test('a deleted file stays deleted (the tree is as the agent left it)', async () => {
    const root = repo();
    const { r } = await run(fake('delete.mjs'), {
      root,
      cwd: root,
      env: { ...process.env, FAKE_DELETE: join(root, 'keep.txt') },
    });
    expect(r.status).toBe('ok');
    expect(existsSync(join(root, 'keep.txt'))).toBe(false);
    // the transcript under .killdate/runs/ is not a change of the tree
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
    expect(status).toBe(' D keep.txt\n');
  });

  test('Ctrl-C stops the group and reports interrupted', async () => {
    const root = repo();
    const runId = 'ctrl-c';
    const pending = run(fake('hang.mjs'), { root, cwd: root, runId });
    const log = join(root, '.killdate', 'runs', runId, 'stdout.log');
    expect(await eventually(() => existsSync(log) && statSync(log).size > 0)).toBe(true);
    process.kill(process.pid, 'SIGINT');
    const { r } = await pending;
    expect(r).toMatchObject({ status: 'interrupted', failure: 'interrupted' });
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  test('an abort signal interrupts too', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const { r } = await run(fake('hang.mjs'), { signal: ac.signal, handleSigint: false });
    expect(r.status).toBe('interrupted');
  });

  test('the transcript is written and secrets are redacted in it', async () => {
    const secret = 'zz-very-private-value-9876';
    const { r, root } = await run(
      {
        ...fake('secrets.mjs'),
        extraArgs: ['--append-system-prompt', 'key sk-ant-api03-INARGVxxxxxxxxxxxxxx'],
      },
      // passed on, so the agent prints it: its value is redacted where the agent's output is kept
      {
        env: { ...process.env, FAKE_SECRET: secret, MY_SERVICE_TOKEN: secret },
        passEnv: ['FAKE_SECRET'],
        runId: 'secrets',
      },
    );
    expect(r.status).toBe('ok');
    expect(r.transcriptDir).toBe(join(root, '.killdate', 'runs', 'secrets'));
    const files = ['events.jsonl', 'stdout.log', 'stderr.log', 'meta.json'].map((f) =>
      transcriptFile(r.transcriptDir, f),
    );
    const all = files.join('\n');
    for (const s of [secret, 'sk-ant-api03-AAAA', 'abcdefghijklmnop123', 'sk-proj-abc', 'ghp_aaaa', 'INARGV'])
      expect(all).not.toContain(s);
    expect(all).toContain('[REDACTED:anthropic]');
    expect(all).toContain('[REDACTED:env]');
    const meta = JSON.parse(files[3] ?? '{}');
    expect(meta).toMatchObject({
      agent: 'claude',
      adapter: 'claude',
      version: '0.0.1',
      role: 'executor',
      status: 'ok',
      exitCode: 0,
      cwd: root,
    });
    // the one not passed on never reached the agent; only its name is kept
    expect(meta.withheld).toContain('MY_SERVICE_TOKEN');
    expect(meta.withheld).not.toContain('FAKE_SECRET');
    expect(meta.argv).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits',
      '--append-system-prompt',
      'key [REDACTED:anthropic]',
    ]);
    const events = (files[0] ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0]).toEqual({ type: 'agent', name: 'claude', adapter: 'claude', version: '0.0.1' });
    expect(events.at(-1)).toMatchObject({ type: 'result', status: 'ok' });
    expect(r.costUsd).toBe(0.0012);
  });
});
