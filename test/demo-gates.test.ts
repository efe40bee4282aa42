// The demo's draft feature taken from draft to ready with the built CLI: the lock's gaps filled
// by editing the file, a mock and two runbooks added, CP-0..CP-3 signed, `status --json` asserted
// at every step, and edits after sign-off re-opening checkpoints. Then `killdate demo` itself:
// its gates part is shown and leaves the repo clean, overdue-badges at CP-3 and no active task.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../src/demo/build.js';
import { demoDates } from '../src/demo/tree.js';
import { buildCli, gitIn, removeBuild, runBuilt } from './helpers/built-cli.js';
import { TODAY } from './helpers/dates.js';
import { lockEdits, REPEAT_MOCK, RUNBOOK_1, RUNBOOK_2 } from './helpers/recurring-invoices.js';

const SLUG = 'recurring-invoices';
const DIR = `feature-builds/${SLUG}`;
const LOCK = `${DIR}/PRE-BUILD-LOCK.md`;

let cli: string;
const temps: string[] = [];
beforeAll(async () => {
  cli = await buildCli();
  // `demo` writes the scaffold from templates/, found next to the entry file
  symlinkSync(join(import.meta.dirname, '../templates'), join(dirname(cli), 'templates'));
}, 120_000);
afterAll(() => {
  removeBuild(cli);
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const t = mkdtempSync(join(tmpdir(), prefix));
  temps.push(t);
  return t;
}

interface Status {
  slug: string;
  state: string;
  next?: string;
  activeTask?: string;
  checkpoints: { checkpoint: string; status: string; signoff?: { by: string }; reason?: string }[];
  blockers: { rule: string; gate?: number; file: string; message: string }[];
}

describe('recurring-invoices from draft to ready (built CLI)', () => {
  let root: string;
  const run = (...args: string[]) => runBuilt(cli, root, args);
  const status = (): Status => {
    const r = run('status', SLUG, '--json', '--today', TODAY);
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { features: Status[] }).features[0]!;
  };
  /** the gates still blocking the next checkpoint; 0 stands for findings outside any gate */
  const gates = (s: Status) => [...new Set(s.blockers.map((b) => b.gate ?? 0))].sort((a, b) => a - b);
  const sign = (cp: string) => {
    const r = run('signoff', SLUG, cp, '--yes', '--today', TODAY);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`recorded in ${DIR}/SIGNOFFS.md`);
  };
  const edit = (path: string, change: (text: string) => string) => {
    const file = join(root, path);
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    expect(after, `edit of ${path} changed nothing`).not.toBe(before);
    writeFileSync(file, after);
  };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    root = join(tempDir('killdate-demo-gates-'), 'quillbill');
    buildDemo(root, undefined, demoDates(TODAY));
    gitIn(root, 'config', 'user.name', 'Demo Person');
    gitIn(root, 'config', 'user.email', 'demo.person@quillbill.example');
  });

  it('walks the lock gate by gate, signs CP-0..CP-3, and re-opens on later edits', () => {
    let s = status();
    expect(s).toMatchObject({ state: 'draft', next: 'CP-0' });
    expect(gates(s)).toEqual([1]);
    const refused = run('signoff', SLUG, 'cp0', '--yes', '--today', TODAY);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('CP-0 of recurring-invoices refused');

    edit(LOCK, lockEdits.gate1);
    expect(status().blockers).toEqual([]);
    sign('cp0');
    s = status();
    expect(s).toMatchObject({ state: 'draft', next: 'CP-1' });
    expect(gates(s)).toEqual([0, 2, 3, 4, 7]);

    // each edit clears its gate, the rest stay blocked, until none is left
    const steps: [keyof typeof lockEdits, number[]][] = [
      ['header', [2, 3, 4, 7]],
      ['gate2', [3, 4, 7]],
      ['gate3', [4, 7]],
      ['gate4', [7]],
      ['gate7', []],
    ];
    for (const [name, left] of steps) {
      edit(LOCK, lockEdits[name]);
      s = status();
      expect(s.next, name).toBe('CP-1');
      expect(gates(s), `${name}: ${JSON.stringify(s.blockers)}`).toEqual(left);
    }
    sign('cp1');
    s = status();
    expect(s).toMatchObject({ state: 'locked', next: 'CP-2' });
    expect(gates(s)).toEqual([8]);
    expect(s.blockers.map((b) => b.rule)).toContain('checkpoint/mock-missing');

    write(`${DIR}/mocks/repeat-switch.html`, REPEAT_MOCK);
    edit(LOCK, lockEdits.gate8);
    expect(status().blockers).toEqual([]);
    sign('cp2');
    s = status();
    expect(s).toMatchObject({ state: 'mocked', next: 'CP-3' });
    expect(s.blockers.map((b) => b.rule)).toEqual(['checkpoint/no-runbook']);

    write(`${DIR}/runbook-01-repeat-job.md`, RUNBOOK_1);
    write(`${DIR}/runbook-02-repeat-switch.md`, RUNBOOK_2);
    expect(status().blockers).toEqual([]);
    sign('cp3');
    s = status();
    expect(s.state).toBe('ready');
    expect(s.next).toBeUndefined();
    expect(s.blockers).toEqual([]);
    expect(s.checkpoints.map((v) => `${v.checkpoint} ${v.status} ${v.signoff?.by}`)).toEqual(
      ['CP-0', 'CP-1', 'CP-2', 'CP-3'].map(
        (cp) => `${cp} signed Demo Person <demo.person@quillbill.example>`,
      ),
    );

    // a runbook edited after CP-3: CP-3 re-opens, the feature is back to mocked
    edit(`${DIR}/runbook-02-repeat-switch.md`, (t) =>
      t.replace('- [ ] Tests pass', '- [ ] The switch is off by default\n- [ ] Tests pass'),
    );
    s = status();
    expect(s).toMatchObject({ state: 'mocked', next: 'CP-3', blockers: [] });
    expect(s.checkpoints[3]).toMatchObject({ status: 'reopened' });
    expect(s.checkpoints[3]!.reason).toContain(`${DIR}/runbook-02-repeat-switch.md edited`);
    sign('cp3');
    expect(status().state).toBe('ready');

    // gate 3 of the lock edited after CP-1: CP-1 and every later checkpoint re-open
    edit(LOCK, (t) => t.replace('| Server start-up |', '| Server start-up and shutdown |'));
    s = status();
    expect(s).toMatchObject({ state: 'draft', next: 'CP-1' });
    expect(s.checkpoints.map((v) => v.status)).toEqual(['signed', 'reopened', 'reopened', 'reopened']);
    expect(s.checkpoints[1]!.reason).toContain(`${LOCK}#gates-1-7 edited`);
  }, 120_000); // a CLI run after every step: 16 s alone, 46 s once in the calendar run beside another file
});

