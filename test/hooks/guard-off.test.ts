// Switch-offs `status` must see, each played as an agent with a shell would: settings moved by
// CLAUDE_CONFIG_DIR. The person's side (status) runs with an environment that has no agent marker
// and its own HOME.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';

let repo: Repo;
let home: string;
beforeEach(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), 'killdate-home-')));
});
afterEach(() => {
  repo?.cleanup();
  rmSync(home, { recursive: true, force: true });
});

type Env = Record<string, string>;
const install = (agents: string) => {
  const r = runCli(repo.dir, ['hooks', 'install', '--agents', agents, '--bin', `${process.execPath} ${CLI}`]);
  expect(r.status, r.stderr).toBe(0);
};
/** A shell command run the way an agent's shell tool runs it, in the repo. */
const sh = (command: string, env: Env = {}) =>
  execFileSync('sh', ['-c', command], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, ...env },
  });
/** The person's environment: no agent marker, this HOME, none of the agents' own folders moved. */
const personEnv = (env: Env = {}) => {
  const e = humanEnv({ HOME: home, NO_COLOR: '1' });
  for (const v of ['CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'QWEN_HOME', 'QWEN_CODE_TRUSTED_FOLDERS_PATH'])
    delete e[v];
  return { ...e, ...env };
};
const guards = (env: Env = {}) => {
  const r = spawnSync(process.execPath, [CLI, 'status', '--json'], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: personEnv(env),
  });
  return JSON.parse(r.stdout).guards as {
    agent: string;
    installed: boolean;
    live: boolean;
    detail: string;
  }[];
};
const guard = (agent: string, env: Env = {}) => guards(env).find((g) => g.agent === agent);

describe('guard switch-offs status sees', () => {
  it('CLAUDE_CONFIG_DIR: disableAllHooks there switches the guard off; hooks count only in the settings Claude Code reads', () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('claude');
    const config = join(home, 'claude-config');
    const env = { CLAUDE_CONFIG_DIR: config };
    mkdirSync(config);
    expect(guard('claude', env)?.live).toBe(true);
    sh(`echo '{"disableAllHooks": true}' > "$CLAUDE_CONFIG_DIR/settings.json"`, env);
    expect(guard('claude', env)).toMatchObject({
      live: false,
      detail: `disableAllHooks is set in ${config}/settings.json`,
    });
    expect(guard('claude')?.live).toBe(true);

    // killdate's hooks in the user settings only: in $CLAUDE_CONFIG_DIR they count, in ~/.claude not
    sh(`mkdir -p ~/.claude && mv .claude/settings.json "$CLAUDE_CONFIG_DIR/settings.json"`, env);
    expect(guard('claude', env)).toMatchObject({ installed: true, live: true });
    sh(`mv "$CLAUDE_CONFIG_DIR/settings.json" ~/.claude/settings.json`, env);
    expect(guard('claude')?.live).toBe(true);
    expect(guard('claude', env)).toMatchObject({
      installed: false,
      live: false,
      detail: 'no killdate hooks in .claude/settings.json',
    });
  });
});
