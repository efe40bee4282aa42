// installHooks(): the git pre-commit scope check and the Claude Code PreToolUse scope guard.

import type { MergeOutcome } from '../core/claude-settings.js';
import { type GitHookResult, installClaudeHook, installGitPreCommit } from '../workspace/hooks.js';
import { findRoot } from '../workspace/root.js';

export const EDIT_MATCHER = 'Edit|Write|MultiEdit|NotebookEdit';

export interface HooksResult {
  version: 1;
  claude: { file: string; outcome: MergeOutcome; command: string };
  git: GitHookResult & { command: string };
  /** SessionStart (`start --hook`) and Stop (`end --check`) */
  session: { event: string; outcome: MergeOutcome; command: string }[];
}

/** `bin` is how hooks call killdate: `killdate` on PATH by default, or e.g. `node /abs/dist/killdate.js`. */
export function installHooks(opts: { cwd?: string; bin?: string } = {}): HooksResult {
  const root = findRoot(opts.cwd);
  const bin = opts.bin?.trim() || 'killdate';
  const toolCommand = `${bin} hook pre-tool-use`;
  const claude = installClaudeHook(root, {
    event: 'PreToolUse',
    matcher: EDIT_MATCHER,
    command: toolCommand,
    isOurs: (c) => /killdate/.test(c) && /\bhook pre-tool-use\s*$/.test(c),
  });
  const commitCommand = `${bin} hook pre-commit`;
  const git = installGitPreCommit(root, commitCommand);
  const session = [
    ['SessionStart', `${bin} start --hook`, /\bstart --hook\s*$/],
    ['Stop', `${bin} end --check`, /\bend --check\s*$/],
  ].map(([event, command, re]) => ({
    event: event as string,
    command: command as string,
    outcome: installClaudeHook(root, {
      event: event as string,
      command: command as string,
      isOurs: (c) => /killdate/.test(c) && (re as RegExp).test(c),
    }).outcome,
  }));
  return {
    version: 1,
    claude: { ...claude, command: toolCommand },
    git: { ...git, command: commitCommand },
    session,
  };
}
