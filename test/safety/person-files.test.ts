// The person's own files keep what killdate does not own: a git hook that is a program, a hooks
// folder shared with other repos, a settings file's permissions, a context file that is a link
// to another; and text committed in a record holds no secret.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { CLI, makeRepo, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

const LOCK_FILE = 'feature-builds/settings-page/PRE-BUILD-LOCK.md';
let repo: Repo;
afterEach(() => repo?.cleanup());

function kd(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, encoding: 'utf8', env });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const bytes = (path: string) => readFileSync(path);

describe("the person's files", () => {
  it('hooks install leaves a pre-commit hook that is a program, and a hooks folder outside the repo', () => {
    repo = makeRepo({});
    const hook = join(repo.dir, '.git/hooks/pre-commit');
    copyFileSync('/bin/true', hook);
    const before = bytes(hook);
    const r = kd(humanEnv(), 'hooks', 'install', '--agents', 'claude', '--json');
    expect(JSON.parse(r.out.slice(r.out.indexOf('{'))).git).toMatchObject({ outcome: 'refused' });
    expect(bytes(hook).equals(before)).toBe(true);

    const shared = mkdtempSync(join(tmpdir(), 'killdate-shared-hooks-'));
    try {
      writeFileSync(join(shared, 'pre-commit'), '#!/bin/sh\necho shared\n');
      repo.git('config', 'core.hooksPath', shared);
      const again = kd(humanEnv(), 'hooks', 'install', '--agents', 'claude', '--json');
      expect(JSON.parse(again.out.slice(again.out.indexOf('{'))).git).toMatchObject({ outcome: 'refused' });
      expect(readFileSync(join(shared, 'pre-commit'), 'utf8')).toBe('#!/bin/sh\necho shared\n');
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it("a pre-commit hook holding killdate's block and bytes that are not UTF-8: install and uninstall leave it", () => {
    repo = makeRepo({});
    const first = kd(
      humanEnv(),
      'hooks',
      'install',
      '--agents',
      'claude',
      '--bin',
      `${process.execPath} ${CLI}`,
    );
    expect(first.status, first.out).toBe(0);
    const hook = join(repo.dir, '.git/hooks/pre-commit');
    writeFileSync(hook, Buffer.concat([bytes(hook), Buffer.from('echo "caf\u00e9"\n', 'latin1')]));
    const before = bytes(hook);
    const r = kd(humanEnv(), 'hooks', 'install', '--agents', 'claude', '--bin', `node ${CLI}`, '--json');
    expect(JSON.parse(r.out.slice(r.out.indexOf('{'))).git).toMatchObject({ outcome: 'refused' });
    expect(bytes(hook).equals(before)).toBe(true);
    const u = kd(humanEnv(), 'hooks', 'uninstall');
    expect(u.status).not.toBe(0);
    expect(u.out).toContain('invalid UTF-8');
    expect(bytes(hook).equals(before)).toBe(true);
  });

  it("hooks install keeps a settings file's permissions; context sync keeps CLAUDE.md a link to AGENTS.md", () => {
    repo = makeRepo({ '.claude/settings.json': '{ "model": "mine" }\n' });
    const settings = join(repo.dir, '.claude/settings.json');
    chmodSync(settings, 0o600);
    expect(kd(humanEnv(), 'hooks', 'install', '--agents', 'claude').status).toBe(0);
    expect(readFileSync(settings, 'utf8')).toContain('"model": "mine"');
    expect(statSync(settings).mode & 0o777).toBe(0o600);

    expect(kd(humanEnv(), 'init', '.', '--product', 'Prefs', '--test-command', 'npm test').status).toBe(0);
    const claude = join(repo.dir, 'CLAUDE.md');
    rmSync(claude, { force: true });
    symlinkSync('AGENTS.md', claude);
    chmodSync(join(repo.dir, 'AGENTS.md'), 0o600);
    const r = kd(humanEnv(), 'context', 'sync');
    expect(r.status, r.out).toBe(0);
    expect(lstatSync(claude).isSymbolicLink()).toBe(true);
    expect(readlinkSync(claude)).toBe('AGENTS.md');
    expect(statSync(join(repo.dir, 'AGENTS.md')).mode & 0o777).toBe(0o600);
  });

  it('brief --out does not replace a file that exists, unless --force', () => {
    repo = readyRepo();
    const mine = join(repo.dir, 'notes.md');
    writeFileSync(mine, 'my notes\n');
    const r = kd(humanEnv(), 'brief', 'settings-page', '1', '--out', 'notes.md');
    expect(r.status).toBe(1);
    expect(r.out).toContain('notes.md exists: not replaced');
    expect(readFileSync(mine, 'utf8')).toBe('my notes\n');
    expect(kd(humanEnv(), 'brief', 'settings-page', '1', '--out', 'notes.md', '--force').status).toBe(0);
    expect(readFileSync(mine, 'utf8')).toContain('FILES');
  });

  it('a reason or an amended runbook holding a secret is refused: nothing recorded or written', () => {
    repo = readyRepo();
    const env = humanEnv({
      KD_SCRIPT: script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] }).KD_SCRIPT!,
    });
    expect(kd(env, 'run', 'settings-page').status).toBe(0);
    const review = join(repo.dir, 'feature-builds/settings-page/REVIEW.md');
    const before = readFileSync(review, 'utf8');
    const head = repo.git('rev-parse', 'HEAD');
    const token = `ghp_${'Qw7'.repeat(12)}`;
    const r = kd(env, 'reject', 'settings-page', '1', '--reason', `uses ${token}`);
    expect(r.status).toBe(1);
    expect(r.out).toContain('looks like a secret (github)');
    expect(r.out).not.toContain(token);
    expect(readFileSync(review, 'utf8')).toBe(before);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);

    const runbook = join(repo.dir, 'feature-builds/settings-page/runbook-02-form.md');
    const text = readFileSync(runbook, 'utf8');
    const amended = join(repo.dir, '..', `${repo.dir.split('/').pop()}-amend.md`);
    writeFileSync(amended, `${text}\nDeploy with ${token}.\n`);
    try {
      const a = kd(env, 'runbook', 'amend', 'settings-page', '2', '--from', amended);
      expect(a.status).toBe(1);
      expect(readFileSync(runbook, 'utf8')).toBe(text);
    } finally {
      rmSync(amended, { force: true });
    }
  }, 60_000);

  it('a file that is not UTF-8 is never rewritten: each writer refuses it by file and line, its bytes kept', () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL, [LOCK_FILE]: LOCK });
    const settings = join(repo.dir, '.claude/settings.json');
    mkdirSync(join(repo.dir, '.claude'), { recursive: true });
    writeFileSync(settings, latin1('{\n  "model": "caf\u00e9"\n}\n'));
    const hooks = kd(humanEnv(), 'hooks', 'install', '--agents', 'claude');
    expect(hooks.status).not.toBe(0);
    expect(hooks.out).toContain('.claude/settings.json:2: invalid UTF-8 at byte 18: expected UTF-8 text');
    expect(bytes(settings)).toEqual(latin1('{\n  "model": "caf\u00e9"\n}\n'));
    rmSync(join(repo.dir, '.claude'), { recursive: true });

    expect(kd(humanEnv(), 'init', '.', '--product', 'Prefs', '--test-command', 'npm test').status).toBe(0);
    const claude = join(repo.dir, 'CLAUDE.md');
    const mine = Buffer.concat([bytes(claude), latin1('\nNotes in caf\u00e9 style.\n')]);
    writeFileSync(claude, mine);
    const sync = kd(humanEnv(), 'context', 'sync');
    expect(sync.status).toBe(2);
    expect(sync.out).toMatch(
      /CLAUDE\.md:\d+: invalid UTF-8 at byte \d+: expected UTF-8 text; nothing written/,
    );
    expect(bytes(claude)).toEqual(mine);

    const signoffs = join(repo.dir, 'feature-builds/settings-page/SIGNOFFS.md');
    writeFileSync(signoffs, latin1('# Sign-offs\n\nKept by Jos\u00e9.\n'));
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'my files');
    const sign = kd(humanEnv(), 'signoff', 'settings-page', 'cp0', '--yes');
    expect(sign.status).not.toBe(0);
    expect(sign.out).toContain('feature-builds/settings-page/SIGNOFFS.md:3: invalid UTF-8 at byte');
    expect(bytes(signoffs)).toEqual(latin1('# Sign-offs\n\nKept by Jos\u00e9.\n'));
  });
});
