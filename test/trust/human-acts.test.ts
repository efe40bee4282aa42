// The human acts refuse inside an agent session or a killdate run, played the way an agent
// would: the built CLI from a pipe with the agent's markers, through a fake terminal
// (`script -qc`), with --yes, and with the run marker. The refusal names no way round.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_MARKERS, agentMarkerIn, RUN_MARKER } from '../../src/core/agent-env.js';
import { HUMAN_ACTS, refuseInsideAgent } from '../../src/core/human-acts.js';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { CLI, makeRepo, type Repo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';
import { humanEnv } from '../helpers/human-env.js';

const DIR = 'feature-builds/settings-page';
let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

function lockRepo(): Repo {
  return makeRepo({
    'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
    [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
  });
}

function cli(cwd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: humanEnv({ NO_COLOR: '1', ...env }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What a refusal must never say: a flag, a variable, or where to go instead. */
const WAY_ROUND = /--yes|unset|outside|terminal|env|KILLDATE_RUN_ID|CLAUDECODE|AI_AGENT|hint/i;

const ACT_ARGS: Record<string, string[]> = {
  signoff: ['signoff', 'settings-page', 'cp0', '--yes'],
  approve: ['approve', 'settings-page', '1'],
  accept: ['accept', 'settings-page', '1', '--reason', 'fine'],
  reject: ['reject', 'settings-page', '1', '--reason', 'wrong file'],
  revert: ['revert', 'settings-page', '1'],
  'canary expand': ['canary', 'expand', 'settings-page'],
  'canary rollback': ['canary', 'rollback', 'settings-page'],
  'feature complete': ['feature', 'complete', 'settings-page'],
  ship: ['ship', '--attest', 'invariants', '--feature', 'settings-page'],
};

describe('human acts inside an agent', () => {
  it('the marker list has an entry for each agent named in the method, and the run marker', () => {
    const agents = new Set(AGENT_MARKERS.map((m) => m.agent));
    for (const a of [
      'Claude Code',
      'Codex',
      'Gemini CLI',
      "Cursor's agent",
      'Qwen Code',
      'opencode',
      'Copilot CLI',
    ])
      expect(agents, a).toContain(a);
    expect(AGENT_MARKERS.map((m) => m.variable)).toContain(RUN_MARKER);
    for (const m of AGENT_MARKERS) {
      expect(m.source.length, m.variable).toBeGreaterThan(10);
      expect(agentMarkerIn({ [m.variable]: '1' })).toBe(m);
      expect(() => refuseInsideAgent('approve', { [m.variable]: 'x' })).toThrow(/human act/);
    }
    expect(agentMarkerIn({ CLAUDECODE: '' })).toBeUndefined();
    expect(() => refuseInsideAgent('signoff', {})).not.toThrow();
  });

  it('signoff --yes from a pipe with CLAUDECODE set is refused, exit 1, and nothing is written', () => {
    repo = lockRepo();
    const r = cli(repo.dir, ['signoff', 'settings-page', 'cp0', '--yes'], { CLAUDECODE: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/signoff is a human act: refused inside Claude Code/);
    expect(r.stderr).not.toMatch(WAY_ROUND);
    expect(r.stdout).toBe('');
    expect(existsSync(join(repo.dir, DIR, 'SIGNOFFS.md'))).toBe(false);
  });

  it('signoff --yes through a fake terminal (script -qc) with a marker is refused', () => {
    repo = lockRepo();
    const cmd = `${process.execPath} ${CLI} signoff settings-page cp0 --yes; echo "exit=$?"`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: humanEnv({ NO_COLOR: '1', AI_AGENT: 'claude-code_2-1-197_agent' }),
    });
    expect(r.stdout).toMatch(/signoff is a human act: refused inside an AI agent/);
    expect(r.stdout).toMatch(/exit=1/);
    expect(existsSync(join(repo.dir, DIR, 'SIGNOFFS.md'))).toBe(false);
  });

  it('the same sign-off through the fake terminal as the human is recorded', () => {
    repo = lockRepo();
    const cmd = `${process.execPath} ${CLI} signoff settings-page cp0 --yes --today ${TODAY}; echo "exit=$?"`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: humanEnv({ NO_COLOR: '1' }),
    });
    expect(r.stdout).toMatch(/exit=0/);
    expect(readFileSync(join(repo.dir, DIR, 'SIGNOFFS.md'), 'utf8')).toMatch(/## CP-0/);
  });

  it('revert --undo with an agent marker is refused as revert is, naming no way round', () => {
    repo = lockRepo();
    const r = cli(repo.dir, ['revert', 'settings-page', '1', '--undo'], { CLAUDECODE: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/revert is a human act: refused inside Claude Code/);
    expect(r.stderr).not.toMatch(WAY_ROUND);
  });

  it.each(HUMAN_ACTS.map((a) => [a]))('%s refuses with the run marker set, naming no way round', (act) => {
    repo = lockRepo();
    const r = cli(repo.dir, ACT_ARGS[act]!, { [RUN_MARKER]: 'run-settings-page-1-abc123' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${act} is a human act: refused inside a killdate run`);
    expect(r.stderr).not.toMatch(WAY_ROUND);
  });

  it.each(['GEMINI_CLI', 'QWEN_CODE', 'OPENCODE', 'CURSOR_AGENT', 'COPILOT_CLI', 'CODEX_THREAD_ID'])(
    'approve refuses with %s set',
    (variable) => {
      repo = lockRepo();
      const r = cli(repo.dir, ACT_ARGS.approve!, { [variable]: '1' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/approve is a human act: refused inside /);
    },
  );
});
