// The tool-call guard through the built CLI, as each agent calls it: protected records and
// human-act shell commands refused task or no task, the repo found from the project dir and the
// target (not the hook's cwd), and each agent's answer format.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { CLI, makeRepo, type Repo } from '../gates/repo.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

function activate(dir: string, files: string[]) {
  writeActiveTask(dir, {
    version: 1,
    feature: 'settings',
    task: '01-form',
    runbook: 'feature-builds/settings/runbook-01-form.md',
    base: 'HEAD',
    startedAt: new Date().toISOString(),
    files,
    testPairing: {},
  });
}

/** The hook as an agent runs it, killed at the guards' own timeout (10 s), as the agent would. */
function hook(
  event: string,
  agent: string,
  input: unknown,
  opts: { cwd?: string; env?: Record<string, string> } = {},
) {
  const r = spawnSync(process.execPath, [CLI, 'hook', event, '--agent', agent], {
    cwd: opts.cwd ?? repo.dir,
    input: typeof input === 'string' ? input : JSON.stringify(input),
    encoding: 'utf8',
    env: { ...process.env, CLAUDE_PROJECT_DIR: '', ...opts.env },
    timeout: 10_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (file_path: string, cwd = repo.dir) => ({
  cwd,
  tool_name: 'Write',
  tool_input: { file_path, content: 'x' },
});
const bash = (command: string) => ({ cwd: repo.dir, tool_name: 'Bash', tool_input: { command } });

describe('protected records and human acts, task or no task', () => {
  it('refuses writes to SIGNOFFS.md, REVIEW.md, .killdate/, the config and agent hook files', () => {
    repo = makeRepo({ 'a.md': 'x' });
    for (const p of [
      'feature-builds/x/SIGNOFFS.md',
      'feature-builds/x/REVIEW.md',
      '.killdate/active-task.json',
      'killdate.config.yaml',
      '.claude/settings.local.json',
      '.codex/hooks.json',
      '.gemini/settings.json',
      '.git/hooks/pre-commit',
      '.github/hooks/killdate.json',
    ]) {
      const r = hook('before-write', 'claude', write(join(repo.dir, p)));
      expect(r.status, p).toBe(2);
      expect(r.stderr).toMatch(/an agent may not write it/);
      expect(JSON.parse(r.stdout).hookSpecificOutput).toMatchObject({
        hookEventName: 'PreToolUse',
        permissionDecision: 'deny',
      });
    }
    expect(hook('before-write', 'claude', write(join(repo.dir, 'src/a.ts'))).status).toBe(0);
  });

  it('refuses a shell command that runs a human act, however it is written', () => {
    repo = makeRepo({ 'a.md': 'x' });
    for (const c of [
      'killdate signoff f cp3 --yes',
      'npx killdate approve',
      'cd x && node ../dist/killdate.js -C . accept --reason ok',
      'echo y | "killdate" canary expand f',
      'true; killdate feature complete f',
    ]) {
      const r = hook('before-shell', 'claude', bash(c));
      expect(r.status, c).toBe(2);
      expect(r.stderr).toMatch(/is a human act; an agent may not run it/);
      expect(r.stderr).not.toMatch(/--yes|outside|elsewhere|instead/);
    }
    for (const c of ['killdate status', 'killdate canary status', 'npm test'])
      expect(hook('before-shell', 'claude', bash(c)).status, c).toBe(0);
  });
});

describe('an agent started without its hooks', () => {
  it('is refused while a task is active, however it is spelled; without a task, or with its hooks, it runs', () => {
    repo = makeRepo({ 'a.md': 'x' });
    const unhooked: [string, string][] = [
      ["claude -p --bare 'write it'", 'claude --bare'],
      ['npx claude --bare=true -p x', 'claude --bare=true'],
      ['cd src && /usr/local/bin/claude -p x --bare', 'claude --bare'],
      ['claude --restricted -p x', 'claude --restricted'],
      ['claude --setting-sources user -p x', 'claude --setting-sources'],
      [`claude --settings '{"disableAllHooks":true}' -p x`, 'claude --settings'],
      ['qwen --safe-mode -p x', 'qwen --safe-mode'],
      ['opencode run --pure x', 'opencode --pure'],
      ['codex exec --disable codex_hooks x', 'codex --disable codex_hooks'],
      ["codex exec -c 'features.codex_hooks=false' x", 'codex -c features.codex_hooks=false'],
    ];
    for (const [c] of unhooked) expect(hook('before-shell', 'claude', bash(c)).status, c).toBe(0);
    activate(repo.dir, ['src/**']);
    for (const [c, shown] of unhooked)
      for (const agent of ['claude', 'codex']) {
        const r = hook(
          'before-shell',
          agent,
          agent === 'codex' ? { ...bash(c), hook_event_name: 'PreToolUse' } : bash(c),
        );
        expect(r.status, `${agent}: ${c}`).toBe(2);
        expect(r.stderr).toContain(
          `\`${shown}\` starts an agent without killdate's hooks while task 01-form is active; an agent may not run it`,
        );
        expect(r.stderr).not.toMatch(/instead|remove|without --|drop/);
      }
    for (const c of [
      "claude -p 'fix it'",
      'qwen -p x',
      'opencode run x',
      'codex exec x',
      'echo --bare',
      'npm test -- --bare',
    ])
      expect(hook('before-shell', 'claude', bash(c)).status, c).toBe(0);
    // a key in the flag's own value is not repeated in the refusal
    const key = `sk-ant-api03-${'Zq7Xw2Lp9Rt4Vb8N'.repeat(5)}AA`;
    const withKey = hook('before-shell', 'claude', bash(`claude --settings=${key} -p x`));
    expect(withKey.status).toBe(2);
    expect(withKey.stderr).toContain("starts an agent without killdate's hooks while task 01-form is active");
    expect(withKey.stderr).not.toContain(key);
    // 100,000 agent names before the flag: one pass, answered within the agents' time limit
    const long = `${'claude '.repeat(100_000)}--bare`;
    expect(hook('before-shell', 'claude', bash(long)).stderr).toContain('`claude --bare` starts an agent');
  }, 30_000);
});

describe('the repo comes from the project dir and the target, not the hook cwd', () => {
  it('a human act at the end of a very long command (60,000 killdate words) is still refused within the timeout', () => {
    repo = makeRepo({});
    const long = `${'killdate x '.repeat(60_000)}; killdate signoff f cp3`;
    const r = hook('before-shell', 'claude', bash(long));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`killdate signoff` is a human act');
  }, 30_000);

  it('after a cd into a submodule, a write outside FILES in the outer repo is blocked', () => {
    repo = makeRepo({ 'a.md': 'x' });
    const sub = join(repo.dir, 'vendor/lib');
    mkdirSync(sub, { recursive: true });
    spawnSync('git', ['init', '-q'], { cwd: sub });
    activate(repo.dir, ['src/**']);
    const r = hook('before-write', 'claude', write(join(sub, 'x.ts'), sub), {
      cwd: sub,
      env: { CLAUDE_PROJECT_DIR: repo.dir },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/vendor\/lib\/x\.ts is outside the active task's FILES/);
    // without the project dir the target's enclosing repos are still found
    expect(hook('before-write', 'claude', write(join(sub, 'y.ts'), sub), { cwd: sub }).status).toBe(2);
    expect(hook('before-write', 'claude', write(join(repo.dir, 'src/ok.ts'), sub), { cwd: sub }).status).toBe(
      0,
    );
  });
});

describe('tool calls shaped to slip past the guard, as each agent reads them', () => {
  const denied = (r: { status: number | null; stdout: string; stderr: string }) =>
    r.status === 2 || /"deny"/.test(r.stdout);
  const patch = (...lines: string[]) => `*** Begin Patch\n${lines.join('\n')}\n*** End Patch\n`;

  it('patch headers Codex and opencode read: indented, no space after the colon, a CR inside, an unread header', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(repo.dir, ['src/settings/**']);
    const codex = (command: string) =>
      hook('before-write', 'codex', { cwd: repo.dir, tool_name: 'apply_patch', tool_input: { command } });
    const ok = '*** Add File: src/settings/ok.ts\n+ok';
    for (const p of [
      patch(' *** Add File: feature-builds/f/REVIEW.md', '+x', ok),
      patch('\t*** Add File: .claude/settings.local.json', '+{}', ok),
      patch('*** Add File:lib/evil.ts', '+x'),
      patch('*** Add File: src/settings/ok.ts\r/../../../lib/evil2.ts', '+x'),
      patch('*** add file: lib/evil3.ts', '+x', ok),
    ])
      expect(denied(codex(p)), JSON.stringify(p)).toBe(true);
    expect(codex(patch(ok)).status).toBe(0);
    const oc = hook('before-write', 'opencode', {
      tool: 'apply_patch',
      args: { patchText: patch('*** Add File:lib/evil.ts', '+x') },
      cwd: repo.dir,
    });
    expect(oc.status).toBe(2);
  });

  it("Gemini's NUL and @, Codex's ~/, Qwen's notebook_edit, Copilot's freeform apply_patch, a patch sent to Codex's shell", () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(repo.dir, ['src/settings/**']);
    const gem = (file_path: string) =>
      hook('before-write', 'gemini', { cwd: repo.dir, tool_name: 'write_file', tool_input: { file_path } });
    expect(denied(gem('src/settings/.\u0000./.\u0000./.gemini/settings.json'))).toBe(true);
    expect(denied(gem('@lib/evil.ts'))).toBe(true);
    expect(denied(gem('@src/settings/ok.ts'))).toBe(false);
    const tilde = hook('before-write', 'codex', {
      cwd: repo.dir,
      tool_name: 'apply_patch',
      tool_input: { command: patch('*** Add File: ~/.bashrc', '+x') },
    });
    expect(denied(tilde)).toBe(true);
    const qwen = hook('before-write', 'qwen', {
      cwd: repo.dir,
      tool_name: 'notebook_edit',
      tool_input: { notebook_path: join(repo.dir, 'lib/n.ipynb') },
    });
    expect(denied(qwen)).toBe(true);
    const copilot = hook('before-write', 'copilot', {
      cwd: repo.dir,
      toolName: 'apply_patch',
      toolArgs: patch('*** Add File: lib/evil.ts', '+x'),
    });
    expect(denied(copilot)).toBe(true);
    const viaShell = hook('before-shell', 'codex', {
      cwd: repo.dir,
      tool_name: 'Bash',
      tool_input: { command: `apply_patch <<'EOF'\n${patch('*** Add File: lib/viaexec.ts', '+x')}EOF` },
    });
    expect(denied(viaShell)).toBe(true);
  });
});

describe('a secret in the text a write adds', () => {
  const key = `ghp_${'Kq7Zt2Wm9Xr4'.repeat(3)}`;
  const patch = (lines: string) => `*** Begin Patch\n*** Add File: src/p.ts\n${lines}\n*** End Patch\n`;
  /** Each agent's write tool carrying `text` to a file inside FILES. */
  const calls = (text: string): [string, unknown][] => [
    ['claude', { cwd: repo.dir, tool_name: 'Write', tool_input: { file_path: 'src/a.ts', content: text } }],
    [
      'claude',
      {
        cwd: repo.dir,
        tool_name: 'MultiEdit',
        tool_input: { file_path: 'src/a.ts', edits: [{ old_string: 'a', new_string: text }] },
      },
    ],
    ['codex', { cwd: repo.dir, tool_name: 'apply_patch', tool_input: { command: patch(`+${text}`) } }],
    [
      'gemini',
      { cwd: repo.dir, tool_name: 'replace', tool_input: { file_path: 'src/a.ts', new_string: text } },
    ],
    [
      'qwen',
      { cwd: repo.dir, tool_name: 'write_file', tool_input: { file_path: 'src/a.ts', content: text } },
    ],
    [
      'opencode',
      { cwd: repo.dir, tool: 'edit', args: { filePath: join(repo.dir, 'src/a.ts'), newString: text } },
    ],
    [
      'copilot',
      { cwd: repo.dir, toolName: 'create', toolArgs: JSON.stringify({ path: 'src/a.ts', file_text: text }) },
    ],
    ['cursor', { tool_name: 'Write', tool_input: { file_path: join(repo.dir, 'src/a.ts'), content: text } }],
  ];
  const denied = (r: ReturnType<typeof hook>) =>
    r.status === 2 || /"(deny)"/.test(r.stdout) ? r.stderr + r.stdout : undefined;

  it("is refused for every agent's write tool, task or no task; the secret is not repeated", () => {
    repo = makeRepo({ 'a.md': 'x' });
    for (const active of [false, true]) {
      if (active) activate(repo.dir, ['src/**']);
      for (const [agent, input] of calls(`export const token = '${key}';`)) {
        const why = denied(hook('before-write', agent, input));
        expect(why, `${agent} ${JSON.stringify(input)}`).toContain('holds a secret (github); blocked');
        expect(why).not.toContain(key);
      }
    }
  });

  it("a write built to slow the scan (a PEM label that never ends, 480 KB) is answered within the agents' 10 s", () => {
    repo = makeRepo({ 'a.md': 'x' });
    const text = `-----BEGIN ${'PRIVATE KEY '.repeat(40_000)}`;
    const r = hook('before-write', 'claude', calls(text)[0]![1]);
    expect(r.status).toBe(0);
  });

  it('is refused in the name of the file written, without repeating it', () => {
    repo = makeRepo({ 'a.md': 'x' });
    const r = hook('before-write', 'claude', {
      cwd: repo.dir,
      tool_name: 'Write',
      tool_input: { file_path: `notes/${key}.md`, content: 'x' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the name of the file Write writes holds a secret (github); blocked');
    expect(r.stderr).not.toContain(key);
  });

  it("is refused when it is a secret value of the agent's environment, whatever its shape", () => {
    repo = makeRepo({ 'a.md': 'x' });
    const env = { SERVICE_TOKEN: 'plain-words-value-1' };
    const r = hook('before-write', 'claude', calls('const t = "plain-words-value-1";')[0]![1], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds a secret (the value of a secret variable); blocked');
  });

  it('passes text with no secret, an edit that removes a key, and a file git ignores', () => {
    repo = makeRepo({ 'a.md': 'x', '.gitignore': '.env\n' });
    for (const [agent, input] of calls('interface Login { password: string }\nconst pwd = input.trim();'))
      expect(denied(hook('before-write', agent, input)), agent).toBeUndefined();
    const removes = {
      cwd: repo.dir,
      tool_name: 'Edit',
      tool_input: { file_path: 'src/a.ts', old_string: key, new_string: 'process.env.GITHUB_TOKEN' },
    };
    expect(hook('before-write', 'claude', removes).status).toBe(0);
    const removedInPatch = patch(`-${key}\n+process.env.GITHUB_TOKEN`);
    expect(
      hook('before-write', 'codex', {
        cwd: repo.dir,
        tool_name: 'apply_patch',
        tool_input: { command: removedInPatch },
      }).status,
    ).toBe(0);
    const env = {
      cwd: repo.dir,
      tool_name: 'Write',
      tool_input: { file_path: '.env', content: `GITHUB_TOKEN=${key}\n` },
    };
    expect(hook('before-write', 'claude', env).status).toBe(0);
  });
});

describe("each agent's input and answer", () => {
  it('Codex apply_patch headers, Gemini, Cursor, Copilot and opencode formats', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(repo.dir, ['src/settings/**']);
    const patch =
      '*** Begin Patch\n*** Update File: src/settings/a.ts\n*** Move to: src/billing/b.ts\n*** End Patch\n';
    const codex = hook('before-write', 'codex', {
      cwd: repo.dir,
      tool_name: 'apply_patch',
      tool_input: { command: patch },
    });
    expect(codex.status).toBe(2);
    expect(codex.stderr).toMatch(/src\/billing\/b\.ts is outside/);
    const gem = hook('before-write', 'gemini', {
      cwd: repo.dir,
      tool_name: 'write_file',
      tool_input: { file_path: 'src/x.ts' },
    });
    expect(gem.status).toBe(2);
    expect(JSON.parse(gem.stdout)).toMatchObject({ decision: 'deny' });
    const cur = hook('before-shell', 'cursor', { command: 'killdate reject f', workspace_roots: [repo.dir] });
    expect(cur.status).toBe(0);
    expect(JSON.parse(cur.stdout)).toMatchObject({ permission: 'deny' });
    expect(
      JSON.parse(
        hook('before-write', 'cursor', {
          tool_name: 'Write',
          tool_input: { file_path: join(repo.dir, 'src/settings/a.ts') },
        }).stdout,
      ),
    ).toEqual({ permission: 'allow' });
    const cop = hook('before-write', 'copilot', {
      cwd: repo.dir,
      toolName: 'create',
      toolArgs: JSON.stringify({ path: 'src/y.ts' }),
    });
    expect(cop.status).toBe(0);
    expect(JSON.parse(cop.stdout)).toMatchObject({ permissionDecision: 'deny' });
    const oc = hook('before-write', 'opencode', {
      tool: 'write',
      args: { filePath: join(repo.dir, 'src/z.ts') },
      cwd: repo.dir,
    });
    expect(oc.status).toBe(2);
    expect(oc.stdout).toBe('');
  });

  it('reads the whole input from a stdin the agent left non-blocking, sent in two parts (a 200 KB write)', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(repo.dir, ['src/**']);
    const input = join(repo.dir, '.killdate/input.json');
    const call = {
      ...write(join(repo.dir, 'vendor/x.ts')),
      tool_input: { file_path: join(repo.dir, 'vendor/x.ts'), content: 'y'.repeat(200_000) },
    };
    writeFileSync(input, JSON.stringify(call));
    // python3 sets O_NONBLOCK on fd 0, then runs the hook: its first read finds the pipe empty
    const nonBlocking =
      'import fcntl, os, sys; fcntl.fcntl(0, fcntl.F_SETFL, fcntl.fcntl(0, fcntl.F_GETFL) | os.O_NONBLOCK); os.execvp(sys.argv[1], sys.argv[1:])';
    const r = spawnSync(
      '/bin/sh',
      [
        '-c',
        `{ sleep 0.3; head -c 100000 "$1"; sleep 0.3; tail -c +100001 "$1"; } | python3 -c "$2" "$3" "$4" hook before-write --agent claude`,
        'sh',
        input,
        nonBlocking,
        process.execPath,
        CLI,
      ],
      { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, CLAUDE_PROJECT_DIR: '' }, timeout: 10_000 },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/vendor\/x\.ts is outside the active task's FILES/);
  });

  it('fails closed on malformed input during a task, for every agent', () => {
    repo = makeRepo({ 'a.md': 'x' });
    activate(repo.dir, ['src/**']);
    for (const agent of ['claude', 'codex', 'gemini', 'qwen', 'opencode'])
      for (const input of ['{}', '[]', '[{"tool_name":"Write"}]', 'not json'])
        expect(hook('before-write', agent, input).status, `${agent} ${input}`).toBe(2);
    writeFileSync(join(repo.dir, '.killdate/active-task.json'), '{"version":1');
    const damaged = {
      cwd: repo.dir,
      tool_name: 'write_file',
      tool_input: { file_path: join(repo.dir, 'src/a.ts') },
    };
    expect(hook('before-write', 'qwen', damaged).stderr).toMatch(/not valid JSON; blocked/);
  });
});
