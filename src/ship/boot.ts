// Boot a release from its tag in a temporary git worktree with the configured command, under
// a timeout that kills the process group; the worktree is always removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import type { ReleaseTag } from '../core/versions.js';
import { git, gitOrThrow } from '../workspace/git.js';
import { type RunResult, runCommand } from './run.js';

export function listTags(root: string, pattern: string): ReleaseTag[] {
  const out = gitOrThrow(root, [
    'tag',
    '--list',
    pattern,
    '--format=%(refname:short)%09%(creatordate:iso-strict)%09%(objectname)%09%(*objectname)',
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [tag = '', date = '', obj = '', peeled = ''] = line.split('\t');
      return { tag, date, commit: peeled || obj };
    });
}

export interface BootResult {
  tag: string;
  command: string;
  bootable: boolean;
  exit: number | null;
  timedOut: boolean;
  interrupted: boolean;
  durationMs: number;
  logFile: string;
  tail: string;
}

export async function bootTag(
  root: string,
  tag: string,
  command: string,
  opts: { timeoutMs: number; logFile: string; echo?: NodeJS.WritableStream; signal?: AbortSignal },
): Promise<BootResult> {
  if (!git(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`]).ok)
    throw new KilldateError(
      'NOT_FOUND',
      `no tag ${tag} in this repository`,
      'run `killdate versions` to list the release tags',
    );
  const parent = mkdtempSync(join(tmpdir(), 'killdate-boot-'));
  const dir = join(parent, tag.replace(/[^\w.-]/g, '_'));
  const added = git(root, ['worktree', 'add', '--detach', '--force', dir, `refs/tags/${tag}`]);
  if (!added.ok) {
    rmSync(parent, { recursive: true, force: true });
    throw new KilldateError('GIT', `cannot check out ${tag} in a worktree: ${added.stderr.trim()}`);
  }
  let r: RunResult;
  try {
    r = await runCommand(command, { cwd: dir, ...opts });
  } finally {
    git(root, ['worktree', 'remove', '--force', dir]);
    rmSync(parent, { recursive: true, force: true });
    git(root, ['worktree', 'prune']);
  }
  return {
    tag,
    command,
    bootable: r.ok,
    exit: r.exit,
    timedOut: r.timedOut,
    interrupted: r.interrupted,
    durationMs: r.durationMs,
    logFile: opts.logFile,
    tail: r.tail,
  };
}
