// The /proc scan behind status's "a session started with ... is running in this repo": each
// agent's command-line shapes (a native binary, a script node or sh runs) with the flags that
// leave out its hooks, only in the repo's folders. The processes here are stand-ins with the
// agents' names; the flags themselves are played with the real binaries in test/gates/claude-code,
// test/hooks/qwen and test/hooks/opencode.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unhookedSessions } from '../../src/api/unhooked-sessions.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0))
    try {
      process.kill(-c.pid!, 'SIGKILL'); // the script and its sleep
    } catch {}
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'kd-sessions-'));
  dirs.push(d);
  return d;
};

/** A process whose command line is `<program> <args>`, a script that waits, in `cwd`. */
function standIn(program: string, args: string[], cwd: string): ChildProcess {
  mkdirSync(join(program, '..'), { recursive: true });
  writeFileSync(program, '#!/bin/sh\nsleep 30\n');
  chmodSync(program, 0o755);
  const c = spawn(program, args, { cwd, stdio: 'ignore', detached: true });
  children.push(c);
  return c;
}

describe('agent sessions started without their hooks', () => {
  it('are found by their command line, in the repo and its folders only', async () => {
    const repo = folder();
    const bin = folder();
    mkdirSync(join(repo, 'src'));
    const found = [
      standIn(join(bin, 'opencode'), ['run', '--pure', 'x'], join(repo, 'src')),
      standIn(join(bin, 'codex.js'), ['exec', '--disable', 'codex_hooks', 'x'], repo),
      standIn(join(bin, 'node_modules/@qwen-code/qwen-code/cli-entry.js'), ['--safe-mode'], repo),
    ];
    standIn(join(bin, '1/claude'), ['-p', 'x'], repo); // with its hooks
    // Claude Code settings that keep the project's hooks
    standIn(join(bin, '2/claude'), ['--setting-sources', 'user,project', '-p', 'x'], repo);
    standIn(join(bin, '3/claude'), ['--settings', '{"model":"m"}', '-p', 'x'], repo);
    writeFileSync(join(repo, 'quiet.json'), '{"disableAllHooks": true}');
    found.push(
      standIn(join(bin, '4/claude'), ['--setting-sources=user', '-p', 'x'], repo),
      standIn(join(bin, '5/claude'), ['--settings', 'quiet.json', '-p', 'x'], repo),
    );
    standIn(join(bin, 'other/claude'), ['--bare'], folder()); // elsewhere
    await new Promise((ok) => setTimeout(ok, 300));
    const sessions = unhookedSessions(repo).sort((a, b) => a.agent.localeCompare(b.agent) || a.pid - b.pid);
    expect(sessions).toEqual([
      { agent: 'claude', pid: found[3]!.pid, flag: '--setting-sources=user' },
      { agent: 'claude', pid: found[4]!.pid, flag: '--settings' },
      { agent: 'codex', pid: found[1]!.pid, flag: '--disable codex_hooks' },
      { agent: 'opencode', pid: found[0]!.pid, flag: '--pure' },
      { agent: 'qwen', pid: found[2]!.pid, flag: '--safe-mode' },
    ]);
  });

  it("a key in another session's settings flag is not repeated", async () => {
    const repo = folder();
    const key = `ghp_${'Kq7Zt2Wm9Xr4'.repeat(3)}`;
    const flag = `--settings={"env":{"GH":"${key}"},"disableAllHooks":true}`;
    const session = standIn(join(folder(), 'claude'), [flag, '-p', 'x'], repo);
    await new Promise((ok) => setTimeout(ok, 300));
    const [found] = unhookedSessions(repo);
    expect(found).toMatchObject({ agent: 'claude', pid: session.pid });
    expect(found!.flag).toContain('[REDACTED:');
    expect(found!.flag).not.toContain(key);
  });
});
