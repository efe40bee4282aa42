// `killdate run` on a terminal: after the review it asks the human, and the answer is recorded
// through the same api as `killdate approve`. A real pseudo-terminal (util-linux `script`)
// carries the keys; the environment is the human's (no agent markers).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from './fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const REVIEW = 'feature-builds/settings-page/REVIEW.md';

/** `killdate run <feature>` in a pseudo-terminal; `answer` is called with each new screen until it exits. */
function runOnTerminal(env: NodeJS.ProcessEnv, answer: (screen: string, keys: (k: string) => void) => void) {
  // a pipe gives the terminal no size: set one, or the prompt wraps at every character
  const command = `stty cols 120 rows 40; '${process.execPath}' '${CLI}' run settings-page`;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: repo.dir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (d) => {
    screen += d;
    answer(screen, (k) => child.stdin.write(k));
  });
  return new Promise<{ code: number | null; screen: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, screen })),
  );
}

/**
 * A ready feature whose task writes `steps` (by default src/prefs.js, inside FILES), run on a
 * terminal answering each prompt once, in order.
 */
async function runAnswering(
  answers: [RegExp, string][],
  steps: unknown[] = [{ write: 'src/prefs.js', content: PREFS }],
) {
  repo = readyRepo();
  const env = humanEnv({ ...script(repo, { 1: steps }), NO_COLOR: '1' });
  let answered = 0;
  const r = await runOnTerminal(env, (screen, keys) => {
    const [prompt, answer] = answers[answered] ?? [];
    if (prompt?.test(screen)) {
      answered++;
      keys(answer!);
    }
  });
  return { ...r, answered };
}

const TASK = /Task 01-\S+ of settings-page/;

describe('run on a terminal', () => {
  it('asks after the review; Enter approves (the first choice), REVIEW.md records it, n stops', async () => {
    const r = await runAnswering([
      [TASK, '\r'],
      [/Run task \S+ now\?/, 'n'],
    ]);
    expect(r.code, r.screen).toBe(0);
    expect(r.answered).toBe(2);
    // the prompt redraws with real cursor moves, none shown as text
    expect(r.screen).toContain('\x1b[?25l');
    expect(r.screen).not.toContain('\\u001b');
    expect(readFileSync(join(repo.dir, REVIEW), 'utf8')).toMatch(/\*\*Decision:\*\* approved/);
    expect(repo.git('log', '-1', '--format=%an|%s').trim()).toMatch(
      /^Ada Reviewer\|killdate approve: settings-page/,
    );
  }, 120_000);

  it('down then Enter rejects; the reason typed at the prompt is on record', async () => {
    const r = await runAnswering([
      [TASK, '\x1b[B\r'], // the second choice: reject
      [/Reason \(on record in REVIEW\.md\)/, 'the digest toggle needs a label\r'],
    ]);
    expect(r.code, r.screen).toBe(0);
    expect(r.answered).toBe(2);
    const review = readFileSync(join(repo.dir, REVIEW), 'utf8');
    expect(review).toMatch(/\*\*Decision:\*\* rejected/);
    expect(review).toContain('the digest toggle needs a label');
  }, 120_000);

  it('revert from the prompt: a path outside FILES is confirmed on the terminal, then both are gone', async () => {
    // the agent names its file with a clipboard write (OSC 52): the prompt shows it, never sends it
    const named = 'notes\x1b]52;c;aGk=\x07.md';
    const r = await runAnswering(
      [
        [TASK, '\x1b[B\r'], // reject, then revert: the second choice when a check failed
        [/Reason \(on record in REVIEW\.md\)/, '\r'],
        [/Revert 1 path\(s\) outside FILES too\? notes\\u001b\]52;c;aGk=\\u0007\.md/, '\r'],
      ],
      [
        { write: 'src/prefs.js', content: PREFS },
        { write: named, content: 'the agent was here\n' },
      ],
    );
    expect(r.code, r.screen).toBe(0);
    expect(r.answered).toBe(3);
    expect(r.screen).not.toContain('\x1b]52');
    expect(readFileSync(join(repo.dir, REVIEW), 'utf8')).toMatch(/\*\*Decision:\*\* reverted/);
    expect(existsSync(join(repo.dir, 'src/prefs.js'))).toBe(false);
    expect(existsSync(join(repo.dir, named))).toBe(false);
  }, 120_000);

  it('accept from the prompt: the failed check is accepted with the reason typed, on record', async () => {
    const r = await runAnswering(
      [
        [TASK, '\x1b[B\x1b[B\r'], // reject, revert, then accept
        [/Reason \(on record in REVIEW\.md\)/, 'the check is wrong: digest is opt-in now\r'],
        [/Run task \S+ now\?/, 'n'],
      ],
      [{ write: 'src/prefs.js', content: PREFS.replace('digest: true', 'digest: false') }],
    );
    expect(r.code, r.screen).toBe(0);
    expect(r.answered).toBe(3);
    const review = readFileSync(join(repo.dir, REVIEW), 'utf8');
    expect(review).toMatch(/\*\*Decision:\*\* accepted/);
    expect(review).toContain('the check is wrong: digest is opt-in now');
    expect(readFileSync(join(repo.dir, 'src/prefs.js'), 'utf8')).toContain('digest: false');
  }, 120_000);
});
