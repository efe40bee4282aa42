// The one list of destructive shell commands: a VALIDATE step that runs one of these is an
// error in `check` (runbook/validate-destructive) and is never run, unless the runbook marks
// the step "(destructive)". Each entry says why, in words a person reads in the finding.

/** Folders a build writes and may remove whole: `rm -r` under these is not destructive. */
export const BUILD_FOLDERS = [
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.parcel-cache',
  'target',
  'tmp',
  '.tmp',
  'node_modules',
] as const;

interface Destructive {
  /** what it does, for the finding */
  what: string;
  /** tested against one simple command, its words as the shell would split them */
  test(words: string[]): boolean;
}

const has = (words: string[], ...flags: string[]) => words.some((w) => flags.includes(w));
const git = (words: string[], sub: string) => words[0] === 'git' && gitSub(words) === sub;

/** The subcommand of a git command line, past `-C dir` and `-c k=v` options. */
function gitSub(words: string[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-C' || w === '-c') i++;
    else if (!w.startsWith('-')) return w;
  }
  return undefined;
}

const shortFlag = (words: string[], letter: string) =>
  words.some((w) => /^-[A-Za-z]+$/.test(w) && w.includes(letter));

export const DESTRUCTIVE: Destructive[] = [
  { what: 'git clean deletes untracked and ignored files', test: (w) => git(w, 'clean') },
  {
    what: 'git reset --hard discards uncommitted work',
    test: (w) => git(w, 'reset') && has(w, '--hard', '--merge', '--keep'),
  },
  {
    what: 'git push --force rewrites the remote',
    test: (w) =>
      git(w, 'push') &&
      (has(w, '--force', '--force-with-lease', '--mirror', '--delete', '--prune') ||
        w.some((x) => x.startsWith('--force-with-lease=')) ||
        shortFlag(w.slice(2), 'f') ||
        shortFlag(w.slice(2), 'd') ||
        w.slice(2).some((x) => x.startsWith('+') || x.startsWith(':'))),
  },
  {
    what: 'git checkout/restore of paths discards uncommitted changes',
    test: (w) => (git(w, 'checkout') && has(w, '--', '.', '-f', '--force')) || git(w, 'restore'),
  },
  {
    what: 'git stash drop/clear loses stashed work',
    test: (w) => git(w, 'stash') && has(w, 'drop', 'clear'),
  },
  { what: 'git branch -D deletes a branch', test: (w) => git(w, 'branch') && has(w, '-D', '--delete', '-d') },
  {
    what: 'git filter-branch / update-ref / reflog expire rewrites history',
    test: (w) => ['filter-branch', 'filter-repo', 'update-ref', 'reflog'].some((s) => git(w, s)),
  },
  {
    what: 'rm -r outside the build folders',
    test: (w) =>
      w[0] === 'rm' &&
      (has(w, '--recursive') || shortFlag(w.slice(1), 'r') || shortFlag(w.slice(1), 'R')) &&
      (operands(w).length === 0 || !operands(w).every(inBuildFolder)),
  },
  {
    what: 'rimraf outside the build folders',
    test: (w) => w[0] === 'rimraf' && (operands(w).length === 0 || !operands(w).every(inBuildFolder)),
  },
  {
    what: 'find -delete removes files',
    test: (w) => w[0] === 'find' && (has(w, '-delete') || (has(w, '-exec', '-execdir') && has(w, 'rm'))),
  },
  {
    what: 'shred / dd / mkfs overwrite data',
    test: (w) => ['shred', 'dd', 'mkfs', 'wipefs'].includes(w[0] ?? '') || (w[0] ?? '').startsWith('mkfs.'),
  },
  {
    what: 'docker prune / volume rm removes containers and data',
    test: (w) => w[0] === 'docker' && (has(w, 'prune') || (has(w, 'volume') && has(w, 'rm'))),
  },
  { what: 'kubectl delete removes cluster resources', test: (w) => w[0] === 'kubectl' && has(w, 'delete') },
  {
    what: 'terraform destroy removes infrastructure',
    test: (w) => w[0] === 'terraform' && has(w, 'destroy'),
  },
  {
    what: 'a database drop or reset',
    test: (w) =>
      w.some((x) => /^(db:drop|db:reset|db:schema:load|migrate:fresh|migrate:reset)$/.test(x)) ||
      (w.includes('migrate') && w.includes('reset')) ||
      w[0] === 'dropdb',
  },
];

const SQL: { what: string; re: RegExp }[] = [
  {
    what: 'SQL DROP removes a table or database',
    re: /\bdrop\s+(table|database|schema|index|view|user|role)\b/i,
  },
  { what: 'SQL TRUNCATE empties a table', re: /\btruncate\s+(table\s+)?[\w".]/i },
  { what: 'SQL DELETE without WHERE empties a table', re: /\bdelete\s+from\s+[\w".]+\s*(;|$|["'])/i },
];

/** The operands of a command (its words after the first that are not options). */
function operands(words: string[]): string[] {
  return words.slice(1).filter((x) => !x.startsWith('-'));
}

/** Every build folder entry of `rm -r`: relative, no `..`, no glob at its top, under a build folder. */
function inBuildFolder(path: string): boolean {
  const p = path.replace(/^\.\//, '');
  if (p.startsWith('/') || p.startsWith('~') || p.split('/').includes('..')) return false;
  const top = p.split('/')[0] ?? '';
  return (BUILD_FOLDERS as readonly string[]).includes(top);
}

/** The words of each simple command of a command line (split at `;`, `&&`, `||`, `|`, `&`). */
export function simpleCommands(line: string): string[][] {
  // quotes do not hide a command: `sh -c "git clean -fdx"` is read as `git clean -fdx`
  return line
    .replace(/["'`()$]/g, ' ')
    .split(/\|\||&&|[;|&\n]/)
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/^["']|["']$/g, ''))
        .filter((w) => w !== ''),
    )
    .map(stripPrefix)
    .filter((w) => w.length > 0);
}

/** `sudo`, `env X=1`, `npx`, `command`, `exec` and assignments before the command itself. */
const PREFIXES = ['sudo', 'env', 'command', 'exec', 'nohup', 'time', 'xargs', 'eval', 'npx', 'bunx'];

function stripPrefix(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (PREFIXES.includes(w) || /^[A-Za-z_]\w*=/.test(w)) i++;
    else if (/^(ba|z|da|k)?sh$/.test(w) && words[i + 1] === '-c') i += 2;
    else break;
  }
  return words.slice(i);
}

/** Why `command` is destructive, or undefined when it is not on the list. */
export function destructive(command: string): string | undefined {
  for (const re of SQL) if (re.re.test(command)) return re.what;
  for (const words of simpleCommands(command)) for (const d of DESTRUCTIVE) if (d.test(words)) return d.what;
  return undefined;
}
