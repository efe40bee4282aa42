// Agent sessions running in the repo that were started without killdate's hooks (`claude
// --bare`, `qwen --safe-mode` ...): found from /proc, the command line and the working folder
// of each process of this user. A session started so runs no guard, whatever the files say.
// Linux only (no /proc elsewhere: none found).
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { redact } from '../agents/redact.js';
import { hooksOffFlag } from '../core/shell-acts.js';
import { jsonObject, readSwitches } from './agent-homes.js';

export interface UnhookedSession {
  agent: string;
  pid: number;
  /** the flag it was started with, as written */
  flag: string;
}

/** The agent a command line runs: its program, or the script node runs. */
function agentOf(argv: string[]): { agent: string; args: string[] } | undefined {
  for (let i = 0; i < Math.min(2, argv.length); i++) {
    const name = basename(argv[i]!);
    const agent =
      /^(claude|qwen|opencode|codex)(\.exe|\.js)?$/.exec(name)?.[1] ??
      (argv[i]!.includes(`${sep}@qwen-code${sep}`) && name === 'cli-entry.js' ? 'qwen' : undefined);
    if (agent) return { agent, args: argv.slice(i + 1) };
  }
  return undefined;
}

/** Each agent session whose working folder is in `root` and that was started without its hooks. */
export function unhookedSessions(root: string): UnhookedSession[] {
  let pids: string[];
  let top: string;
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
    top = realpathSync(root);
  } catch {
    return [];
  }
  const out: UnhookedSession[] = [];
  for (const pid of pids)
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const run = agentOf(argv);
      const flag = run && hooksOffFlag(run.agent, run.args);
      if (!run || !flag) continue;
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if ((cwd === top || cwd.startsWith(`${top}${sep}`)) && !keepsHooks(flag, run.args, cwd))
        out.push({ agent: run.agent, pid: Number(pid), flag: redact(flag) }); // another's command line
    } catch {
      // gone, or another user's: not this user's session
    }
  return out;
}

/**
 * Claude Code's `--setting-sources` and `--settings` leave the hooks on unless they drop the
 * project's settings (where killdate installs them) or switch hooks off: read here, so a session
 * started with a harmless one is not reported. (The before-shell guard refuses both, whatever
 * their value: an agent starting one during a task has no need of it.)
 */
function keepsHooks(flag: string, args: string[], cwd: string): boolean {
  const eq = flag.indexOf('=');
  const name = eq < 0 ? flag : flag.slice(0, eq);
  if (name !== '--setting-sources' && name !== '--settings') return false;
  const value = eq < 0 ? (args[args.indexOf(flag) + 1] ?? '') : flag.slice(eq + 1);
  if (name === '--setting-sources') return value.split(',').includes('project');
  // JSON text, or a file read as the other settings are (one Claude Code cannot read keeps them)
  const settings = value.trimStart().startsWith('{')
    ? jsonObject(value)
    : readSwitches(resolve(cwd, value), 'claude');
  return settings?.disableAllHooks !== true && settings?.allowManagedHooksOnly !== true;
}
