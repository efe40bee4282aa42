// Sign-offs and decisions verifiable from git, played the way an agent with a shell would forge
// them: a hand-written record, a sha256 line edited, a record committed under another author,
// the human's name set in git config, an unsigned commit when signed commits are required.
// `status`, `run` and `ci` report each as signoff/forged or review/forged; none of them counts.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitRecord } from '../../src/workspace/record-git.js';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

const DIR = 'feature-builds/settings-page';
const FILE = `${DIR}/SIGNOFFS.md`;
let repo: Repo;
afterEach(() => repo?.cleanup());

const kd = (...args: string[]) => runCli(repo.dir, [...args, '--today', TODAY]);
const signoffs = () => readFileSync(join(repo.dir, FILE), 'utf8');
const AGENT = ['-c', 'user.name=Claude', '-c', 'user.email=noreply@anthropic.com'];

/** A repo whose feature has CP-0 signed by the human (Ada Reviewer) through the CLI. */
function signedRepo(): Repo {
  repo = makeRepo({
    'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
    [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
  });
  const r = kd('signoff', 'settings-page', 'cp0', '--yes');
  expect(r.status, r.stderr).toBe(0);
  return repo;
}

/** A CP-1 record as an agent writes it by hand, copying the shape of the human's. */
function handWrittenCp1(): string {
  const cp0 = signoffs().slice(signoffs().indexOf('## CP-0'));
  return `\n${cp0.replace('## CP-0 canonical cite check', '## CP-1 lock sign-off').replace(/gate-1/g, 'gates-1-7')}`;
}

function forged(r: { stdout: string }): { rule: string; line: number; message: string; file: string }[] {
  const doc = JSON.parse(r.stdout);
  const list = doc.findings ?? doc.features.flatMap((f: { forged: unknown[] }) => f.forged);
  return list.filter((f: { rule: string }) => f.rule.endsWith('/forged'));
}

describe('sign-offs bound to git', () => {
  it('signoff commits its record alone, authored by the signer; what was staged stays staged', () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
    });
    repo.write({ 'notes.txt': 'staged, not signed\n' });
    repo.git('add', 'notes.txt');
    const r = kd('signoff', 'settings-page', 'cp0', '--yes');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/signed: CP-0 recorded in .*SIGNOFFS\.md, commit [0-9a-f]{7}/);
    expect(repo.git('show', '--name-only', '--format=%an <%ae>|%s', 'HEAD').trim().split('\n')).toEqual([
      'Ada Reviewer <ada@example.com>|killdate signoff: settings-page CP-0',
      '',
      FILE,
    ]);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('notes.txt');
    const st = kd('status', 'settings-page', '--json');
    expect(st.status).toBe(0);
    expect(forged(st)).toEqual([]);
  });

  it('a hand-written record no commit holds (git user.name set to the human first) is signoff/forged and does not count', () => {
    signedRepo();
    repo.git('config', 'user.name', 'Ada Reviewer');
    writeFileSync(join(repo.dir, FILE), signoffs() + handWrittenCp1());
    const st = kd('status', 'settings-page', '--json');
    expect(st.status).toBe(1);
    const [f] = forged(st);
    expect(f).toMatchObject({ rule: 'signoff/forged', file: FILE });
    expect(f!.message).toMatch(/CP-1 record signed by Ada Reviewer <ada@example.com>: not in any commit/);
    expect(signoffs().split('\n')[f!.line - 1]).toMatch(/^## CP-1/);
    const cps = JSON.parse(st.stdout).features[0].checkpoints;
    expect(cps[1].status).not.toBe('signed');
    const human = kd('status', 'settings-page');
    expect(human.stdout).toMatch(/forged .*SIGNOFFS\.md:\d+: CP-1 record/);
    // the human's next sign-off never sweeps the loose record into its commit
    const next = kd('signoff', 'settings-page', 'cp1', '--yes');
    expect(next.status).toBe(1);
    expect(next.stderr).toMatch(
      /signoff refused: .*SIGNOFFS\.md:\d+ is part of a CP-1 record that no commit holds/,
    );
  });

  it('a sha256 line edited by hand is forged, committed or not, whoever the commit says', () => {
    signedRepo();
    const edited = signoffs().replace(/sha256:[0-9a-f]{6}/, 'sha256:000000');
    writeFileSync(join(repo.dir, FILE), edited);
    const line = edited.split('\n').findIndex((l) => l.includes('sha256:000000')) + 1;
    let [f] = forged(kd('status', '--json'));
    expect(f).toMatchObject({ rule: 'signoff/forged', line });
    expect(f!.message).toMatch(/not in any commit/);
    // committed under the human's own name: a later commit than the record's
    repo.git('commit', '-qam', 'tidy');
    const later = repo.git('rev-parse', '--short=7', 'HEAD').trim();
    [f] = forged(kd('status', '--json'));
    expect(f!.message).toMatch(
      new RegExp(`line ${line} was changed by commit ${later} after the record's commit [0-9a-f]{7}`),
    );
  });

  it('in a shallow clone, a record whose commit is the clone edge does not count; with its history it does', () => {
    signedRepo();
    repo.commit('later work');
    const clone = `${repo.dir}-shallow`;
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    try {
      const st = runCli(clone, ['status', 'settings-page', '--json', '--today', TODAY]);
      const [f] = forged(st);
      expect(f!.message).toMatch(/is the edge of a shallow clone: its history is not here/);
      execFileSync('git', ['fetch', '-q', '--unshallow'], { cwd: clone });
      expect(forged(runCli(clone, ['status', 'settings-page', '--json', '--today', TODAY]))).toEqual([]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('a record committed by another author is forged, naming both', () => {
    signedRepo();
    writeFileSync(join(repo.dir, FILE), signoffs() + handWrittenCp1());
    repo.git(...AGENT, 'commit', '-qam', 'record CP-1');
    const sha = repo.git('rev-parse', '--short=7', 'HEAD').trim();
    const ci = kd('ci', '--format', 'json');
    expect(ci.status).toBe(1);
    const [f] = forged(ci);
    expect(f!.message).toBe(
      `CP-1 record signed by Ada Reviewer <ada@example.com>: it names Ada Reviewer <ada@example.com> but commit ${sha} is by Claude <noreply@anthropic.com>`,
    );
    const gh = kd('ci', '--format', 'github');
    expect(gh.stdout).toMatch(
      new RegExp(`::error file=${FILE},line=${f!.line},title=signoff/forged::.*${sha}`),
    );
  });

  it("a git user.name holding line breaks (the agent's move) is refused: it would add records to the human's commit", () => {
    signedRepo();
    const before = signoffs();
    const head = repo.git('rev-parse', 'HEAD');
    // the name carries a whole CP-1 record after the human's own line
    repo.git('config', 'user.name', `Ada Reviewer <ada@example.com>\n- **At:** x\n${handWrittenCp1()}\nAda`);
    const r = kd('signoff', 'settings-page', 'cp1', '--yes');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git user.name or user.email holds a line break');
    expect(signoffs()).toBe(before);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
  });

  it("SIGNOFFS.md swapped for a symlink to another file (the agent's move): the record commit refuses, writes neither", () => {
    signedRepo();
    const before = signoffs();
    writeFileSync(join(repo.dir, 'notes.md'), before);
    rmSync(join(repo.dir, FILE));
    symlinkSync('../../notes.md', join(repo.dir, FILE));
    const head = repo.git('rev-parse', 'HEAD');
    // the signoff refuses earlier (git backs no record through the link); the writer refuses too
    expect(kd('signoff', 'settings-page', 'cp1', '--yes').status).toBe(1);
    const commit = () =>
      commitRecord(repo.dir, {
        file: FILE,
        text: `${before}\nforged\n`,
        author: 'Ada Reviewer <ada@example.com>',
        message: 'x',
        sign: false,
      });
    expect(commit).toThrow(`${FILE} is a symlink: a record is a file of its own; nothing recorded`);
    expect(readFileSync(join(repo.dir, 'notes.md'), 'utf8')).toBe(before);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
  });

  it('signoff appends: a hand-written note survives, conflict markers are refused', () => {
    signedRepo();
    const conflicted = `${signoffs()}<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n`;
    writeFileSync(join(repo.dir, FILE), conflicted);
    const r = kd('signoff', 'settings-page', 'cp1', '--yes');
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/merge-conflict marker/);
    expect(signoffs()).toBe(conflicted);
    repo.git('checkout', '--', FILE);
    writeFileSync(join(repo.dir, FILE), `${signoffs()}\nNote from Ada: CP-1 waits for legal.\n`);
    repo.commit('a note');
    expect(kd('signoff', 'settings-page', 'cp1', '--yes').status).toBe(0);
    expect(signoffs()).toContain('Note from Ada: CP-1 waits for legal.');
    expect(signoffs().indexOf('Note from Ada')).toBeLessThan(signoffs().indexOf('## CP-1'));
    expect(forged(kd('status', '--json'))).toEqual([]);
  });
});
