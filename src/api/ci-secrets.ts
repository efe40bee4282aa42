// ci/secret: each commit of a pull request read for the secrets it adds, not only the PR's two
// ends: a key committed and then removed again stays in the history a merge brings into the
// base. A merge commit adds what neither of its parents held; no commit adds what the base held.
import { knownSecrets } from '../agents/redact.js';
import { kindShown } from '../agents/secrets-in-files.js';
import type { Finding } from '../core/finding.js';
import { emptyTree, git } from '../workspace/git.js';
import {
  type Introduced,
  type IntroducedSecret,
  introducedSecrets,
  namesAndRenames,
} from '../workspace/introduced-secrets.js';

export async function secretFindings(root: string, base: string): Promise<Finding[]> {
  const since = git(root, ['merge-base', base, 'HEAD']).stdout.trim() || base;
  const commits = git(root, ['rev-list', '--reverse', '--parents', `${since}..HEAD`])
    .stdout.split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '));
  const known = knownSecrets(process.env, { inFiles: true });
  const out: Finding[] = [];
  for (const [commit, ...parents] of commits) {
    const [first = emptyTree(root), ...others] = parents;
    let { secrets } = await addedBy(root, first, commit!, known);
    // what another parent, or the base itself, already held is not added here
    for (const other of [...others, since]) {
      if (!secrets.length) break;
      const also = new Set((await addedBy(root, other, commit!, known)).secrets.map(key));
      secrets = secrets.filter((s) => also.has(key(s)));
    }
    for (const s of secrets)
      out.push({
        rule: 'ci/secret',
        severity: 'error',
        file: s.path,
        ...(s.line ? { line: s.line } : {}),
        message: `commit ${commit!.slice(0, 7)} adds a secret (${kindShown(s.kind)}${s.in ? `, in ${s.in === 'name' ? 'the file name' : 'a binary file'}` : ''})`,
        fix: "remove it from the PR's history, revoke it and use a new one",
      });
  }
  return out;
}

function addedBy(
  root: string,
  parent: string,
  commit: string,
  known: readonly string[],
): Promise<Introduced> {
  const { paths, renamed, removed } = namesAndRenames(root, [
    'diff-tree',
    '-r',
    '--no-commit-id',
    parent,
    commit,
  ]);
  return introducedSecrets(root, parent, paths, { now: commit, known, renamed, removed });
}

const key = (s: IntroducedSecret): string => `${s.path}\0${s.line}\0${s.kind}`;
