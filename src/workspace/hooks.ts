// Installing killdate's hooks without clobbering: Claude Code's `.claude/settings.json` is
// merged key by key; an existing git pre-commit hook keeps its content and gains a marked block.
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type ClaudeHookSpec, type MergeOutcome, mergeClaudeHook } from '../core/claude-settings.js';
import { KilldateError } from '../core/errors.js';
import { gitOrThrow } from './git.js';
import { replaceFile } from './replace.js';

export const CLAUDE_SETTINGS = '.claude/settings.json';

/** Adds or updates one killdate hook in `.claude/settings.json`; refuses a file that is not JSON. */
export function installClaudeHook(
  root: string,
  spec: ClaudeHookSpec,
): { file: string; outcome: MergeOutcome } {
  const abs = join(root, CLAUDE_SETTINGS);
  let current: Record<string, unknown> = {};
  if (existsSync(abs)) {
    const text = readFileSync(abs, 'utf8');
    try {
      current = text.trim() === '' ? {} : JSON.parse(text);
    } catch (e) {
      throw new KilldateError(
        'REFUSED',
        `${CLAUDE_SETTINGS} is not valid JSON (${(e as Error).message}); left as it is`,
        'fix the file, then run killdate hooks install again',
      );
    }
    if (!current || typeof current !== 'object' || Array.isArray(current))
      throw new KilldateError('REFUSED', `${CLAUDE_SETTINGS} is not a JSON object; left as it is`);
  }
  let merged: ReturnType<typeof mergeClaudeHook>;
  try {
    merged = mergeClaudeHook(current, spec);
  } catch (e) {
    throw new KilldateError('REFUSED', `${CLAUDE_SETTINGS}: ${(e as Error).message}; left as it is`);
  }
  if (merged.outcome !== 'unchanged') replaceFile(abs, `${JSON.stringify(merged.settings, null, 2)}\n`);
  return { file: CLAUDE_SETTINGS, outcome: merged.outcome };
}

const BEGIN = '# >>> killdate scope guard (killdate hooks install) >>>';
const END = '# <<< killdate scope guard <<<';

export type GitHookOutcome = 'created' | 'block-added' | 'block-updated' | 'unchanged' | 'refused';

export interface GitHookResult {
  file: string;
  outcome: GitHookOutcome;
  note: string;
}

/** The pre-commit hook: created, or an existing shell hook gains a marked block right after its shebang. */
export function installGitPreCommit(root: string, command: string): GitHookResult {
  const dir = gitOrThrow(root, ['rev-parse', '--git-path', 'hooks']).trim();
  const abs = join(isAbsolute(dir) ? dir : join(root, dir), 'pre-commit');
  const file = abs.startsWith(`${root}/`) ? abs.slice(root.length + 1) : abs;
  const block = `${BEGIN}\n${command} || exit $?\n${END}\n`;
  if (!existsSync(abs)) {
    replaceFile(abs, `#!/bin/sh\n${block}`, 0o755);
    chmodSync(abs, 0o755);
    return { file, outcome: 'created', note: 'new pre-commit hook' };
  }
  const text = readFileSync(abs, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) {
    const next = text.slice(0, start) + block + text.slice(end + END.length + 1);
    if (next === text) return { file, outcome: 'unchanged', note: 'killdate block already present' };
    replaceFile(abs, next, 0o755);
    return {
      file,
      outcome: 'block-updated',
      note: 'killdate block updated; the rest of the hook is unchanged',
    };
  }
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (firstLine.startsWith('#!') && !/\b(sh|bash|zsh|dash|ksh)\b/.test(firstLine))
    return {
      file,
      outcome: 'refused',
      note: `existing hook is not a shell script (${firstLine}); left as it is: call \`${command}\` from it yourself`,
    };
  const at = firstLine.startsWith('#!') ? firstLine.length + 1 : 0;
  replaceFile(abs, `${text.slice(0, at)}${block}${text.slice(at)}`, 0o755);
  return { file, outcome: 'block-added', note: 'existing hook kept; a marked killdate block runs first' };
}
