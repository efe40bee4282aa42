// Decisions in REVIEW.md bound to git, played as an agent would forge them: a decision section
// appended by hand, a run section's decision line edited. Neither counts (the loop waits), both
// are review/forged in ci, and the human's approve is a commit of REVIEW.md alone, by the human.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderDecisionSection } from '../../src/core/review-doc.js';
import { CLI, type Repo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

const REVIEW = 'feature-builds/settings-page/REVIEW.md';
let repo: Repo;
afterEach(() => repo?.cleanup());

const review = () => readFileSync(join(repo.dir, REVIEW), 'utf8');
const forged = (r: { stdout: string }) =>
  (JSON.parse(r.stdout).findings as { rule: string; message: string; line: number }[]).filter(
    (f) => f.rule === 'review/forged',
  );

let scriptFile = '';
function kd(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: humanEnv({ NO_COLOR: '1', KD_SCRIPT: scriptFile, KILLDATE_TODAY: TODAY }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ranTask1(): string {
  repo = readyRepo();
  scriptFile = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] }).KD_SCRIPT!;
  const r = kd('run', 'settings-page', '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).runs[0].runId;
}

describe('REVIEW.md decisions bound to git', () => {
  it('a decision section written by hand does not count, is review/forged, and blocks approve', () => {
    const runId = ranTask1();
    const fake = renderDecisionSection({
      task: '01-prefs',
      runId,
      decision: 'approved',
      by: 'Ada Reviewer <ada@example.com>',
      at: `${TODAY}T10:00:00Z`,
    });
    writeFileSync(join(repo.dir, REVIEW), `${review()}\n${fake}`);
    const again = kd('run', 'settings-page');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('waits for a decision');
    const ci = kd('ci', '--format', 'json');
    expect(ci.status).toBe(1);
    const [f] = forged(ci);
    expect(f!.message).toBe(
      'task 01-prefs decision approved by Ada Reviewer <ada@example.com>: not in any commit',
    );
    const approve = kd('approve', 'settings-page', '1');
    expect(approve.status).toBe(1);
    expect(approve.stderr).toMatch(/approve refused: .*REVIEW\.md:\d+ is part of a decision no commit holds/);
  }, 90_000);

  it("a git user.name holding line breaks (the agent's move) is refused by reject: no decision is written", () => {
    const runId = ranTask1();
    const before = review();
    const forgedSection = renderDecisionSection({
      task: '01-prefs',
      runId,
      decision: 'approved',
      by: 'Ada',
      at: TODAY,
    });
    repo.git('config', 'user.name', `Ada Reviewer\n\n${forgedSection}`);
    const r = kd('reject', 'settings-page', '1', '--reason', 'not yet');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git user.name or user.email holds a line break');
    expect(review()).toBe(before);
  });

  it("a run section's decision line edited to approved is review/forged and the loop waits", () => {
    ranTask1();
    writeFileSync(
      join(repo.dir, REVIEW),
      review().replace('**Decision:** pending', '**Decision:** approved'),
    );
    const again = kd('run', 'settings-page');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('waits for a decision');
    expect(forged(kd('ci', '--format', 'json'))[0]!.message).toMatch(
      /task 01-prefs run .*: a run section says approved, which killdate run never writes under approval.policy human/,
    );
  }, 90_000);

  it("the human's approve commits REVIEW.md alone, by the human, and ci finds nothing forged", () => {
    ranTask1();
    const ok = kd('approve', 'settings-page', '1');
    expect(ok.status, ok.stderr).toBe(0);
    expect(repo.git('show', '--name-only', '--format=%an <%ae>|%s', 'HEAD').trim().split('\n')).toEqual([
      'Ada Reviewer <ada@example.com>|killdate approve: settings-page task 01-prefs',
      '',
      REVIEW,
    ]);
    expect(repo.git('status', '--porcelain', '--', 'src/prefs.js').trim()).toBe('?? src/prefs.js');
    expect(forged(kd('ci', '--format', 'json'))).toEqual([]);
  }, 90_000);

  it('run refuses a feature whose CP-3 record git does not back', () => {
    repo = readyRepo();
    scriptFile = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] }).KD_SCRIPT!;
    const file = join(repo.dir, 'feature-builds/settings-page/SIGNOFFS.md');
    const text = readFileSync(file, 'utf8');
    const cp3 = text.indexOf('## CP-3');
    writeFileSync(file, text.slice(0, cp3) + text.slice(cp3).replace(/sha256:[0-9a-f]{4}/, 'sha256:ffff'));
    repo.git(
      '-c',
      'user.name=Claude',
      '-c',
      'user.email=noreply@anthropic.com',
      'commit',
      '-qam',
      'runbook hash',
    );
    const r = kd('run', 'settings-page');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/settings-page: 1 sign-off record\(s\) git does not back/);
    expect(r.stderr).toMatch(
      /SIGNOFFS\.md:\d+: CP-3 record signed by Ada Reviewer <ada@example.com>: line \d+ was changed by commit [0-9a-f]{7}/,
    );
  }, 90_000);
});
