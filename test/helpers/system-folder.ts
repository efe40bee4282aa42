// Some agents read settings from a fixed system folder with no way to point them elsewhere:
// Claude Code from /etc/claude-code, Codex from /etc/codex. A test that plays a write there runs
// its commands in a mount namespace of their own (root only) with a folder of the test's mounted
// on the system folder, so no other process, test or session sees it. The empty mount point is
// made once and left: removing it could pull it from under a test running beside.
import { mkdirSync } from 'node:fs';

export const CLAUDE_POLICY = '/etc/claude-code';
export const CODEX_SYSTEM = '/etc/codex';
export const CAN_MOUNT = process.getuid?.() === 0;

/** A command prefix: what follows it runs with `folder` mounted on `target`. */
export function mountedOn(target: string, folder: string): string[] {
  mkdirSync(target, { recursive: true });
  return ['unshare', '-m', 'sh', '-c', `mount --bind "${folder}" ${target} && exec "$0" "$@"`];
}
