// The skills shipped in the package's skills/ folder (also the Claude Code plugin's), and the
// files `init` and `skills install` write from them for each agent.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import {
  geminiCommand,
  parseSkill,
  SKILL_AGENTS,
  type Skill,
  type SkillAgent,
  skillTarget,
} from '../core/skills.js';
import type { ScaffoldFile } from './scaffold.js';
import { templatesDir } from './templates.js';

/** The package's skills/ folder, beside templates/. */
export function skillsDir(): string {
  return join(dirname(templatesDir()), 'skills');
}

export function readSkills(dir: string = skillsDir()): Skill[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    throw new KilldateError('INTERNAL', 'the skills folder is missing from the killdate package');
  }
  return names.map((n) => {
    const source = `skills/${n}/SKILL.md`;
    try {
      const skill = parseSkill(readFileSync(join(dir, n, 'SKILL.md'), 'utf8'), source);
      if (skill.name !== n) throw new Error(`${source}: name ${skill.name} is not its folder's name`);
      return skill;
    } catch (e) {
      throw new KilldateError('INTERNAL', (e as Error).message);
    }
  });
}

/** Every skill file for the given agents, sorted by path. */
export function skillFiles(agents: readonly SkillAgent[] = SKILL_AGENTS): ScaffoldFile[] {
  const skills = readSkills();
  const files = agents.flatMap((agent) =>
    skills.map((s) => ({
      path: skillTarget(agent, s.name),
      content: agent === 'gemini' ? geminiCommand(s, `skills/${s.name}/SKILL.md`) : s.text,
    })),
  );
  return files.sort((x, y) => (x.path < y.path ? -1 : 1));
}
