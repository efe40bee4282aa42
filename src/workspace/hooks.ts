// The git pre-commit scope check, without clobbering: an existing shell hook keeps its content
// and gains a marked block; a symlinked hook is followed inside the repo, refused outside it.
import { isUtf8 } from 'node:buffer';
import { chmodSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { gitOrThrow } from './git.js';
import { removeFile, writablePath } from './hook-files.js';
import { replaceFile } from './replace.js';
import { readForRewrite } from './utf8.js';

const BEGIN = '# >>> killdate scope guard (killdate hooks install) >>>';
const END = '# <<< killdate scope guard <<<';

export type GitHookOutcome = 'created' | 'block-added' | 'block-updated' | 'unchanged' | 'refused';

export interface GitHookResult {
  file: string;
  outcome: GitHookOutcome;
  note: string;
}

function preCommitPath(root: string): { file: string; abs: string } {
  const dir = gitOrThrow(root, ['rev-parse', '--git-path', 'hooks']).trim();
  const hooksDir = isAbsolute(dir) ? dir : join(root, dir);
  const real = realpathSync(root);
  const abs = join(hooksDir, 'pre-commit');
  const file = abs.startsWith(`${root}/`)
    ? abs.slice(root.length + 1)
    : abs.startsWith(`${real}/`)
      ? abs.slice(real.length + 1)
      : abs;
  return { file, abs };
}

/** The pre-commit hook: created, or an existing shell hook gains a marked block right after its shebang. */
export function installGitPreCommit(root: string, command: string): GitHookResult {
  const { file } = preCommitPath(root);
  // a hooks folder outside the repo (core.hooksPath) is shared with other repos: not killdate's
  if (file.startsWith('/'))
    return {
      file,
      outcome: 'refused',
      note: `git's hooks folder is outside the repo; left as it is: call \`${command}\` from its pre-commit yourself`,
    };
  let abs: string;
  try {
    abs = writablePath(root, file);
  } catch (e) {
    if (e instanceof KilldateError)
      return { file, outcome: 'refused', note: e.message.replace(`${file} `, '') };
    throw e;
  }
  const block = `${BEGIN}\n${command} || exit $?\n${END}\n`;
  if (!existsSync(abs)) {
    replaceFile(abs, `#!/bin/sh\n${block}`, 0o755);
    chmodSync(abs, 0o755);
    return { file, outcome: 'created', note: 'new pre-commit hook' };
  }
  const bytes = readFileSync(abs);
  const text = bytes.toString('utf8');
  const firstLine = text.split('\n', 1)[0] ?? '';
  const leftAsItIs: GitHookResult = {
    file,
    outcome: 'refused',
    note: `existing hook is not a shell script${firstLine.startsWith('#!') ? ` (${firstLine})` : ''}; left as it is: call \`${command}\` from it yourself`,
  };
  // a hook that is not UTF-8 is never rewritten, whether or not it holds killdate's block
  if (!isUtf8(bytes)) return leftAsItIs;
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
  // only a shell script gains the block: a program or a script without `#!` is left as it is
  const shell = firstLine.startsWith('#!') && /\b(sh|bash|zsh|dash|ksh)\b/.test(firstLine);
  if (!shell) return leftAsItIs;
  const at = firstLine.length + 1;
  replaceFile(abs, `${text.slice(0, at)}${block}${text.slice(at)}`, 0o755);
  return { file, outcome: 'block-added', note: 'existing hook kept; a marked killdate block runs first' };
}

/** Takes the marked block out; a hook that held nothing else (killdate created it) goes. */
export function uninstallGitPreCommit(root: string): { file: string; outcome: 'removed' | 'absent' } {
  const { file } = preCommitPath(root);
  const abs = file.startsWith('/') ? file : writablePath(root, file);
  // a hook that is not UTF-8 is refused by file and line, never rewritten
  const text = readForRewrite(abs, file);
  if (text === undefined) return { file, outcome: 'absent' };
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return { file, outcome: 'absent' };
  const next = text.slice(0, start) + text.slice(end + END.length + 1);
  if (next === '#!/bin/sh\n') removeFile(abs);
  else replaceFile(abs, next, 0o755);
  return { file, outcome: 'removed' };
}
