// `killdate skills install` in an existing repo: writes the skills for each agent, keeps a
// person's file byte for byte, writes nothing the second time, and takes --agents.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';

let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

describe('killdate skills install', () => {
  it('writes every skill for Claude Code, Codex and Gemini CLI, keeping what a person wrote', () => {
    const mine = '---\nname: killdate-lock\ndescription: our own lock steps\n---\nWe do it our way.\n';
    repo = makeRepo({ 'README.md': '# app\n', '.claude/skills/killdate-lock/SKILL.md': mine });
    const r = runCli(repo.dir, ['skills', 'install', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { actions: { path: string; action: string; reason: string }[] };
    expect(out.actions).toHaveLength(15);
    const kept = out.actions.find((a) => a.path === '.claude/skills/killdate-lock/SKILL.md');
    expect(kept).toMatchObject({ action: 'skip', reason: expect.stringMatching(/never overwrites/) });
    expect(readFileSync(join(repo.dir, '.claude/skills/killdate-lock/SKILL.md'), 'utf8')).toBe(mine);
    for (const p of [
      '.claude/skills/killdate-review/SKILL.md',
      '.agents/skills/killdate-lock/SKILL.md',
      '.gemini/commands/killdate/session-end.toml',
    ])
      expect(existsSync(join(repo.dir, p)), p).toBe(true);

    const again = runCli(repo.dir, ['skills', 'install']);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Done: 0 written, 15 skipped/);
    expect(again.stdout).toMatch(/killdate-review\/SKILL\.md {2}\(already installed\)/);
  });

  it('writes only the agents asked for; an unknown agent is a usage error', () => {
    repo = makeRepo({ 'README.md': '# app\n' });
    const r = runCli(repo.dir, ['skills', 'install', '--agents', 'codex', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/would create {2}\.agents\/skills\/killdate-runbook\/SKILL\.md/);
    expect(r.stdout).not.toMatch(/\.claude|\.gemini/);
    expect(existsSync(join(repo.dir, '.agents'))).toBe(false);
    const bad = runCli(repo.dir, ['skills', 'install', '--agents', 'codex,cursor']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown agent cursor: expected claude, codex, gemini/);
  });
});
