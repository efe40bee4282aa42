import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/core/markdown.js';
import { parseLog } from '../../src/core/parse/log.js';
import { countTokens } from '../../src/core/tokens.js';
import { day } from '../helpers/dates.js';
import { demoRepo, git, kd, TODAY } from './helpers.js';

const LOG = 'project-management/_log.md';

describe('killdate start on the demo', () => {
  const dir = demoRepo();
  writeFileSync(join(dir, 'src/wip.ts'), 'export const wip = 1;\n');
  git(dir, 'stash', 'push', '-u', '-q', '-m', 'half a migration');
  writeFileSync(join(dir, 'README.md'), `${readFileSync(join(dir, 'README.md'), 'utf8')}\nedited\n`);

  it('reports git, RESUME HERE, log, roadmap, issues, kill dates and checkpoints, with a token count', () => {
    const r = kd(dir, ['start', '--json', '--today', TODAY]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.git.branch).toBe('main');
    expect(j.git.commits.length).toBeGreaterThanOrEqual(3);
    expect(j.git.changes).toEqual([{ code: ' M', path: 'README.md' }]);
    expect(j.git.stashes[0]).toMatch(/half a migration/);
    expect(j.resume.date).toBe(day(-1));
    expect(j.resume.steps[0]).toMatch(/^Decide what recurring invoices leave out/);
    expect(j.log.map((e: { date: string }) => e.date)).toEqual([day(-28), day(-23), day(-7), day(-1)]);
    expect(j.inProgress[0]).toMatch(/^Recurring invoices/);
    expect(j.next[0]).toMatch(new RegExp(`^Kill date ${day(-10)}`));
    expect(j.issues.total).toBe(2);
    expect(j.issues.shown[0].id).toBe('CFG-1'); // medium before low
    expect(j.killDates.length).toBeGreaterThan(0);
    expect(j.checkpoints.map((c: { slug: string }) => c.slug)).toContain('recurring-invoices');
    expect(j.tokens).toBeGreaterThan(100);
    expect(j.tokens).toBeLessThan(1500);
    expect(j.tokens).toBe(countTokens(j.text)); // counted on a worker thread by the built CLI
    // no fact twice: the live RESUME step appears once in the text
    expect(j.text.split('Decide what recurring invoices leave out').length).toBe(2);
  });

  it('--hook prints the SessionStart shape with the report as additional context', () => {
    const r = kd(dir, ['start', '--hook', '--today', TODAY]);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['hookSpecificOutput']);
    expect(j.hookSpecificOutput.hookEventName).toBe('SessionStart');
    expect(j.hookSpecificOutput.additionalContext).toContain(`RESUME HERE (${day(-1).slice(5)})`);
  });

  it('--summary says the last session, what is in progress and the next step', () => {
    const r = kd(dir, ['start', '--summary', '--today', TODAY]);
    expect(r.stdout).toMatch(new RegExp(`^Last session \\(${day(-1)}, feature/recurring-invoices\\)`));
    expect(r.stdout).toMatch(/In progress: Recurring invoices/);
    expect(r.stdout).toMatch(/Next step: Decide what recurring invoices leave out/);
  });
});

// each test builds a demo workspace of its own: slow on a loaded machine
describe('killdate end', { timeout: 120_000 }, () => {
  it("--check refuses without today's entry (exit 1; exit 2 as a Stop hook; 0 when stop_hook_active)", () => {
    const dir = demoRepo();
    expect(kd(dir, ['end', '--check', '--today', TODAY]).status).toBe(1);
    const hook = kd(
      dir,
      ['end', '--check', '--today', TODAY],
      JSON.stringify({ hook_event_name: 'Stop', stop_hook_active: false }),
    );
    expect(hook.status).toBe(2);
    expect(hook.stderr).toContain(`no log entry for ${TODAY}`);
    const again = kd(
      dir,
      ['end', '--check', '--today', TODAY],
      JSON.stringify({ hook_event_name: 'Stop', stop_hook_active: true }),
    );
    expect(again.status).toBe(0);
  });

  it('writes a parseable entry, appended, earlier text untouched; mid-flight work needs a RESUME HERE', () => {
    const dir = demoRepo();
    const before = readFileSync(join(dir, LOG), 'utf8');
    writeFileSync(join(dir, 'src/wip.ts'), 'export const wip = 1;\n'); // mid-flight
    const w = kd(dir, ['end', '--did', 'Wrote the wip module.', '--today', TODAY]);
    expect(w.status).toBe(1);
    expect(w.stdout).toMatch(/mid-flight .* no RESUME HERE/);
    expect(w.stdout).toMatch(/^on main, \d+ uncommitted changes?, no stashes, 0 unmerged branches$/m);
    const after1 = readFileSync(join(dir, LOG), 'utf8');
    expect(after1.startsWith(before)).toBe(true);
    const hook = JSON.stringify({ hook_event_name: 'Stop', stop_hook_active: false });
    expect(kd(dir, ['end', '--check', '--today', TODAY], hook).status).toBe(2);
    const ok = kd(dir, [
      'end',
      '--did',
      'Second session.',
      '--decided',
      'Keep wip small.',
      '--resume',
      'Finish wip',
      '--resume',
      'Test it',
      '--today',
      TODAY,
    ]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const text = readFileSync(join(dir, LOG), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(after1.startsWith(before)).toBe(true);
    const model = parseLog(parseMarkdown(LOG, text));
    expect(model.entries.filter((e) => e.date === TODAY)).toHaveLength(1); // the same entry, updated
    const last = model.entries.at(-1)!;
    expect(last.date).toBe(TODAY);
    expect(last.branch?.value).toBe('main');
    expect(model.liveResume?.steps.map((s) => s.text)).toEqual(['Finish wip', 'Test it']);
    expect(kd(dir, ['end', '--check', '--today', TODAY], hook).status).toBe(0);
    // the next start carries the entry once: what happened and the decision in the log line,
    // the steps only in RESUME HERE
    const report = JSON.parse(kd(dir, ['start', '--json', '--today', TODAY]).stdout).text as string;
    const md = TODAY.slice(5);
    expect(report).toMatch(
      new RegExp(
        `^log .*${md} (?:\\[main\\] )?Wrote the wip module\\. Second session\\. Decided: Keep wip small\\.$`,
        'm',
      ),
    );
    expect(report).toMatch(new RegExp(`^RESUME HERE \\(${md}\\): 1\\. Finish wip 2\\. Test it$`, 'm'));
    expect(report.split('Finish wip').length).toBe(2);
  });

  it('reminds when code changed since the last log entry but roadmap and known issues did not', () => {
    const dir = demoRepo();
    writeFileSync(join(dir, 'src/extra.ts'), 'export const x = 2;\n');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'code');
    const r = kd(dir, ['end', '--did', 'Added extra.', '--json', '--today', TODAY]);
    const j = JSON.parse(r.stdout);
    expect(j.reminders.join(' ')).toMatch(/\d+ code files? changed since the last log entry/);
    expect(j.gitSummary).toMatch(/^on main, 1 uncommitted change/);
  });

  it('refuses without --did off a terminal, and refuses a secret', () => {
    const dir = demoRepo();
    expect(kd(dir, ['end', '--today', TODAY]).status).toBe(2);
    const s = kd(dir, [
      'end',
      '--did',
      'set ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuvwxyz',
      '--today',
      TODAY,
    ]);
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/secret/);
    expect(readFileSync(join(dir, LOG), 'utf8')).not.toMatch(/sk-ant/);
  });
});
