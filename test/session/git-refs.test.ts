// readLocalRefs reads .git's files; each fact is compared with what git itself says, in a
// plain repo, after `git pack-refs`, and in a linked worktree.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocalRefs } from '../../src/workspace/git-refs.js';
import { sessionGit } from '../../src/workspace/session-git.js';
import { git } from './helpers.js';

const commit = (dir: string, m: string) =>
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', m, '--allow-empty');

function repo(branch: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'killdate-refs-'));
  git(dir, 'init', '-q', '-b', branch);
  commit(dir, 'one');
  return dir;
}

const fromGit = (dir: string) => ({
  stashes: git(dir, 'stash', 'list', '--format=%gd %s').split('\n').filter(Boolean),
  head: git(dir, 'symbolic-ref', '-q', '--short', 'HEAD').trim() || undefined,
});

describe('readLocalRefs', () => {
  it('agrees with git on branch, main and stashes, loose and packed', () => {
    const dir = repo('master');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    git(dir, 'add', 'a.txt');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'stash', 'push', '-q', '-m', 'first');
    writeFileSync(join(dir, 'b.txt'), 'b\n');
    git(dir, 'add', 'b.txt');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'stash', 'push', '-q', '-m', 'second');
    git(dir, 'checkout', '-q', '-b', 'feature/x');
    const loose = readLocalRefs(dir);
    expect(loose).toEqual({ ...fromGit(dir), main: 'master', hasRemotes: false });
    expect(loose?.stashes).toEqual(['stash@{0} On master: second', 'stash@{1} On master: first']);
    git(dir, 'update-ref', 'refs/remotes/origin/master', 'HEAD');
    git(dir, 'pack-refs', '--all');
    expect(readLocalRefs(dir)).toEqual({ ...fromGit(dir), main: 'master', hasRemotes: true });
  });

  it('reads a linked worktree through its gitdir file, and a detached HEAD', async () => {
    const dir = repo('main');
    const wt = join(mkdtempSync(join(tmpdir(), 'killdate-wt-')), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
    expect(readLocalRefs(wt)).toEqual({ head: 'side', main: 'main', hasRemotes: false, stashes: [] });
    commit(wt, 'two');
    const facts = await sessionGit(wt);
    expect(facts).toMatchObject({ branch: 'side', main: 'main', aheadOfMain: 1, behindMain: 0 });
    git(dir, 'checkout', '-q', '--detach');
    expect(readLocalRefs(dir)?.head).toBeUndefined();
  });
});
