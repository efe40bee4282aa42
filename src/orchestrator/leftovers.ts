// The processes a run leaves behind: every process whose environment carries the run's marker
// (KILLDATE_RUN_ID=<run id>), found in /proc/<pid>/environ, so a child that left the process
// group (setsid) is found too. Killed after the executor and after VALIDATE. Linux only: where
// there is no /proc, nothing is found.
import { readdirSync, readFileSync } from 'node:fs';

export interface Leftover {
  pid: number;
  command: string;
}

function marked(needle: Buffer): Leftover[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const out: Leftover[] = [];
  for (const p of pids) {
    const pid = Number(p);
    if (pid === process.pid) continue;
    let env: Buffer;
    try {
      env = readFileSync(`/proc/${p}/environ`);
    } catch {
      continue; // gone, or another user's
    }
    const at = env.indexOf(needle);
    if (at < 0 || (at > 0 && env[at - 1] !== 0)) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    } catch {}
    out.push({ pid, command });
  }
  return out;
}

/** Kills (SIGKILL) every process carrying the run's marker, until none is left; returns them. */
export function killRunProcesses(runId: string): Leftover[] {
  const needle = Buffer.from(`KILLDATE_RUN_ID=${runId}\0`);
  const killed = new Map<number, Leftover>();
  for (let round = 0; round < 5; round++) {
    const found = marked(needle);
    if (!found.some((l) => !killed.has(l.pid))) break;
    for (const l of found) {
      try {
        process.kill(l.pid, 'SIGKILL');
        killed.set(l.pid, l);
      } catch {}
    }
  }
  return [...killed.values()];
}
