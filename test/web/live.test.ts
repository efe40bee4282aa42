// The board's workspace watch on a real folder: a person's edit is pushed, the board's own
// cache writes are not, even when they create .killdate/ (the first read of a new workspace);
// a file replaced by a rename and a folder made after the start are still seen.
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
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

/**
 * Every path the watch pushes after `act`, until `until` is among them (a person's edit as the
 * barrier); fails naming `until` when it is not pushed within 10 s.
 */
function pushedUntil(act: () => void, until: string): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${until} was not pushed within 10 s (pushed: ${seen.join(', ') || 'nothing'})`));
    }, 10_000);
    const stop = watch!.on((paths) => {
      seen.push(...paths);
      if (paths.includes(until)) {
        clearTimeout(timer);
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

  it('sees a file edited in place after it was replaced by a rename, or removed and written again', async () => {
    root = mkdtempSync(join(tmpdir(), 'kd-live-'));
    mkdirSync(join(root, 'project-management'));
    const file = join(root, ROADMAP);
    writeFileSync(file, '# Roadmap\n');
    watch = new WorkspaceWatch(root);
    // killdate's own writes and an editor's safe save: a new file renamed over the old one
    await pushedUntil(() => {
      writeFileSync(`${file}.tmp`, '# Roadmap\n\n- one\n');
      renameSync(`${file}.tmp`, file);
    }, ROADMAP);
    await pushedUntil(() => writeFileSync(file, '# Roadmap\n\n- two\n'), ROADMAP);
    // git checkout: the file removed, then written anew
    await pushedUntil(() => {
      unlinkSync(file);
      writeFileSync(file, '# Roadmap\n\n- three\n');
    }, ROADMAP);
    expect(await pushedUntil(() => writeFileSync(file, '# Roadmap\n\n- four\n'), ROADMAP)).toContain(ROADMAP);
  });

  it('follows folders made, removed and made again after the start; dependencies are not watched', async () => {
    root = mkdtempSync(join(tmpdir(), 'kd-live-'));
    watch = new WorkspaceWatch(root);
    const runbook = 'feature-builds/export/runbook-01-csv.md';
    // written in the same breath as its folders: before any watch on them began
    const made = await pushedUntil(() => {
      mkdirSync(join(root, 'feature-builds/export'), { recursive: true });
      writeFileSync(join(root, runbook), '# Runbook\n');
    }, runbook);
    expect(made).toContain(runbook);
    await pushedUntil(() => writeFileSync(join(root, runbook), '# Runbook: csv\n'), runbook);
    await pushedUntil(
      () => rmSync(join(root, 'feature-builds/export'), { recursive: true }),
      'feature-builds/export',
    );
    await pushedUntil(() => {
      mkdirSync(join(root, 'feature-builds/export'));
      writeFileSync(join(root, runbook), '# Runbook again\n');
    }, runbook);
    const later = await pushedUntil(() => {
      mkdirSync(join(root, 'web/node_modules/pkg'), { recursive: true });
      setTimeout(() => writeFileSync(join(root, 'web/node_modules/pkg/index.js'), ''), 200);
      setTimeout(() => writeFileSync(join(root, runbook), '# Runbook: last\n'), 400);
    }, runbook);
    expect(later.filter((p) => p.includes('node_modules/'))).toEqual([]);
  });

  it('watches no more folders than its budget, and says the budget ran out', () => {
    root = mkdtempSync(join(tmpdir(), 'kd-live-'));
    for (const f of ['a', 'b', 'c', 'd']) mkdirSync(join(root, 'feature-builds', f), { recursive: true });
    watch = new WorkspaceWatch(root, 3);
    expect([watch.watched, watch.budgetSpent]).toEqual([3, true]);
    watch.close();
    watch = new WorkspaceWatch(root, 10);
    expect([watch.watched, watch.budgetSpent]).toEqual([6, false]);
  });
});
