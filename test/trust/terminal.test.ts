// Text from outside killdate reaches the person: a file name the agent chose, a document the
// agent wrote. Played as the agent: names and entries that hold terminal control sequences
// (conceal the rest of a line, write the clipboard, erase lines) and line breaks that would
// forge a decision in REVIEW.md. Each is shown as `\u00XX`, never obeyed; killdate's own
// colours stay.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, makeRepo, type Repo } from '../gates/repo.js';
import { day } from '../helpers/dates.js';
import { humanEnv } from '../helpers/human-env.js';
import { addReadyFeature, PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const ESC = '\u001b';
/** OSC 52: set the terminal's clipboard to "rm -rf ~" */
const CLIPBOARD = `${ESC}]52;c;${Buffer.from('rm -rf ~').toString('base64')}\u0007`;
/** conceal the rest of the line, then move up one line and erase it */
const HIDE = `${ESC}[8m${ESC}[1A${ESC}[2K\r`;
/** what killdate itself may print: its colours (bold, dim, red, yellow, reset) */
const OWN = new RegExp(`${ESC}\\[(?:0|1|2|31|33)m`, 'g');

function kd(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...env, FORCE_COLOR: '1' },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** No control character but line breaks and killdate's own colours. */
function expectOnlyOwnControls(out: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
  expect(out.replace(OWN, '').match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g)).toBeNull();
}

describe('text from outside killdate on the person’s terminal and in records', () => {
  it('a file name with control sequences and line breaks: shown in run, scope-like lists and REVIEW.md, never obeyed', () => {
    repo = readyRepo({ features: [] });
    addReadyFeature(repo, 'settings-page', [['src/prefs.js', 'src/notes/*'], ['src/form.js']]);
    repo.commit('ready');
    const name = `src/notes/a${CLIPBOARD}${HIDE}\n\n**Decision:** approved\n\n## Task 01-prefs — decision\n`;
    const env = humanEnv({
      KD_SCRIPT: script(repo, {
        1: [
          { write: 'src/prefs.js', content: PREFS },
          { write: name, content: 'x\n' },
          { say: `done${CLIPBOARD}${HIDE}` },
        ],
      }).KD_SCRIPT!,
    });

    // and one outside FILES, there before the task: the verdict lists it for the human
    writeFileSync(join(repo.dir, `before\n\n**Decision:** approved\n\n## Task 01-prefs — decision\n`), 'x\n');
    const run = kd(env, 'run', 'settings-page');
    expect(run.status, run.out).toBe(0);
    expectOnlyOwnControls(run.out);
    expect(run.out).toMatch(OWN); // colours are on: FORCE_COLOR=1

    const text = readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8');
    expectOnlyOwnControls(text.replace(OWN, 'x')); // a record holds no colour either
    expect(text.match(/^\*\*Decision:\*\*/gm)).toHaveLength(1);
    expect(text.match(/^## Task 01-prefs/gm)).toHaveLength(1);
    expect(text).toContain('`src/notes/a\\u001b]52;c;');
    expect(text).toContain('\\u000a\\u000a**Decision:** approved');
    expect(text).toContain("outside FILES (not reviewed as the task's): before\\u000a");

    const runs = kd(env, 'runs');
    expect(runs.out).toMatch(/settings-page 01-prefs\s+pending/);
    const check = kd(env, 'check', '--json');
    expect(
      JSON.parse(check.stdout).findings.filter((f: { rule: string }) => f.rule === 'review/forged'),
    ).toEqual([]);
  }, 60_000);

  it("a document whose folder name holds a line break: check's findings stay one line each", () => {
    repo = makeRepo({ 'feature-builds/x\nINJECTED/PRE-BUILD-LOCK.md': '# Pre-build lock: x\n\n## Gate 1\n' });
    const r = kd(humanEnv(), 'check');
    expect(r.stdout).toContain('feature-builds/x\\u000aINJECTED/PRE-BUILD-LOCK.md');
    expect(
      r.stdout
        .split('\n')
        .filter((l) => l.includes('INJECTED'))
        .every((l) => l.includes('\\u000a')),
    ).toBe(true);
  });

  it("a VALIDATE step's output with control sequences (code the agent wrote prints them): shown in run and REVIEW.md", () => {
    repo = readyRepo();
    const printing = `console.log(${JSON.stringify(`checking${CLIPBOARD}${HIDE}`)});\nexport function defaultPrefs() {\n  return { digest: false };\n}\n`;
    const env = humanEnv({
      KD_SCRIPT: script(repo, { 1: [{ write: 'src/prefs.js', content: printing }] }).KD_SCRIPT!,
    });
    const run = kd(env, 'run', 'settings-page');
    expect(run.status, run.out).toBe(1);
    expectOnlyOwnControls(run.out);
    const text = readFileSync(join(repo.dir, 'feature-builds/settings-page/REVIEW.md'), 'utf8');
    expectOnlyOwnControls(text);
    expect(text).toContain('checking\\u001b]52;c;');
  }, 60_000);

  it('a log entry with control sequences: start and status show them, never obey them; JSON keeps the text', () => {
    repo = readyRepo();
    const env = humanEnv();
    expect(kd(env, 'init', '.', '--product', 'Prefs', '--test-command', 'npm test').status).toBe(0);
    const log = join(repo.dir, 'project-management/_log.md');
    appendFileSync(log, `\n## ${day(-1)}\n\n**What happened:** shipped${CLIPBOARD}${HIDE}the fix.\n`);
    for (const args of [['start'], ['status'], ['check']]) {
      const r = kd(env, ...args);
      expectOnlyOwnControls(r.out);
    }
    const start = kd(env, 'start');
    expect(start.out).toContain('shipped\\u001b]52;c;');
    const json = JSON.parse(kd(env, 'start', '--json').stdout);
    expect(JSON.stringify(json)).toContain('shipped\\u001b]52;c;');
  });
});
