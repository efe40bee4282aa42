// hooks install / uninstall for every agent in the table: merged, idempotent, reversible; files
// killdate cannot read refused; symlinks followed inside the repo, refused outside; nothing
// written outside a git repo. Cursor's and Copilot's files are checked against their documented
// formats (their agents do not run here).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';
import { codexTrustToml } from '../helpers/codex-trust.js';
import { humanEnv } from '../helpers/human-env.js';

let repo: Repo;
afterEach(() => repo?.cleanup());
const ALL = 'claude,codex,gemini,qwen,opencode,cursor,copilot';
const install = (dir: string, extra: string[] = []) =>
  runCli(dir, ['hooks', 'install', '--json', '--bin', `${process.execPath} ${CLI}`, ...extra]);
const read = (p: string) => JSON.parse(readFileSync(join(repo.dir, p), 'utf8'));

describe('hooks install and uninstall', () => {
  it('installs for every agent, proves each command, is idempotent, and uninstall restores the files', () => {
    repo = makeRepo({ '.gemini/settings.json': JSON.stringify({ model: { name: 'x' } }) });
    const first = install(repo.dir, ['--agents', ALL]);
    expect(first.status, first.stderr).toBe(0);
    const r = JSON.parse(first.stdout);
    expect(r.agents.map((a: { agent: string; proof: string }) => `${a.agent}:${a.proof}`)).toEqual(
      ALL.split(',').map((a) => `${a}:ok`),
    );
    expect(read('.gemini/settings.json').model).toEqual({ name: 'x' });
    const cursor = read('.cursor/hooks.json');
    expect(cursor.version).toBe(1);
    // one unknown event name voids Cursor's whole file: only documented names
    expect(
      Object.keys(cursor.hooks).every((k) =>
        ['sessionStart', 'preToolUse', 'beforeShellExecution', 'stop'].includes(k),
      ),
    ).toBe(true);
    expect(cursor.hooks.preToolUse[0]).toMatchObject({
      matcher: 'Write|StrReplace|Edit|Delete',
      timeout: 10,
    });
    const copilot = read('.github/hooks/killdate.json');
    expect(copilot.version).toBe(1);
    expect(Object.keys(copilot.hooks)).toEqual(['preToolUse', 'agentStop']);
    expect(copilot.hooks.preToolUse[0]).toMatchObject({ type: 'command', timeoutSec: 10 });
    expect(copilot.hooks.preToolUse[0].bash).toMatch(/hook before-write --agent copilot$/);
    expect(readFileSync(join(repo.dir, '.opencode/plugin/killdate.js'), 'utf8')).toMatch(
      /"tool.execute.before"/,
    );
    const again = JSON.parse(install(repo.dir, ['--agents', ALL]).stdout);
    expect(again.agents.every((a: { outcome: string }) => a.outcome === 'unchanged')).toBe(true);
    const un = runCli(repo.dir, ['hooks', 'uninstall']);
    expect(un.status, un.stderr).toBe(0);
    expect(read('.gemini/settings.json')).toEqual({ model: { name: 'x' } });
    for (const f of [
      '.claude/settings.json',
      '.cursor/hooks.json',
      '.github/hooks/killdate.json',
      '.opencode/plugin/killdate.js',
      '.codex/hooks.json',
    ])
      expect(existsSync(join(repo.dir, f)), f).toBe(false);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('by default guards the agents whose folders exist, plus Claude Code', () => {
    repo = makeRepo({ '.qwen/x': '', 'a.md': 'x' });
    const r = JSON.parse(install(repo.dir).stdout);
    expect(r.agents.map((a: { agent: string }) => a.agent)).toEqual(['claude', 'qwen']);
  });

  it('refuses a file it cannot parse and a symlink out of the repo; follows one inside', () => {
    repo = makeRepo({ '.codex/hooks.json': '{"hooks": [', 'shared/claude.json': '{"model":"opus"}' });
    const bad = install(repo.dir, ['--agents', 'codex']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      '.codex/hooks.json:1:12: not valid JSON: expected a value (an object, array, string, number, true, false or null); left as it is',
    );
    expect(readFileSync(join(repo.dir, '.codex/hooks.json'), 'utf8')).toBe('{"hooks": [');
    mkdirSync(join(repo.dir, '.claude'));
    symlinkSync('../shared/claude.json', join(repo.dir, '.claude/settings.json'));
    expect(install(repo.dir, ['--agents', 'claude']).status).toBe(0);
    expect(
      JSON.parse(readFileSync(join(repo.dir, 'shared/claude.json'), 'utf8')).hooks.PreToolUse,
    ).toHaveLength(2);
    const outside = mkdtempSync(join(tmpdir(), 'killdate-outside-'));
    writeFileSync(join(outside, 'settings.json'), '{}');
    rmSync(join(repo.dir, '.claude/settings.json'));
    symlinkSync(join(outside, 'settings.json'), join(repo.dir, '.claude/settings.json'));
    const refused = install(repo.dir, ['--agents', 'claude']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is a symlink to .*outside this repo; left as it is/);
    expect(readFileSync(join(outside, 'settings.json'), 'utf8')).toBe('{}');
    rmSync(outside, { recursive: true, force: true });
  });

  it('outside a git repo it writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'killdate-nogit-'));
    const r = runCli(dir, ['hooks', 'install']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not inside a git repo; hooks install wrote nothing/);
    expect(existsSync(join(dir, '.claude'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('status says a guard is off when disableAllHooks is set in settings.local.json', () => {
    repo = makeRepo({ 'a.md': 'x' });
    install(repo.dir, ['--agents', 'claude']);
    writeFileSync(join(repo.dir, '.claude/settings.local.json'), '{"disableAllHooks": true}');
    const s = JSON.parse(runCli(repo.dir, ['status', '--json']).stdout);
    expect(s.guards[0]).toMatchObject({ agent: 'claude', live: false });
    expect(s.guards[0].detail).toMatch(/disableAllHooks is set in .*settings\.local\.json/);
    expect(runCli(repo.dir, ['start']).stderr).toMatch(/Claude Code's guard is off: disableAllHooks/);
  });

  it('status says Gemini and Codex are off when their own config switches hooks off or a nearer folder is untrusted', () => {
    repo = makeRepo({ 'a.md': 'x' });
    install(repo.dir, ['--agents', 'gemini,codex']);
    const home = mkdtempSync(join(tmpdir(), 'killdate-home-'));
    try {
      const root = realpathSync(repo.dir);
      mkdirSync(join(home, '.gemini'));
      mkdirSync(join(home, '.codex'));
      const trust = (folders: Record<string, string>) =>
        writeFileSync(join(home, '.gemini/trustedFolders.json'), JSON.stringify(folders));
      trust({ [root]: 'TRUST_FOLDER' });
      writeFileSync(join(home, '.codex/config.toml'), codexTrustToml(root));
      const guard = (agent: string) => {
        const r = spawnSync(process.execPath, [CLI, 'status', '--json'], {
          cwd: repo.dir,
          encoding: 'utf8',
          env: humanEnv({ HOME: home, NO_COLOR: '1' }),
        });
        return (JSON.parse(r.stdout).guards as { agent: string; live: boolean; detail: string }[]).find(
          (g) => g.agent === agent,
        )!;
      };
      expect(guard('gemini').live).toBe(true);
      expect(guard('codex').live).toBe(true);

      const settings = join(repo.dir, '.gemini/settings.json');
      const installed = readFileSync(settings, 'utf8');
      writeFileSync(settings, JSON.stringify({ ...JSON.parse(installed), hooksConfig: { enabled: false } }));
      expect(guard('gemini')).toMatchObject({
        live: false,
        detail: expect.stringContaining('hooksConfig.enabled is false'),
      });
      const command = JSON.parse(installed).hooks.BeforeTool.find((g: { matcher?: string }) =>
        /write_file/.test(g.matcher ?? ''),
      ).hooks[0].command;
      writeFileSync(
        settings,
        JSON.stringify({ ...JSON.parse(installed), hooksConfig: { disabled: [command] } }),
      );
      expect(guard('gemini')).toMatchObject({
        live: false,
        detail: expect.stringContaining('hooksConfig.disabled'),
      });
      writeFileSync(settings, installed);
      trust({ [dirname(root)]: 'TRUST_FOLDER', [root]: 'DO_NOT_TRUST' });
      expect(guard('gemini')).toMatchObject({ live: false, detail: expect.stringContaining('not trusted') });

      const user = join(home, '.codex/config.toml');
      const trusted = readFileSync(user, 'utf8');
      writeFileSync(user, `${trusted}enabled = false\n`);
      expect(guard('codex')).toMatchObject({
        live: false,
        detail: expect.stringContaining('enabled = false'),
      });
      writeFileSync(user, trusted);
      writeFileSync(join(repo.dir, '.codex/config.toml'), '[features]\ncodex_hooks = false\n');
      expect(guard('codex')).toMatchObject({
        live: false,
        detail: expect.stringContaining('codex_hooks = false'),
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("status says a guard is off when the agent edits killdate's hooks in place: matcher, timeout, command, deny rules, plugin", () => {
    repo = makeRepo({ 'a.md': 'x' });
    install(repo.dir, ['--agents', 'claude,opencode']);
    const file = join(repo.dir, '.claude/settings.json');
    const installed = readFileSync(file, 'utf8');
    const guard = (agent: string) =>
      (
        JSON.parse(runCli(repo.dir, ['status', '--json']).stdout).guards as {
          agent: string;
          live: boolean;
          detail: string;
        }[]
      ).find((g) => g.agent === agent)!;
    expect(guard('claude').live).toBe(true);
    const moves: [
      string,
      (s: {
        hooks: Record<string, { matcher?: string; hooks: Record<string, unknown>[] }[]>;
        permissions: { deny: string[] };
      }) => void,
    ][] = [
      [
        'a matcher that never matches',
        (s) => {
          s.hooks.PreToolUse![0]!.matcher = 'NoSuchTool';
        },
      ],
      [
        'a zero timeout',
        (s) => {
          s.hooks.PreToolUse![0]!.hooks[0]!.timeout = 0;
        },
      ],
      [
        'the command after exit 0',
        (s) => {
          const h = s.hooks.PreToolUse![0]!.hooks[0]!;
          h.command = `exit 0; ${h.command}`;
        },
      ],
      [
        'the deny rules removed',
        (s) => {
          s.permissions.deny = [];
        },
      ],
    ];
    for (const [what, edit] of moves) {
      const settings = JSON.parse(installed);
      edit(settings);
      writeFileSync(file, JSON.stringify(settings, null, 2));
      const g = guard('claude');
      expect(g.live, what).toBe(false);
      expect(g.detail, what).toMatch(/changed or removed|deny rules .* were removed/);
    }
    writeFileSync(file, installed);
    expect(guard('claude').live).toBe(true);

    const plugin = join(repo.dir, '.opencode/plugin/killdate.js');
    writeFileSync(plugin, readFileSync(plugin, 'utf8').replace('{', '{ return;'));
    expect(guard('opencode')).toMatchObject({
      live: false,
      detail: expect.stringContaining('differs from the plugin killdate writes'),
    });
  });
});
