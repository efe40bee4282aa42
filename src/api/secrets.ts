// secrets(): the secrets the working tree adds since a commit (HEAD by default): every changed
// and untracked file git does not ignore, and its name. What the CI run workflow asks before it
// pushes a task's changes, and what a person can ask before a commit.
import { knownSecrets } from '../agents/redact.js';
import { changesSince } from '../workspace/changes.js';
import { type IntroducedSecret, introducedSecrets } from '../workspace/introduced-secrets.js';
import { findRoot } from '../workspace/root.js';

export interface SecretsResult {
  version: 1;
  base: string;
  /** changed files read */
  checked: number;
  secrets: IntroducedSecret[];
  ok: boolean;
}

export async function secrets(opts: { cwd?: string; base?: string } = {}): Promise<SecretsResult> {
  const root = findRoot(opts.cwd);
  const base = opts.base ?? 'HEAD';
  const paths = (await changesSince(root, base)).filter((c) => c.status !== 'deleted').map((c) => c.path);
  const found = await introducedSecrets(root, base, paths, { known: knownSecrets(process.env) });
  return { version: 1, base, checked: paths.length, secrets: found, ok: found.length === 0 };
}
