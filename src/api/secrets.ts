// secrets(): the secrets the working tree adds since a commit (HEAD by default): every changed
// and untracked file git does not ignore, and its name; or, staged, what the next commit would
// add. What the CI run workflow asks before it pushes a task's changes, what the pre-commit hook
// asks of every commit, and what a person can ask at any time.
import { knownSecrets } from '../agents/redact.js';
import { changesSince } from '../workspace/changes.js';
import { commitOf, emptyTree, git, gitOrThrow } from '../workspace/git.js';
import {
  type IntroducedSecret,
  introducedSecrets,
  namesAndRenames,
  renamesOf,
} from '../workspace/introduced-secrets.js';
import { findRoot } from '../workspace/root.js';

export interface SecretsResult {
  version: 1;
  base: string;
  /** changed files read */
  checked: number;
  secrets: IntroducedSecret[];
  ok: boolean;
}

export async function secrets(
  opts: { cwd?: string; base?: string; staged?: boolean } = {},
): Promise<SecretsResult> {
  const root = findRoot(opts.cwd);
  const known = knownSecrets(process.env, { inFiles: true });
  // a base that starts with `-` is never handed to git as an option
  if (opts.base !== undefined) commitOf(root, opts.base);
  let found: Awaited<ReturnType<typeof introducedSecrets>>;
  let checked: number;
  if (opts.staged) {
    const from = opts.base ?? headOrEmpty(root);
    const index = gitOrThrow(root, ['write-tree']).trim();
    const { paths, renamed, removed } = namesAndRenames(root, ['diff', '--cached', from]);
    found = await introducedSecrets(root, from, paths, { now: index, known, renamed, removed });
    checked = paths.length;
  } else {
    const base = opts.base ?? 'HEAD';
    const all = await changesSince(root, base);
    const changes = all.filter((c) => c.status !== 'deleted');
    const removed = all.filter((c) => c.status === 'deleted').map((c) => c.path);
    const renamed = renamesOf(changes);
    found = await introducedSecrets(
      root,
      base,
      changes.map((c) => c.path),
      { known, renamed, removed },
    );
    checked = changes.length;
  }
  return { version: 1, base: opts.base ?? 'HEAD', checked, ...found, ok: found.secrets.length === 0 };
}

/** HEAD, or the empty tree before the first commit. */
function headOrEmpty(root: string): string {
  const head = git(root, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
  return head.ok ? head.stdout.trim() : emptyTree(root);
}
