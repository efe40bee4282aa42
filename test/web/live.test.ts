// The board's workspace watch on a real folder: a person's edit is pushed, the board's own
// cache writes are not, even when they create .killdate/ (the first read of a new workspace).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceWatch } from '../../src/web/live.js';

let root = '';
let watch: WorkspaceWatch | undefined;
afterEach(() => {
  watch?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every path the watch pushes after `act`, until `until` is among them (a person's edit as the barrier). */
function pushedUntil(act: () => void, until: string): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve) => {
    const stop = watch!.on((paths) => {
      seen.push(...paths);
      if (paths.includes(until)) {
        stop();
        resolve(seen);
      }
    });
    act();
  });
}
const ROADMAP = 'project-management/ROADMAP.md';

describe('the workspace watch', () => {
  it("ignores .killdate/ when the board's own cache created it, and sees a person's edit", async () => {
    root = mkdtempSync(join(tmpdir(), 'kd-live-'));
    mkdirSync(join(root, 'project-management'));
    watch = new WorkspaceWatch(root);
    const pushed = await pushedUntil(() => {
      mkdirSync(join(root, '.killdate/cache/md'), { recursive: true });
      writeFileSync(join(root, '.killdate/cache/md/lock-00.json'), '{}');
      setTimeout(() => writeFileSync(join(root, ROADMAP), '# Roadmap\n'), 300);
    }, ROADMAP);
    expect(pushed.filter((p) => p.startsWith('.killdate'))).toEqual([]);
  });

  it('sees .killdate/ created with state in it (a task started)', async () => {
    root = mkdtempSync(join(tmpdir(), 'kd-live-'));
    watch = new WorkspaceWatch(root);
    const pushed = await pushedUntil(() => {
      mkdirSync(join(root, '.killdate'));
      writeFileSync(join(root, '.killdate/active-task.json'), '{}');
    }, '.killdate');
    expect(pushed).toContain('.killdate');
  });
});
