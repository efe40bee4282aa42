// The skills killdate ships (Agent Skills: a folder holding SKILL.md, YAML frontmatter with
// `name` and `description`, then markdown) and where each agent reads them: Claude Code and
// Codex take the SKILL.md as it is; Gemini CLI takes a command file in TOML made from it.
// Pure: the caller reads the files.
import { parse as parseYaml } from 'yaml';

export const SKILL_AGENTS = ['claude', 'codex', 'gemini'] as const;
export type SkillAgent = (typeof SKILL_AGENTS)[number];

export interface Skill {
  name: string;
  description: string;
  /** the markdown after the frontmatter */
  body: string;
  /** the whole SKILL.md */
  text: string;
}

/** The spec's name rule: 1-64 of a-z, 0-9 and single inner hyphens. */
export const SKILL_NAME = /^(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** Parses a SKILL.md; throws with the reason when it does not follow the format. */
export function parseSkill(text: string, source: string): Skill {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${source}: expected YAML frontmatter between --- lines`);
  const meta = (parseYaml(m[1]!) ?? {}) as Record<string, unknown>;
  const { name, description } = meta;
  if (typeof name !== 'string' || !SKILL_NAME.test(name))
    throw new Error(`${source}: name must be 1-64 lower-case letters, digits and single hyphens`);
  if (typeof description !== 'string' || !description.trim() || description.length > 1024)
    throw new Error(`${source}: description must be 1-1024 characters`);
  return { name, description, body: m[2]!.replace(/^\n+/, ''), text };
}

/** The workspace path each agent reads a skill from. */
export function skillTarget(agent: SkillAgent, name: string): string {
  if (agent === 'claude') return `.claude/skills/${name}/SKILL.md`;
  if (agent === 'codex') return `.agents/skills/${name}/SKILL.md`;
  return `.gemini/commands/killdate/${name.replace(/^killdate-/, '')}.toml`;
}

/**
 * A Gemini CLI command (`/killdate:<short name>`): the description, and the skill's body as a
 * literal multi-line string, so nothing in it is an escape. Gemini expands `{{args}}`, `!{...}`
 * and `@{...}` in a prompt; a skill holding one of them is refused here.
 */
export function geminiCommand(skill: Skill, source: string): string {
  if (/'''|\{\{|!\{|@\{/.test(skill.body))
    throw new Error(`${source}: the body holds ''', {{, !{ or @{, which a Gemini command cannot carry`);
  return [
    `# Written by killdate from its ${skill.name} skill. killdate never overwrites this file.`,
    `description = ${JSON.stringify(skill.description)}`,
    `prompt = '''`,
    `${skill.body.trimEnd()}`,
    `'''`,
    '',
  ].join('\n');
}
