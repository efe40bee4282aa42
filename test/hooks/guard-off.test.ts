// Switch-offs `status` must see, each played as an agent with a shell would: settings moved by
// CLAUDE_CONFIG_DIR, Qwen Code's folder trust turned on, an agent's folder deleted, and a
// .codex/hooks.json changed after Codex trusted killdate's hooks. The person's side (status) runs
// with an environment that has no agent marker and its own HOME.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';
import { codexTrustToml } from '../helpers/codex-trust.js';
import { humanEnv } from '../helpers/human-env.js';
import { CAN_MOUNT, mountedOn, CLAUDE_POLICY as POLICY_DIR } from '../helpers/system-folder.js';

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
  for (const v of [
    'CLAUDE_CONFIG_DIR',
    'CODEX_HOME',
    'QWEN_HOME',
    'QWEN_CODE_TRUSTED_FOLDERS_PATH',
    'GEMINI_CLI_HOME',
    'GEMINI_CLI_TRUSTED_FOLDERS_PATH',
    'GEMINI_CLI_SYSTEM_SETTINGS_PATH',
    'GEMINI_CLI_SYSTEM_DEFAULTS_PATH',
  ])
    delete e[v];
  return { ...e, ...env };
};
interface GuardJson {
  agent: string;
  installed: boolean;
  live: boolean;
  detail: string;
}
const guards = (env: Env = {}) => {
  const r = spawnSync(process.execPath, [CLI, 'status', '--json'], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: personEnv(env),
  });
  return JSON.parse(r.stdout).guards as GuardJson[];
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

  it("Qwen Code's folder trust on: an untrusted folder, or a DO_NOT_TRUST at the depth of a trust, switches the guard off", () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('qwen');
    const root = realpathSync(repo.dir);
    expect(guard('qwen')?.live).toBe(true);
    sh(`mkdir -p ~/.qwen && echo '{"security":{"folderTrust":{"enabled":true}}}' > ~/.qwen/settings.json`);
    expect(guard('qwen')).toMatchObject({
      live: false,
      detail: `folder trust is on and this folder is not trusted in ${home}/.qwen/trustedFolders.json: Qwen Code skips project hooks`,
    });
    const trust = (folders: Record<string, string>) =>
      writeFileSync(join(home, '.qwen/trustedFolders.json'), JSON.stringify(folders));
    trust({ [dirname(root)]: 'TRUST_FOLDER' });
    expect(guard('qwen')?.live).toBe(true);
    trust({ [dirname(root)]: 'TRUST_FOLDER', [root]: 'DO_NOT_TRUST' });
    expect(guard('qwen')?.detail).toContain('not trusted');
    // at equal depth Qwen Code takes DO_NOT_TRUST, whatever the order
    trust({ [root]: 'DO_NOT_TRUST', [join(root, 'sub')]: 'TRUST_PARENT' });
    expect(guard('qwen')?.detail).toContain('not trusted');
    trust({ [join(root, 'sub')]: 'TRUST_PARENT' });
    expect(guard('qwen')?.live).toBe(true);

    // QWEN_HOME moves the user settings: folder trust set there counts
    const qwenHome = join(home, 'qwen-home');
    sh(`mkdir -p "$QWEN_HOME" && mv ~/.qwen/settings.json "$QWEN_HOME/settings.json"`, {
      QWEN_HOME: qwenHome,
    });
    expect(guard('qwen')?.live).toBe(true);
    expect(guard('qwen', { QWEN_HOME: qwenHome })?.detail).toContain(
      `not trusted in ${qwenHome}/trustedFolders.json`,
    );
  });

  it("Qwen Code's system settings: disableAllHooks there, or in its system defaults, switches the guard off", () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('qwen');
    const dir = join(home, 'qwen-system');
    const env = { QWEN_CODE_SYSTEM_SETTINGS_PATH: join(dir, 'settings.json') };
    expect(guard('qwen', env)?.live).toBe(true);
    sh(`mkdir -p "${dir}" && echo '{"disableAllHooks": true}' > "${dir}/system-defaults.json"`);
    expect(guard('qwen', env)).toMatchObject({
      live: false,
      detail: `disableAllHooks is set in ${dir}/system-defaults.json`,
    });
    sh(`mv "${dir}/system-defaults.json" "${dir}/settings.json"`);
    expect(guard('qwen', env)).toMatchObject({
      live: false,
      detail: `disableAllHooks is set in ${dir}/settings.json`,
    });
  });

  // the agent's writes and status run with the test's own managed settings (helpers/system-folder.ts)
  it.skipIf(!CAN_MOUNT)(
    "Claude Code's managed settings: disableAllHooks or allowManagedHooksOnly there, or in a drop-in, switches the guard off",
    () => {
      repo = makeRepo({ 'a.md': 'x' });
      install('claude');
      const policy = join(home, 'policy');
      mkdirSync(policy);
      const via = mountedOn(POLICY_DIR, policy);
      const inNamespace = (script: string) =>
        execFileSync(via[0]!, [...via.slice(1), 'sh', '-c', script], {
          cwd: repo.dir,
          encoding: 'utf8',
          env: personEnv(),
        });
      const claude = () =>
        (JSON.parse(inNamespace(`"${process.execPath}" "${CLI}" status --json`)).guards as GuardJson[]).find(
          (g) => g.agent === 'claude',
        );
      expect(claude()?.live).toBe(true);
      // the agent's moves, in its shell: each kind of switch-off, written where Claude Code reads it
      inNamespace(`echo '{"disableAllHooks": true}' > ${POLICY_DIR}/managed-settings.json`);
      expect(claude()).toMatchObject({
        live: false,
        detail: `disableAllHooks is set in ${POLICY_DIR}/managed-settings.json`,
      });
      // behind a byte order mark, which Claude Code reads past (test/gates/claude-code.test.ts)
      inNamespace(`printf '\\357\\273\\277{"disableAllHooks": true}' > ${POLICY_DIR}/managed-settings.json`);
      expect(claude()?.detail).toBe(`disableAllHooks is set in ${POLICY_DIR}/managed-settings.json`);
      inNamespace(`echo '{"allowManagedHooksOnly": true}' > ${POLICY_DIR}/managed-settings.json`);
      expect(claude()).toMatchObject({
        live: false,
        detail: `allowManagedHooksOnly is set in ${POLICY_DIR}/managed-settings.json: only managed hooks run`,
      });
      inNamespace(
        `echo '{}' > ${POLICY_DIR}/managed-settings.json && mkdir ${POLICY_DIR}/managed-settings.d && echo '{"disableAllHooks": true}' > ${POLICY_DIR}/managed-settings.d/50-x.json`,
      );
      expect(claude()?.detail).toBe(`disableAllHooks is set in ${POLICY_DIR}/managed-settings.d/50-x.json`);
      // Claude Code reads only .json files there, none starting with a dot
      inNamespace(
        `cd ${POLICY_DIR}/managed-settings.d && mv 50-x.json .50-x.json && cp .50-x.json x.json.off`,
      );
      expect(claude()?.live).toBe(true);
      // outside the namespace nothing was written
      expect(existsSync(join(POLICY_DIR, 'managed-settings.json'))).toBe(false);
    },
  );

  it('a ~/.codex/config.toml that is not TOML: Codex does not start with it, and status says so', () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('codex');
    sh(`mkdir -p ~/.codex && printf '[features\\ncodex_hooks = false\\n' > ~/.codex/config.toml`);
    expect(guard('codex')).toMatchObject({
      live: false,
      detail: `${home}/.codex/config.toml is not valid TOML: Codex does not start with it`,
    });
  });

  it("Gemini CLI's own folders: GEMINI_CLI_HOME and GEMINI_CLI_TRUSTED_FOLDERS_PATH move its files; a system file root does not keep is skipped, as Gemini CLI skips it", () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('gemini');
    const root = realpathSync(repo.dir);
    expect(guard('gemini')?.detail).toBe(
      `this folder is not trusted in ${home}/.gemini/trustedFolders.json: Gemini CLI skips project hooks`,
    );
    const moved = join(home, 'gemini-home');
    mkdirSync(join(moved, '.gemini'), { recursive: true });
    writeFileSync(join(moved, '.gemini/trustedFolders.json'), JSON.stringify({ [root]: 'TRUST_FOLDER' }));
    expect(guard('gemini', { GEMINI_CLI_HOME: moved })?.live).toBe(true);
    const trust = join(home, 'trust.json');
    writeFileSync(trust, JSON.stringify({ [root]: 'TRUST_FOLDER' }));
    const trusted = { GEMINI_CLI_TRUSTED_FOLDERS_PATH: trust };
    expect(guard('gemini', trusted)?.live).toBe(true);
    // the agent's move: a system settings file in a folder anyone may write; Gemini CLI skips
    // such a file (test/hooks/gemini.test.ts has one it reads, in a folder root keeps)
    const open = join(home, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    sh(`echo '{"hooksConfig": {"enabled": false}}' > "${open}/settings.json"`);
    expect(
      guard('gemini', { ...trusted, GEMINI_CLI_SYSTEM_SETTINGS_PATH: join(open, 'settings.json') })?.live,
    ).toBe(true);
  });

  it('settings with comments, read as Gemini CLI and Qwen Code read them: a switch-off behind a comment counts', () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('qwen,gemini');
    const trusted = { GEMINI_CLI_TRUST_WORKSPACE: 'true' };
    expect(guard('qwen')?.live).toBe(true);
    expect(guard('gemini', trusted)?.live).toBe(true);
    // the agent's move: a comment first, so a strict JSON reader sees no setting at all
    sh(
      `mkdir -p ~/.qwen && printf '%s\\n' '// mine' '{"note": "http://x/*y*/", "disableAllHooks": /* off */ true}' > ~/.qwen/settings.json`,
    );
    expect(guard('qwen')).toMatchObject({
      live: false,
      detail: `disableAllHooks is set in ${home}/.qwen/settings.json`,
    });
    sh(
      `mkdir -p ~/.gemini && printf '%s\\n' '{ // off' '"hooksConfig": {"enabled": false}}' > ~/.gemini/settings.json`,
    );
    expect(guard('gemini', trusted)).toMatchObject({
      live: false,
      detail: `hooksConfig.enabled is false in ${home}/.gemini/settings.json`,
    });
    sh('rm ~/.qwen/settings.json ~/.gemini/settings.json');

    // killdate's own hooks under a comment in the project's file still count
    const project = join(repo.dir, '.qwen/settings.json');
    const installed = readFileSync(project, 'utf8');
    writeFileSync(project, `// the team's settings\n${installed}`);
    expect(guard('qwen')).toMatchObject({ installed: true, live: true });
    // hooks install would lose the comment: refused, the file left as it is, the reason named
    const r = runCli(repo.dir, [
      'hooks',
      'install',
      '--agents',
      'qwen',
      '--bin',
      `${process.execPath} ${CLI}`,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('.qwen/settings.json:1:1');
    expect(r.stderr).toContain('would lose its comments');
    expect(readFileSync(project, 'utf8')).toBe(`// the team's settings\n${installed}`);
  });

  it("an agent's folder deleted: its guard stays listed, off, when hooks install guarded it or the config names it", () => {
    repo = makeRepo({ 'a.md': 'x' });
    expect(guards().map((g) => g.agent)).toEqual(['claude']);
    install('claude,gemini');
    sh('rm -rf .gemini');
    expect(guard('gemini')).toMatchObject({
      installed: false,
      live: false,
      detail: 'no killdate hooks in .gemini/settings.json',
    });
    const start = spawnSync(process.execPath, [CLI, 'start'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: personEnv(),
    });
    expect(start.stderr).toContain("Gemini CLI's guard is off: no killdate hooks in .gemini/settings.json");
    // hooks install puts it back; after hooks uninstall, a deleted folder takes it off the list
    expect(runCli(repo.dir, ['hooks', 'install', '--bin', `${process.execPath} ${CLI}`]).status).toBe(0);
    expect(guard('gemini')?.installed).toBe(true);
    expect(runCli(repo.dir, ['hooks', 'uninstall', '--agents', 'gemini']).status).toBe(0);
    rmSync(join(repo.dir, '.gemini'), { recursive: true });
    expect(guards().map((g) => g.agent)).toEqual(['claude']);

    writeFileSync(join(repo.dir, 'killdate.config.yaml'), 'agents:\n  executor: codex\n');
    expect(guard('codex')).toMatchObject({ live: false, detail: 'no killdate hooks in .codex/hooks.json' });
  });

  /** The agent's move: the cached resolved config rewritten without the agents it names. */
  const forgeStoredConfig = () => {
    const stored = join(repo.dir, '.killdate/cache/config.json');
    expect(existsSync(stored)).toBe(true);
    sh(
      `node -e "const f='${stored}';const s=JSON.parse(require('fs').readFileSync(f,'utf8'));delete s.config.agents;require('fs').writeFileSync(f,JSON.stringify(s))"`,
    );
    expect(JSON.parse(readFileSync(stored, 'utf8')).config.agents).toBeUndefined();
  };

  it("a stored config forged to name no executor does not hide that agent's guard: status reads the config file", () => {
    repo = makeRepo({ 'a.md': 'x', 'killdate.config.yaml': 'agents:\n  executor: codex\n' });
    expect(guard('codex')).toMatchObject({ live: false, detail: 'no killdate hooks in .codex/hooks.json' });
    forgeStoredConfig();
    expect(guard('codex')).toMatchObject({ live: false, detail: 'no killdate hooks in .codex/hooks.json' });
  });

  it('nor does it when the config spells the executor with a YAML escape, its name nowhere in the text', () => {
    repo = makeRepo({ 'a.md': 'x', 'killdate.config.yaml': 'agents:\n  executor: "\\x63odex"\n' });
    expect(readFileSync(join(repo.dir, 'killdate.config.yaml'), 'utf8')).not.toContain('codex');
    expect(guard('codex')).toMatchObject({ live: false, detail: 'no killdate hooks in .codex/hooks.json' });
    forgeStoredConfig();
    expect(guard('codex')).toMatchObject({ live: false, detail: 'no killdate hooks in .codex/hooks.json' });
  });

  it('.codex/hooks.json changed after Codex trusted the hooks (a hook of its own put first): the saved hashes no longer match', () => {
    repo = makeRepo({ 'a.md': 'x' });
    install('codex');
    const root = realpathSync(repo.dir);
    mkdirSync(join(home, '.codex'));
    writeFileSync(join(home, '.codex/config.toml'), codexTrustToml(root));
    expect(guard('codex')?.live).toBe(true);
    sh(
      `node -e "const f='.codex/hooks.json';const h=JSON.parse(require('fs').readFileSync(f,'utf8'));h.hooks.PreToolUse.unshift({matcher:'Read',hooks:[{type:'command',command:'true'}]});require('fs').writeFileSync(f,JSON.stringify(h))"`,
    );
    expect(guard('codex')).toMatchObject({
      live: false,
      detail: `killdate's hooks in .codex/hooks.json changed since Codex trusted them (${home}/.codex/config.toml)`,
    });
  });
});
