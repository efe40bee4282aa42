// `killdate run` on a terminal: after the review it asks the human, and the answer is recorded
// through the same api as `killdate approve`. A real pseudo-terminal (util-linux `script`)
// carries the keys; the environment is the human's (no agent markers).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** A ready feature whose task writes inside FILES, run on a terminal answering each prompt once, in order. */
async function runAnswering(answers: [RegExp, string][]) {
  repo = readyRepo();
  const env = humanEnv({
    ...script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] }),
    NO_COLOR: '1',
  });
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
});
