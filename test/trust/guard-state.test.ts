// Guard state re-derived, not trusted: `task start` keeps the task in a git ref, and scope, the
// tool-call hook and the loop's review compare .killdate/active-task.json with it and with the
// runbook killdate stored. Played as an agent with a shell would: edit the JSON, move its
// base, delete .killdate/.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo, runCli } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

/** A shell command run the way an agent's shell tool runs it. */
const sh = (command: string) => execFileSync('sh', ['-c', command], { cwd: repo.dir, encoding: 'utf8' });

const hookWrite = (path: string) => {
  const r = spawnSync(process.execPath, [CLI, 'hook', 'before-write', '--agent', 'claude'], {
    cwd: repo.dir,
    input: JSON.stringify({
      cwd: repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: join(repo.dir, path), content: 'x' },
    }),
    encoding: 'utf8',
    env: { ...process.env, CLAUDE_PROJECT_DIR: repo.dir },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

const scopeJson = () => {
  const r = runCli(repo.dir, ['scope', '--json']);
  return { status: r.status, json: JSON.parse(r.stdout || '{}'), stderr: r.stderr };
};

const started = () => {
  repo = readyRepo();
  const r = runCli(repo.dir, ['task', 'start', 'settings-page', '1']);
  expect(r.status, r.stderr).toBe(0);
};

const EDIT_FILES = `node -e "const f='.killdate/active-task.json';const t=JSON.parse(require('fs').readFileSync(f,'utf8'));t.files.push('*');require('fs').writeFileSync(f,JSON.stringify(t))"`;

describe('the task ref', () => {
  it('task start keeps the base in refs/killdate/tasks/<feature>/<task>; task stop removes it', () => {
    started();
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(repo.git('rev-parse', 'refs/killdate/tasks/settings-page/01-prefs^{commit}').trim()).toBe(head);
    expect(runCli(repo.dir, ['task', 'stop']).status).toBe(0);
    expect(repo.git('for-each-ref', 'refs/killdate/').trim()).toBe('');
  });

  it("task stop inside an agent's shell, however spelled past the hook, is refused while a task is active", () => {
    started();
    // the agent's move: the words split so the before-shell guard does not read `killdate task stop`
    const r = spawnSync('sh', ['-c', `k="${process.execPath} ${CLI}"; $k task "st""op"`], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...humanEnv(), CLAUDECODE: '1' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('task stop would end the guard of task 01-prefs: refused inside Claude Code');
    expect(repo.git('for-each-ref', 'refs/killdate/tasks/').trim()).not.toBe('');
    expect(runCli(repo.dir, ['task', 'stop']).status).toBe(0); // the person
  });

  it('"*" added to FILES in active-task.json: scope reports scope/tampered and checks the committed FILES', () => {
    started();
    sh(EDIT_FILES);
    sh('echo "export const port = 4000;" > src/server.js');
    const r = scopeJson();
    expect(r.status).toBe(1);
    expect(r.json.findings).toEqual([
      expect.objectContaining({ rule: 'scope/tampered', message: expect.stringContaining('files') }),
    ]);
    expect(r.json.violations.map((v: { path: string }) => v.path)).toEqual(['src/server.js']);
    expect(r.json.allowlist).toEqual(['src/prefs.js']);
  });

  it('"*" added to FILES: the hook falls back to the committed FILES and refuses the write', () => {
    started();
    sh(EDIT_FILES);
    const r = hookWrite('src/server.js');
    expect(r.status).toBe(2);
    expect(r.out).toContain("src/server.js is outside the active task's FILES");
    expect(hookWrite('src/prefs.js').status).toBe(0);
  });

  it('base moved past a committed out-of-scope change: scope/tampered, the change still found', () => {
    started();
    sh('echo "export const port = 4000;" > src/server.js && git add -A && git commit -qm wip');
    sh(
      `node -e "const f='.killdate/active-task.json';const t=JSON.parse(require('fs').readFileSync(f,'utf8'));t.base=require('child_process').execSync('git rev-parse HEAD').toString().trim();require('fs').writeFileSync(f,JSON.stringify(t))"`,
    );
    const r = scopeJson();
    expect(r.status).toBe(1);
    expect(r.json.findings[0].message).toMatch(/differs from the task ref .* in base/);
    expect(r.json.violations.map((v: { path: string }) => v.path)).toEqual(['src/server.js']);
  });

  it('.killdate/ deleted while the task ref exists: the hook blocks, scope errors, the pre-commit hook refuses', () => {
    started();
    sh('rm -rf .killdate');
    const w = hookWrite('src/prefs.js');
    expect(w.status).toBe(2);
    expect(w.out).toContain('.killdate/active-task.json is missing while the task ref');
    expect(w.out).not.toMatch(/task stop/);
    const r = scopeJson();
    expect(r.status).toBe(1);
    expect(r.json.findings[0]).toMatchObject({ rule: 'scope/tampered' });
    expect(r.json.allowlist).toEqual(['src/prefs.js']);
    sh('echo x > stray.txt && git add stray.txt');
    const c = runCli(repo.dir, ['hook', 'pre-commit']);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('scope/tampered');
    expect(runCli(repo.dir, ['task', 'start', 'settings-page', '1']).status).toBe(1);
  });

  it("another worktree's task does not guard this one (refs are shared by worktrees)", () => {
    started();
    const other = `${repo.dir}-other`;
    sh(`git worktree add -q -b other ${other}`);
    try {
      const r = spawnSync(process.execPath, [CLI, 'hook', 'before-write', '--agent', 'claude'], {
        cwd: other,
        input: JSON.stringify({
          cwd: other,
          hook_event_name: 'PreToolUse',
          tool_name: 'Write',
          tool_input: { file_path: join(other, 'src/server.js'), content: 'x' },
        }),
        encoding: 'utf8',
        env: { ...process.env, CLAUDE_PROJECT_DIR: other },
      });
      expect(r.status, r.stdout).toBe(0);
      expect(runCli(other, ['scope']).stderr).toContain('no active task');
      expect(hookWrite('src/server.js').status).toBe(2);
    } finally {
      sh(`git worktree remove --force ${other}`);
    }
  });

  it('the task ref pointed at a forged record: the hook fails closed', () => {
    started();
    sh(
      'git update-ref refs/killdate/tasks/settings-page/01-prefs $(echo forged | git hash-object -w --stdin)',
    );
    const w = hookWrite('src/prefs.js');
    expect(w.status).toBe(2);
    expect(w.out).toContain('does not hold the record killdate wrote');
  });
});

describe('the task commands', () => {
  it('`killdate task stop` through a shell tool during a task is refused; without a task it passes', () => {
    started();
    const bash = (command: string) =>
      spawnSync(process.execPath, [CLI, 'hook', 'before-shell', '--agent', 'claude'], {
        cwd: repo.dir,
        input: JSON.stringify({
          cwd: repo.dir,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command },
        }),
        encoding: 'utf8',
        env: { ...process.env, CLAUDE_PROJECT_DIR: repo.dir },
      });
    const r = bash('cd src && npx killdate -C .. task stop');
    expect(r.status).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain('`killdate task stop` would end the guard of task 01-prefs');
    expect(bash('killdate scope').status).toBe(0);
    expect(runCli(repo.dir, ['task', 'stop']).status).toBe(0);
    expect(bash('killdate task stop').status).toBe(0);
  });
});

describe('the loop', () => {
  it("an executor that widens active-task.json's FILES fails the review's guard state check", () => {
    repo = readyRepo();
    const env = script(repo, {
      1: [
        { write: 'src/prefs.js', content: PREFS },
        { background: `${EDIT_FILES} && touch .git/kd-edited` },
        { waitFor: '.git/kd-edited' },
      ],
    });
    const r = spawnSync(process.execPath, [CLI, 'run', 'settings-page', '--json'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: humanEnv({ KD_SCRIPT: env.KD_SCRIPT ?? '', NO_COLOR: '1' }),
    });
    expect(r.status, r.stderr).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    const check = run.checks.find((c: { name: string }) => c.name === 'guard state');
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining('scope/tampered') });
    expect(repo.git('for-each-ref', 'refs/killdate/tasks/').trim()).toBe('');
    const review = readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8');
    expect(review).toContain('guard state');
  }, 60_000);
});
