// scope and the review see what git hides: `task start` (and `run`) record git's own state, and
// a change to it is scope/git-state; ignored paths created outside FILES are listed; a
// submodule's content is never hidden by its `ignore` setting. Played with the shell commands
// an agent would use.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitStateChanges, gitStateNow, snapshotGitState } from '../../src/workspace/git-state.js';
import { CLI, type Repo, runCli } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
const extra: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const d of extra.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sh = (command: string) => execFileSync('sh', ['-c', command], { cwd: repo.dir, encoding: 'utf8' });

const started = () => {
  repo = readyRepo();
  const r = runCli(repo.dir, ['task', 'start', 'settings-page', '1']);
  expect(r.status, r.stderr).toBe(0);
};

const scopeJson = () => {
  const r = runCli(repo.dir, ['scope', '--json']);
  return { status: r.status, json: JSON.parse(r.stdout || '{}'), stderr: r.stderr };
};
const messages = (json: { findings: { rule: string; message: string }[] }) =>
  json.findings.filter((f) => f.rule === 'scope/git-state').map((f) => f.message);

describe('git state recorded at task start', () => {
  it('skip-worktree and assume-unchanged set on files edited outside FILES: scope/git-state', () => {
    started();
    sh('git update-index --skip-worktree src/server.js && echo "export const port = 1;" > src/server.js');
    sh('git update-index --assume-unchanged check-prefs.mjs && echo "// x" >> check-prefs.mjs');
    const r = scopeJson();
    expect(r.status).toBe(1);
    expect(messages(r.json)).toEqual(
      expect.arrayContaining([
        'skip-worktree set on src/server.js (git update-index)',
        'assume-unchanged set on check-prefs.mjs (git update-index)',
      ]),
    );
  });

  it('.git/info/exclude, core.excludesFile, core.worktree and a git hook changed: each reported', () => {
    started();
    const clean = mkdtempSync(join(tmpdir(), 'killdate-clean-'));
    extra.push(clean);
    sh('echo "src/hidden.js" >> .git/info/exclude && echo "x" > src/hidden.js');
    sh(`git config core.excludesFile ${join(clean, 'ignore')}`);
    sh('printf "#!/bin/sh\\nexit 0\\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit');
    sh(`git config core.worktree ${clean}`);
    const r = scopeJson();
    expect(r.status).toBe(1);
    const said = messages(r.json).join('\n');
    expect(said).toMatch(/excludes file .*\.git\/info\/exclude changed/);
    expect(said).toContain('git config core.excludesfile (local) added');
    expect(said).toContain('git config core.worktree (local) added');
    expect(said).toContain('git hook pre-commit added');
  });

  it("a config value is kept as a hash under the clone's key, never its plain SHA-1; the key deleted fails closed", () => {
    repo = readyRepo();
    // a short secret in the config: its plain SHA-1 would be a guess away
    sh('git config credential.password hunter2');
    const r = runCli(repo.dir, ['task', 'start', 'settings-page', '1']);
    expect(r.status, r.stderr).toBe(0);
    const tag = repo.git('cat-file', '-p', 'refs/killdate/tasks/settings-page/01-prefs');
    const plain = createHash('sha1').update('hunter2').digest('hex');
    expect(tag).toContain('credential.password');
    expect(tag).not.toContain(plain);
    expect(tag).not.toContain('hunter2');
    // the value changed: still reported
    sh('git config credential.password hunter3');
    expect(messages(scopeJson().json)).toContain('git config credential.password (local) changed');
    sh('git config credential.password hunter2');
    expect(messages(scopeJson().json)).toEqual([]);
    // the agent's move: the key removed, so the config cannot be compared
    sh('rm .killdate/git-state.key');
    const gone = scopeJson();
    expect(gone.status).toBe(1);
    expect(messages(gone.json)).toEqual([
      "git state could not be read: .killdate/git-state.key is gone or cut: the git config cannot be compared with the task's start",
    ]);
  });

  it('a record made before the key (plain SHA-1s) is still compared as it was written', async () => {
    repo = readyRepo();
    sh('git config credential.password hunter2');
    const { keyed: _, ...unkeyed } = snapshotGitState(repo.dir);
    const was = { ...unkeyed, ...(await gitStateNow(repo.dir, unkeyed)), at: unkeyed.at };
    expect(was.config['local credential.password']).toBe(createHash('sha1').update('hunter2').digest('hex'));
    expect(gitStateChanges(was, await gitStateNow(repo.dir, was))).toEqual([]);
    sh('git config credential.password hunter3');
    expect(gitStateChanges(was, await gitStateNow(repo.dir, was))).toEqual([
      'git config credential.password (local) changed',
    ]);
  });

  it("a link planted as the key is replaced at task start, never written through; the person's file stays", () => {
    repo = readyRepo();
    sh('mkdir -p .killdate && printf "# mine\\n" > notes.md && ln -s ../notes.md .killdate/git-state.key');
    const r = runCli(repo.dir, ['task', 'start', 'settings-page', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, 'notes.md'), 'utf8')).toBe('# mine\n');
    const key = lstatSync(join(repo.dir, '.killdate/git-state.key'));
    expect([key.isFile(), key.size]).toEqual([true, 32]);
  });

  it('an ignored node_modules/ file created outside FILES is listed', () => {
    started();
    sh('echo "node_modules/" > .gitignore && git add .gitignore && git commit -qm ignore');
    sh('mkdir -p node_modules/left-pad && echo "module.exports = 1" > node_modules/left-pad/index.js');
    const r = scopeJson();
    expect(r.json.ignored).toEqual(['node_modules/left-pad/index.js']);
    const human = runCli(repo.dir, ['scope']);
    expect(human.stdout).toContain('git-ignored, outside FILES, created or changed since the start');
  });

  it('an ignored folder searched in two halves still lists every new file, a name that is not UTF-8 too', () => {
    started();
    sh('echo "node_modules/" > .gitignore && git add .gitignore && git commit -qm ignore');
    sh('mkdir -p node_modules/a node_modules/b node_modules/-c && echo 1 > node_modules/a/old.js');
    const r0 = runCli(repo.dir, ['task', 'stop']);
    expect(r0.status, r0.stderr).toBe(0);
    expect(runCli(repo.dir, ['task', 'start', 'settings-page', '1']).status).toBe(0);
    sh('echo 1 > node_modules/a/new.js && echo 1 > node_modules/b/new.js && echo 1 > node_modules/-c/new.js');
    sh(
      "echo 1 > node_modules/.top.js && bad=$(printf 'bad\\377') && mkdir node_modules/$bad && echo 1 > node_modules/$bad/new.js",
    );
    const r = scopeJson();
    expect(r.json.ignored).toEqual(
      [
        'node_modules/-c/new.js',
        'node_modules/.top.js',
        'node_modules/b/new.js',
        'node_modules/bad\ufffd/new.js',
        'node_modules/a/new.js',
      ].sort(),
    );
  });

  it('ignored files wherever git ignores them are listed; those untouched since the start are not', () => {
    repo = readyRepo();
    sh('printf "*.log\\n*.tmp\\ncache/\\n" > .gitignore && git add .gitignore && git commit -qm ignore');
    sh('mkdir -p cache src/deep && echo old > cache/old.bin && echo old > src/deep/old.tmp');
    const r0 = runCli(repo.dir, ['task', 'start', 'settings-page', '1']);
    expect(r0.status, r0.stderr).toBe(0);
    // a wholly ignored folder, a pattern inside a tracked folder and inside an untracked one
    // (beside a file git does not ignore), a name that reads as an option, one that reads as
    // pathspec magic (git refuses it as a pathspec), a link
    sh('echo x > cache/new.bin && echo x > src/deep/new.tmp');
    sh('mkdir -p logs && echo x > logs/run.log && echo x > logs/keep.txt');
    sh("echo x > ./-rf.log && echo x > './:(glob)x.log' && ln -s src/server.js link.tmp");
    const r = scopeJson();
    expect(r.json.ignored).toEqual([
      '-rf.log',
      ':(glob)x.log',
      'cache/new.bin',
      'link.tmp',
      'logs/run.log',
      'src/deep/new.tmp',
    ]);
    expect(r.json.changes.map((c: { path: string }) => c.path)).toContain('logs/keep.txt');
  });

  it('git left unable to list anything (its index overwritten): scope fails, never an empty list', () => {
    started();
    sh('echo "node_modules/" > .gitignore && mkdir -p node_modules/x && echo 1 > node_modules/x/i.js');
    sh('printf "not an index" > .git/index');
    const r = runCli(repo.dir, ['scope', '--json']);
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBe(1); // not a verdict either way: an error
    expect(r.stdout).not.toContain('"ok": true');
    expect(r.stderr).toMatch(/git .*failed/);
  });

  it('submodule.<name>.ignore=all and untracked content in the submodule: reported and seen', () => {
    repo = readyRepo();
    const inner = mkdtempSync(join(tmpdir(), 'killdate-inner-'));
    extra.push(inner);
    execFileSync(
      'sh',
      [
        '-c',
        'git init -q -b main && echo a > a.txt && git add a.txt && git -c user.name=a -c user.email=a@b commit -qm a',
      ],
      { cwd: inner },
    );
    sh(`git -c protocol.file.allow=always submodule -q add ${inner} vendor/lib && git commit -qm submodule`);
    expect(runCli(repo.dir, ['task', 'start', 'settings-page', '1']).status).toBe(0);
    sh('git config submodule.vendor/lib.ignore all && echo planted > vendor/lib/planted.js');
    const r = scopeJson();
    expect(r.status).toBe(1);
    expect(messages(r.json)).toContain('git config submodule.vendor/lib.ignore (local) added');
    expect(r.json.violations.map((v: { path: string }) => v.path)).toEqual(
      expect.arrayContaining(['vendor/lib', 'vendor/lib/planted.js']),
    );
  });
  it('a clean filter that hands git the base content hides the edit, and is itself reported', () => {
    started();
    // the agent's move: git hashes src/server.js through a filter that prints the base's text
    sh('git config filter.hide.clean "git show HEAD:src/server.js"');
    sh('echo "src/server.js filter=hide" > .gitattributes && echo "export const port = 1;" > src/server.js');
    const r = scopeJson();
    expect(r.status).toBe(1);
    expect(messages(r.json)).toContain('git config filter.hide.clean (local) added');
    expect(r.json.violations.map((v: { path: string }) => v.path)).toContain('.gitattributes');
    // as in git diff, whose answer this is: the filtered file reads as the base's
    expect(r.json.changes.map((c: { path: string }) => c.path)).not.toContain('src/server.js');
    expect(sh('git diff --name-only HEAD -- src/server.js')).toBe('');
  });
});

describe('the loop', () => {
  it('an executor that hides an edit with skip-worktree fails the git state check', () => {
    repo = readyRepo();
    const env = script(repo, {
      1: [
        { write: 'src/prefs.js', content: PREFS },
        {
          background:
            'git update-index --skip-worktree src/server.js && echo "export const port = 1;" > src/server.js && touch .git/kd-done',
        },
        { waitFor: '.git/kd-done' },
      ],
    });
    const r = spawnSync(process.execPath, [CLI, 'run', 'settings-page', '--json'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: humanEnv({ KD_SCRIPT: env.KD_SCRIPT ?? '', NO_COLOR: '1' }),
    });
    expect(r.status, r.stderr).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.checks.find((c: { name: string }) => c.name === 'git state')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('scope/git-state: skip-worktree set on src/server.js'),
    });
  }, 60_000);
});
