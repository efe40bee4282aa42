// The demo's loop part: overdue-badges task 1 with the built-in scripted executor, reviewed
// (VALIDATE runs the app's real tests), approved and committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demo } from '../../src/api/demo.js';
import { runs } from '../../src/api/run.js';
import { parseReview } from '../../src/core/review-doc.js';
import { TODAY } from '../helpers/dates.js';

describe('demo loop', () => {
  it('takes overdue-badges task 1 through the loop with no account and no network', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kd-demo-loop-')), 'quillbill');
    const r = await demo({ dir, today: TODAY, loop: true });
    const l = r.loop!;
    const t = l.result.runs[0]!;
    expect(t).toMatchObject({ feature: 'overdue-badges', task: '01-days-overdue', allPassed: true });
    expect(t.checks!.filter((c) => c.name.startsWith('VALIDATE')).map((c) => c.name)).toEqual([
      'VALIDATE 1: node --test test/overdue.test.js',
      'VALIDATE 2: npm test',
    ]);
    expect(t.changes!.map((c) => c.path)).toEqual(['test/overdue.test.js']);
    expect(l.decision).toMatchObject({ decision: 'approved', next: '02-list-badge' });
    // approve --commit: the task's files alone, in a commit naming the task
    expect(l.decision?.committed?.paths).toEqual(['test/overdue.test.js']);
    const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' }).trim();
    expect(git('show', '--name-only', '--format=%s', l.commit!).split('\n')).toEqual([
      `overdue-badges: task 01-days-overdue approved (killdate run ${t.runId})`,
      '',
      'test/overdue.test.js',
    ]);
    const review = readFileSync(join(dir, l.review), 'utf8');
    expect(parseReview(review).map((e) => [e.kind, e.decision])).toEqual([
      ['run', 'pending'],
      ['decision', 'approved'],
    ]);
    expect(readFileSync(join(dir, l.runDir, 'validate-2.log'), 'utf8')).toMatch(/# fail 0/);
    expect(runs({ cwd: dir }).runs.map((m) => m.decision)).toEqual(['approved']);
  }, 120_000);
});
