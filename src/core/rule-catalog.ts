// Rule ids reported outside `check`: the checkpoint conditions `status` and `signoff` print,
// the records git does not back, and the PR check. `killdate rules` lists them after the check
// rules, so every id a command prints can be looked up.
export interface CatalogRule {
  id: string;
  severity: 'error' | 'warning';
  summary: string;
  /** the commands that report it */
  by: string[];
}

const gates = ['status', 'signoff'];

export const OTHER_RULES: CatalogRule[] = [
  {
    id: 'checkpoint/no-lock',
    severity: 'error',
    summary: "A checkpoint needs the feature's PRE-BUILD-LOCK.md.",
    by: gates,
  },
  {
    id: 'checkpoint/gate-missing',
    severity: 'error',
    summary: 'Every gate the checkpoint covers has its section in the lock.',
    by: gates,
  },
  {
    id: 'checkpoint/gate-status',
    severity: 'error',
    summary: 'Every gate the checkpoint covers is PASSED (N/A only on gates 5, 6, 7).',
    by: gates,
  },
  {
    id: 'checkpoint/citation',
    severity: 'error',
    summary: 'Gate 1 quotes a passage found in a canonical doc (CP-0).',
    by: gates,
  },
  {
    id: 'checkpoint/kill-date',
    severity: 'error',
    summary: 'Gate 7 has a real kill date, in the future when signed.',
    by: gates,
  },
  {
    id: 'checkpoint/mock-missing',
    severity: 'error',
    summary: 'Gate 8 names mock files that exist (CP-2).',
    by: gates,
  },
  {
    id: 'checkpoint/no-runbook',
    severity: 'error',
    summary: 'CP-3 needs one runbook per executor task.',
    by: gates,
  },
  {
    id: 'checkpoint/unmapped',
    severity: 'error',
    summary: 'Each runbook says what it maps to before CP-3.',
    by: gates,
  },
  {
    id: 'checkpoint/no-files',
    severity: 'error',
    summary: 'Each runbook lists its FILES before CP-3.',
    by: gates,
  },
  {
    id: 'checkpoint/files-path',
    severity: 'error',
    summary: 'Each FILES entry is a path inside the repo before CP-3.',
    by: gates,
  },
  {
    id: 'checkpoint/order',
    severity: 'error',
    summary: 'Checkpoints are signed in order: CP-0, CP-1, CP-2, CP-3.',
    by: ['signoff'],
  },
  {
    id: 'signoff/forged',
    severity: 'error',
    summary: 'A sign-off counts only when git shows it committed by its signer.',
    by: ['status', 'ci'],
  },
  {
    id: 'review/forged',
    severity: 'error',
    summary: 'A REVIEW.md decision counts only when git shows it committed by its signer.',
    by: ['status', 'ci'],
  },
  {
    id: 'scope/tampered',
    severity: 'error',
    summary:
      "The active task's guard state matches what killdate recorded in git (the task ref and the runbook at the start); where it differs, the recorded values are used.",
    by: ['scope', 'run', 'hook pre-commit'],
  },
  {
    id: 'scope/git-state',
    severity: 'error',
    summary:
      'Git state that hides changes from a diff is as it was when the task started: config (core.worktree, core.excludesFile, submodule ignore...), info/exclude and the excludes file, skip-worktree and assume-unchanged flags, git hooks.',
    by: ['scope', 'run', 'hook pre-commit'],
  },
  {
    id: 'ci/outside-files',
    severity: 'error',
    summary: 'A PR changes only paths in the FILES of the features it touches.',
    by: ['ci'],
  },
  {
    id: 'ci/pr-sunset',
    severity: 'error',
    summary: 'A PR that adds temporary code carries Sunset criterion and Kill date lines.',
    by: ['ci'],
  },
  {
    id: 'ci/checkpoint-reopened',
    severity: 'error',
    summary:
      'A PR changes no document a signed checkpoint covers (the lock, a mock, a runbook) unless the checkpoint is signed again in it.',
    by: ['ci'],
  },
  {
    id: 'ci/rule-weakened',
    severity: 'warning',
    summary:
      "A PR's config sets a rule lower than the base does: the PR is still checked at the base's severity; the change applies once merged.",
    by: ['ci'],
  },
  {
    id: 'ci/config-changed',
    severity: 'warning',
    summary:
      "A PR's config changes more than rules (paths, approval, trust...): the PR is checked under the base's; the change applies once merged.",
    by: ['ci'],
  },
  {
    id: 'ci/secret',
    severity: 'error',
    summary:
      'A PR adds no secret: no key in its own format, no private key, no labelled value (password=, API_KEY:, a URL password) that looks random, in a file or a file name.',
    by: ['ci'],
  },
];
