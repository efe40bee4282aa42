// installSkills(): the killdate skills for an existing repo (init writes the same files): Agent
// Skills for Claude Code and Codex, command files for Gemini CLI. Creates only what is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { SKILL_AGENTS, type SkillAgent } from '../core/skills.js';
import { findRoot } from '../workspace/root.js';
import { skillFiles } from '../workspace/skills.js';
import { type InitAction, writeOne } from './init.js';

export interface SkillsResult {
  version: 1;
  root: string;
  dryRun: boolean;
  agents: SkillAgent[];
  actions: InitAction[];
}

export function installSkills(
  opts: { cwd?: string; agents?: string[]; dryRun?: boolean } = {},
): SkillsResult {
  const root = findRoot(opts.cwd);
  const agents = skillAgents(opts.agents);
  const dryRun = opts.dryRun ?? false;
  const actions = skillFiles(agents).map((f) =>
    same(root, f.path, f.content)
      ? { path: f.path, action: 'skip' as const, reason: 'already installed' }
      : writeOne(root, f.path, f.content, dryRun),
  );
  return { version: 1, root, dryRun, agents, actions };
}

/** The agents named (all when none), each checked against the list. */
export function skillAgents(names: string[] = []): SkillAgent[] {
  if (names.length === 0) return [...SKILL_AGENTS];
  const bad = names.filter((n) => !(SKILL_AGENTS as readonly string[]).includes(n));
  if (bad.length)
    throw new KilldateError('USAGE', `unknown agent ${bad.join(', ')}: expected ${SKILL_AGENTS.join(', ')}`);
  return [...new Set(names)] as SkillAgent[];
}

function same(root: string, path: string, content: string): boolean {
  try {
    return readFileSync(join(root, path), 'utf8') === content;
  } catch {
    return false;
  }
}