describe('killdate demo: the gates part (built CLI)', () => {
  const dir = () => join(tempDir('killdate-demo-gates-cli-'), 'quillbill');

  it('shows status, the sign-offs and the scope guard, and leaves overdue-badges signed through CP-3 with no task active', () => {
    const root = dir();
    const r = runBuilt(cli, tmpdir(), ['demo', '--dir', root, '--today', TODAY]);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    for (const text of [
      '$ killdate status\n',
      'recurring-invoices  draft  next: CP-0',
      'CP-0 blocked by gate 1:',
      '$ killdate signoff overdue-badges cp3 --yes',
      'overdue-badges  locked  next: CP-2',
      'overdue-badges  building  active task: 01-days-overdue',
      '$ killdate scope  exit 1',
      'outside  src/money.js',
      "src/money.js is outside the active task's FILES",
      'exit 0: the edit goes ahead',
      'feature-builds/overdue-badges/SIGNOFFS.md',
      '.killdate/active-task.json',
      'test/gates/claude-code.test.ts',
    ])
      expect(out).toContain(text);
    expect(out.indexOf('Where each feature stands')).toBeGreaterThan(out.indexOf('killdate check'));

    expect(gitIn(root, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(root, '.killdate/active-task.json'))).toBe(false);
    // each sign-off is its own commit, by the person who signed
    const log = gitIn(root, 'log', '--format=%an|%s').split('\n');
    for (const cp of ['CP-0', 'CP-1', 'CP-2', 'CP-3'])
      expect(log).toContain(`Demo Person|killdate signoff: overdue-badges ${cp}`);
    const st = runBuilt(cli, root, ['status', 'overdue-badges', '--json', '--today', TODAY]);
    const f = (JSON.parse(st.stdout) as { features: Status[] }).features[0]!;
    // the handoff loop part ran task 1 after the gates part: the feature is building
    expect(f.state).toBe('building');
    expect(f.activeTask).toBeUndefined();
    expect(f.checkpoints.every((v) => v.signoff?.by === 'Demo Person <demo.person@quillbill.example>')).toBe(
      true,
    );
  });

  it('gives each step of the gates part its real exit code in --json', () => {
    const root = dir();
    const r = runBuilt(cli, tmpdir(), ['demo', '--dir', root, '--today', TODAY, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const { gates } = JSON.parse(r.stdout) as {
      gates: { sections: { steps: { command: string; exit: number; lines: string[] }[] }[] };
    };
    const steps = gates.sections.flatMap((s) => s.steps);
    const exit = (start: string) => steps.filter((s) => s.command.startsWith(start)).map((s) => s.exit);
    expect(exit('killdate signoff')).toEqual([0, 0, 0, 0]);
    expect(exit('killdate scope')).toEqual([1]);
    expect(exit('killdate hook pre-tool-use')).toEqual([2, 0]);
    expect(exit('killdate task')).toEqual([0, 0]);
  });
});
