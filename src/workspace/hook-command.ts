// The command the installed hooks run: this node binary and this killdate entry, by absolute
// path, so a hook never depends on PATH (exit 127 would let every tool call through). Warns
// when the entry is not an installed copy, or when `killdate` on PATH is another one.
import { accessSync, constants, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface HookCommand {
  /** the shell words before `hook ...`, quoted */
  prefix: string;
  /** the same as argv (for the opencode plugin, which spawns without a shell) */
  argv: string[];
  warnings: string[];
}

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return realpathSync(join(dir, name));
    } catch {}
  }
  return undefined;
}

/** `bin` overrides (words split on spaces, e.g. `node /abs/dist/killdate.js`). */
export function hookCommand(bin?: string): HookCommand {
  if (bin?.trim()) {
    const argv = bin.trim().split(/\s+/);
    return { prefix: argv.map(quote).join(' '), argv, warnings: [] };
  }
  const entry = realpathSync(process.argv[1] ?? '');
  const argv = [process.execPath, entry];
  const warnings: string[] = [];
  const temp = realpathSync(tmpdir());
  if (entry.startsWith(`${temp}/`) || entry.includes('/_npx/'))
    warnings.push(
      `killdate runs from a temporary folder (${entry}): the hooks call it there. Install killdate (npm install --save-dev killdate, or globally), then run killdate hooks install again`,
    );
  const path = onPath('killdate');
  if (path && path !== entry) warnings.push(`killdate on PATH is ${path}; the hooks call ${entry}`);
  return { prefix: argv.map(quote).join(' '), argv, warnings };
}
