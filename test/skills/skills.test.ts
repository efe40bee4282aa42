// The skills killdate ships: each follows the Agent Skills format, names the killdate commands
// it runs (all real commands), names every human act only to forbid it, and becomes a Gemini
// command whose prompt is the skill's body.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { HUMAN_ACTS } from '../../src/core/human-acts.js';
import { geminiCommand, parseSkill, SKILL_NAME } from '../../src/core/skills.js';
import { readSkills, skillFiles, skillsDir } from '../../src/workspace/skills.js';

const skills = readSkills();
const HUMAN_HEADING = '## Human acts: stop';

describe('the shipped skills', () => {
  it('are the five steps of the method, in the Agent Skills format', () => {
    expect(skills.map((s) => s.name)).toEqual([
      'killdate-lock',
      'killdate-review',
      'killdate-runbook',
      'killdate-session-end',
      'killdate-session-start',
    ]);
    for (const s of skills) {
      expect(s.name).toMatch(SKILL_NAME);
      expect(s.description.length).toBeLessThanOrEqual(1024);
      expect(s.description).toMatch(/Use (before|when|after|at)/);
      expect(s.text.split('\n').length).toBeLessThan(500);
    }
  });

  it('name only real killdate commands, and each runs some', () => {
    const known = new Set(commands.map((c) => c.name));
    for (const s of skills) {
      const used = [...s.body.matchAll(/`killdate ([a-z-]+)/g)].map((m) => m[1]!);
      expect(used.length, s.name).toBeGreaterThan(0);
      for (const c of used) expect(known.has(c), `${s.name}: killdate ${c}`).toBe(true);
    }
  });

  it('name every human act, only in the part that forbids them', () => {
    for (const s of skills) {
      const at = s.body.indexOf(HUMAN_HEADING);
      expect(at, s.name).toBeGreaterThan(0);
      const steps = s.body.slice(0, at);
      const stop = s.body.slice(at);
      for (const act of HUMAN_ACTS) {
        expect(stop, `${s.name}: ${act}`).toContain(`\`killdate ${act}\``);
        expect(steps, `${s.name} tells the agent to run ${act}`).not.toContain(`killdate ${act}`);
      }
      expect(stop).toMatch(/Never run them/);
      expect(stop).toMatch(/never record one/);
    }
  });

  it('become Gemini CLI commands whose prompt is the skill body', () => {
    const toml = skillFiles(['gemini']);
    expect(toml.map((f) => f.path)).toEqual([
      '.gemini/commands/killdate/lock.toml',
      '.gemini/commands/killdate/review.toml',
      '.gemini/commands/killdate/runbook.toml',
      '.gemini/commands/killdate/session-end.toml',
      '.gemini/commands/killdate/session-start.toml',
    ]);
    for (const f of toml) {
      const parsed = parseToml(f.content) as { description: string; prompt: string };
      const skill = skills.find((s) => f.path.endsWith(`/${s.name.replace('killdate-', '')}.toml`))!;
      expect(parsed.description).toBe(skill.description);
      expect(parsed.prompt.trim()).toBe(skill.body.trim());
    }
  });

  it('are written as they are for Claude Code and Codex', () => {
    const raw = readFileSync(join(skillsDir(), 'killdate-lock/SKILL.md'), 'utf8');
    for (const f of skillFiles(['claude', 'codex']).filter((x) => x.path.includes('killdate-lock')))
      expect(f.content).toBe(raw);
  });

  it('refuses a SKILL.md that breaks the format, and a body Gemini would expand', () => {
    expect(() => parseSkill('# no frontmatter\n', 'x')).toThrow(/frontmatter/);
    expect(() => parseSkill('---\nname: Bad--Name\ndescription: d\n---\nbody\n', 'x')).toThrow(/name/);
    expect(() => parseSkill('---\nname: ok\n---\nbody\n', 'x')).toThrow(/description/);
    const s = parseSkill('---\nname: ok\ndescription: d\n---\nrun !{rm -rf x}\n', 'x');
    expect(() => geminiCommand(s, 'x')).toThrow(/Gemini/);
  });
});
