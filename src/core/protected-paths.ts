// killdate's own records and the files that switch its guards: no agent tool may write them,
// task or no task. The before-write hook of every agent checks a target against this one list;
// docs/security.md lists it. Pure: repo-relative paths in, a reason out.

export interface ProtectedPath {
  /** `name:X` any file named X; `dir:X/` anything under X/ (at any depth); otherwise the exact path */
  match: string;
  what: string;
}

export const PROTECTED_PATHS: readonly ProtectedPath[] = [
  { match: 'name:SIGNOFFS.md', what: "killdate's sign-off record" },
  { match: 'name:REVIEW.md', what: "killdate's review record" },
  { match: 'dir:.killdate/', what: "killdate's task and run state" },
  { match: 'name:killdate.config.yaml', what: "killdate's config" },
  { match: 'dir:.git/', what: "git's own settings and hooks" },
  { match: '.claude/settings.json', what: 'Claude Code settings and hooks' },
  { match: '.claude/settings.local.json', what: 'Claude Code settings and hooks' },
  { match: '.codex/hooks.json', what: 'Codex hooks' },
  { match: '.codex/config.toml', what: 'Codex settings and hooks' },
  { match: '.gemini/settings.json', what: 'Gemini CLI settings and hooks' },
  { match: '.qwen/settings.json', what: 'Qwen Code settings and hooks' },
  { match: 'dir:.opencode/', what: 'opencode plugins and settings' },
  { match: 'opencode.json', what: 'opencode settings' },
  { match: 'opencode.jsonc', what: 'opencode settings' },
  { match: '.cursor/hooks.json', what: 'Cursor hooks' },
  { match: '.cursor/cli.json', what: 'Cursor permissions' },
  { match: 'dir:.github/hooks/', what: 'Copilot CLI hooks' },
];

/** macOS and Windows disks ignore case by default: there `review.md` is REVIEW.md. */
const CASE_BLIND = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Why an agent may not write `rel` (repo-relative, forward slashes), or undefined when it may.
 * `caseBlind`: compare without case, as the disk does.
 */
export function protectedWhat(rel: string, caseBlind = CASE_BLIND): string | undefined {
  const fold = (s: string) => (caseBlind ? s.toLowerCase() : s);
  const path = fold(rel);
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (const p of PROTECTED_PATHS) {
    const match = fold(p.match);
    if (match.startsWith('name:')) {
      if (name === match.slice(5)) return p.what;
    } else if (match.startsWith('dir:')) {
      if (`/${path}/`.includes(`/${match.slice(4)}`)) return p.what;
    } else if (path === match) return p.what;
  }
  return undefined;
}
