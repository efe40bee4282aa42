// Claude Code reads its managed (policy) settings from /etc/claude-code only, with no way to
// point it elsewhere. A test that plays a write there runs its commands in a mount namespace
// of their own (root only) with a folder of the test's mounted on /etc/claude-code, so no other
// process, test or session sees it. The empty mount point is made once and left: removing it
// could pull it from under a test running beside.
import { mkdirSync } from 'node:fs';

export const POLICY_DIR = '/etc/claude-code';
export const CAN_MOUNT = process.getuid?.() === 0;

/** A command prefix: what follows it runs with `policy` mounted on POLICY_DIR. */
export function withPolicy(policy: string): string[] {
  mkdirSync(POLICY_DIR, { recursive: true });
  return ['unshare', '-m', 'sh', '-c', `mount --bind "${policy}" ${POLICY_DIR} && exec "$0" "$@"`];
}
