import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boot, versions } from '../../src/api/versions.js';
import { rankReleases } from '../../src/core/versions.js';
import { day } from '../helpers/dates.js';
import { cli, commitAll, gate7, git, makeRepo, write } from './repo.js';

function releasedRepo(bootCommand: string) {
  const repo = makeRepo({
    'killdate.config.yaml': `commands:\n  boot: ${JSON.stringify(bootCommand)}\nrelease:\n  bootTimeout: 20s\n`,
    'legacy/export-v1.ts': 'export const v1 = true;\n',
    'app.txt': 'v1.9\n',
  });
  git(repo, 'tag', 'v1.9.0');
  write(repo, { 'app.txt': 'v1.10\n' });
  commitAll(repo, 'v1.10');
  git(repo, 'tag', '-a', 'v1.10.0', '-m', 'release 1.10');
  write(repo, {
    'app.txt': 'v2\n',
    'feature-builds/export/PRE-BUILD-LOCK.md': gate7(
      '`legacy/export-v1.ts` behind flag `export_v2`',
      '0 calls for 14 days',
      day(67),
    ),
  });
  commitAll(repo, 'v2');
  git(repo, 'tag', 'v2.0.0');
  return repo;
}

const worktrees = (repo: string) =>
  git(repo, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree ')).length;

describe('versions and boot', () => {
  it('ranks by version number, not by name', () => {
    const r = rankReleases([
      { tag: 'v1.9.0', date: day(-328), commit: 'a' },
      { tag: 'v1.10.0', date: day(-297), commit: 'b' },
      { tag: 'v1.2.0', date: day(-269), commit: 'c' },
    ]);
    expect(r.map((x) => `${x.role}:${x.tag}`)).toEqual(['N:v1.10.0', 'N-1:v1.9.0', 'older:v1.2.0']);
  });

  it('lists N, N-1 and older, and reports temporary code older releases still carry', () => {
    const repo = releasedRepo('true');
    const r = versions({ cwd: repo });
    expect(r.releases.map((x) => `${x.role}:${x.tag}`)).toEqual(['N:v2.0.0', 'N-1:v1.10.0', 'older:v1.9.0']);
    expect(r.toDelete).toEqual([
      {
        path: 'legacy/export-v1.ts',
        feature: 'export',
        lock: 'feature-builds/export/PRE-BUILD-LOCK.md',
        tags: ['v1.9.0'],
      },
    ]);
    const out = cli(repo, ['versions']);
    expect(out.stdout).toContain('delete legacy/export-v1.ts');
    expect(out.code).toBe(1);
  });

  it('boots N-1 in a temporary worktree and removes it', async () => {
    const repo = releasedRepo('grep -q v1.10 app.txt && echo booted');
    const r = await boot({ cwd: repo, tag: 'v1.10.0' });
    expect(r).toMatchObject({ bootable: true, exit: 0, role: 'N-1' });
    expect(worktrees(repo)).toBe(1);
    const bad = await boot({ cwd: repo, tag: 'v1.9.0' });
    expect(bad.bootable).toBe(false);
  });

  it('a boot command that hangs is killed at the timeout, with its process group', async () => {
    const repo = releasedRepo('sleep 60 & sleep 60');
    const before = readdirSync(tmpdir()).filter((d) => d.startsWith('killdate-boot-')).length;
    const r = await boot({ cwd: repo, tag: 'v1.10.0', timeout: '1s' });
    expect(r).toMatchObject({ bootable: false, timedOut: true });
    expect(worktrees(repo)).toBe(1);
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith('killdate-boot-')).length).toBe(before);
    const cliRun = cli(repo, ['boot', 'v1.10.0', '--timeout', '1s']);
    expect(cliRun.code).toBe(1);
    expect(cliRun.stdout).toContain('not bootable: v1.10.0: timed out');
  });

  it('a tag that does not exist is a clear error and leaves nothing behind', async () => {
    const repo = releasedRepo('true');
    await expect(boot({ cwd: repo, tag: 'v9.9.9' })).rejects.toThrow('no tag v9.9.9 in this repository');
    const r = cli(repo, ['boot', 'v9.9.9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('killdate versions');
    expect(worktrees(repo)).toBe(1);
    expect(existsSync(join(repo, '.killdate/boot/v9.9.9.log'))).toBe(false);
  });
});
