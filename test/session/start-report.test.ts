// The start report's commits line: a long subject is cut at a space near 50 characters (git's
// own advice for a subject's length) and marked; the facts keep it whole.
import { describe, expect, it } from 'vitest';
import type { GitFacts } from '../../src/core/session/git-facts.js';
import { renderStart, type StartFacts } from '../../src/core/session/start-report.js';
import { TODAY } from '../helpers/dates.js';

const git = (subjects: string[]): GitFacts => ({
  branch: 'main',
  detached: false,
  commits: subjects.map((subject, i) => ({ sha: `${i}`.repeat(40), date: TODAY, subject })),
  changes: [],
  stashes: [],
  unmerged: [],
});

const facts = (g: GitFacts): StartFacts => ({
  today: TODAY,
  git: g,
  log: [],
  inProgress: [],
  next: [],
  issues: { total: 0, shown: [] },
  killDates: [],
  checkpoints: [],
});

const commitsLine = (subjects: string[]) =>
  renderStart(facts(git(subjects)))
    .split('\n')
    .find((l) => l.startsWith('commits: '));

describe('start report commits', () => {
  it('keeps a subject of 50 characters or fewer as written', () => {
    const subject = 'Invoice totals round half up, as the ledger does.';
    expect(subject.length).toBeLessThanOrEqual(50);
    expect(commitsLine([subject])).toBe(`commits: 0000000 ${subject}`);
  });

  it('cuts a longer subject at the last space before 50 characters, marked with …', () => {
    const subject = 'overdue-badges: task 01-days-overdue approved (killdate run 20261206T210847Z-e4ee39)';
    expect(commitsLine([subject])).toBe('commits: 0000000 overdue-badges: task 01-days-overdue approved…');
  });

  it('cuts a subject with no space near the limit mid-word', () => {
    const subject = `fix: ${'x'.repeat(80)}`;
    const line = commitsLine([subject])!;
    expect(line).toBe(`commits: 0000000 fix: ${'x'.repeat(44)}…`);
    expect(line.length - 'commits: 0000000 '.length).toBe(50);
  });
});
