// killdate's records (SIGNOFFS.md, the decisions of REVIEW.md) in git: each record is committed
// by killdate when it is written, that file alone, authored by the person who signs; and read
// back line by line through `git blame`, so a record counts only when git backs it.
import { existsSync, lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import type { LineOrigin } from '../core/record-trust.js';
import { git, LITERAL } from './git.js';
import { gitDirs } from './git-refs.js';
import { replaceFile } from './replace.js';

export interface RecordCommit {
  /** the repo-relative file, written with `text` and committed alone */
  file: string;
  text: string;
  /** `Name <email>`: the commit's author, the person named in the record */
  author: string;
  message: string;
  /** sign the commit (`git commit -S`) */
  sign: boolean;
}

/**
 * Writes the file and commits it alone (`git commit --only`: nothing else staged is swept in;
 * `--no-verify`: the record is killdate's own, not the user's code). When the commit fails the
 * file and its index entry are put back as they were, and the error says why.
 */
export function commitRecord(root: string, c: RecordCommit): string {
  const abs = join(root, c.file);
  if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink())
    throw new KilldateError(
      'REFUSED',
      `${c.file} is a symlink: a record is a file of its own; nothing recorded`,
    );
  const before = existsSync(abs) ? readFileSync(abs) : undefined;
  replaceFile(abs, c.text);
  const add = git(root, [...LITERAL, 'add', '--', c.file]);
  const commit = add.ok
    ? git(root, [
        ...LITERAL,
        'commit',
        '-q',
        '--no-verify',
        '--only',
        ...(c.sign ? ['-S'] : []),
        `--author=${c.author}`,
        '-m',
        c.message,
        '--',
        c.file,
      ])
    : add;
  if (commit.ok) return git(root, ['rev-parse', 'HEAD']).stdout.trim();
  if (before === undefined) rmSync(abs, { force: true });
  else replaceFile(abs, before);
  git(root, [...LITERAL, 'reset', '-q', '--', c.file]);
  throw new KilldateError(
    'GIT',
    `${c.file}: the record could not be committed, nothing was recorded: ${commit.stderr.trim().split('\n')[0]}`,
  );
}

/**
 * Commits exactly these paths as they are in the working tree (added, changed or deleted),
 * nothing else staged swept in (`--only`). Paths with nothing to commit are left out; none
 * left: no commit.
 */
export function commitTask(
  root: string,
  paths: string[],
  c: { author: string; message: string; sign: boolean },
): { commit?: string; paths: string[] } {
  if (!paths.length) return { paths: [] };
  const st = git(root, [
    ...LITERAL,
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--no-renames',
    '--',
    ...paths,
  ]);
  const changed = st.ok
    ? st.stdout
        .split('\0')
        .filter((e) => e.length > 3)
        .map((e) => e.slice(3))
        .filter((p) => paths.includes(p))
    : [];
  if (!changed.length) return { paths: [] };
  const add = git(root, [...LITERAL, 'add', '-A', '--', ...changed]);
  const commit = add.ok
    ? git(root, [
        ...LITERAL,
        'commit',
        '-q',
        '--only',
        ...(c.sign ? ['-S'] : []),
        `--author=${c.author}`,
        '-m',
        c.message,
        '--',
        ...changed,
      ])
    : add;
  if (!commit.ok)
    throw new KilldateError(
      'GIT',
      `the decision is recorded, but the task's files could not be committed: ${commit.stderr.trim().split('\n')[0]}`,
      `commit them yourself: git commit -- ${changed.join(' ')}`,
    );
  return { commit: git(root, ['rev-parse', 'HEAD']).stdout.trim(), paths: changed.sort() };
}

export const UNCOMMITTED = '0'.repeat(40);

/** What `git rev-parse --is-shallow-repository` answers, read from the shallow file git keeps. */
function isShallow(root: string): boolean {
  const dirs = gitDirs(root);
  if (dirs && !process.env.GIT_SHALLOW_FILE) return existsSync(join(dirs.common, 'shallow'));
  return git(root, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
}

/** Line number -> origin, for the file as it is in the working tree; empty when git has none of it. */
export function blameFile(root: string, file: string): Map<number, LineOrigin> {
  const out = new Map<number, LineOrigin>();
  const r = git(root, ['blame', '--porcelain', '--', file]);
  if (!r.ok) return out;
  const shallow = isShallow(root);
  const info = new Map<string, { name: string; mail: string; boundary: boolean }>();
  let cur: { sha: string; line: number } | undefined;
  for (const l of r.stdout.split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(l);
    if (head) {
      cur = { sha: head[1]!, line: Number(head[2]) };
      if (!info.has(cur.sha)) info.set(cur.sha, { name: '', mail: '', boundary: false });
      continue;
    }
    if (!cur) continue;
    const i = info.get(cur.sha)!;
    if (l.startsWith('author ')) i.name = l.slice(7);
    else if (l.startsWith('author-mail ')) i.mail = l.slice(12);
    else if (l === 'boundary') i.boundary = true;
    else if (l.startsWith('\t')) {
      out.set(cur.line, {
        commit: cur.sha,
        author: `${i.name} ${i.mail}`.trim(),
        shallowEdge: shallow && i.boundary,
      });
    }
  }
  return out;
}

/**
 * `git verify-commit` against an allowed-signers file; the signer must be `email`. Returns
 * undefined when it holds, else what is wrong.
 */
export function verifySigned(
  root: string,
  commit: string,
  signers: string,
  email: string,
): string | undefined {
  const r = git(root, ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'verify-commit', '--raw', commit]);
  const said = `${r.stdout}\n${r.stderr}`;
  if (!r.ok) return `commit ${commit.slice(0, 7)} has no good signature from an allowed signer`;
  const who = /Good "git" signature for (\S+)/.exec(said)?.[1];
  if (who && who !== email) return `commit ${commit.slice(0, 7)} is signed by ${who}, not ${email}`;
  return undefined;
}
