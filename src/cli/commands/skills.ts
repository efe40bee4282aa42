// `killdate skills install`: the killdate skills for an existing repo (init writes them too).
import type { Command } from 'commander';
import { installSkills } from '../../api/skills.js';
import { SKILL_AGENTS } from '../../core/skills.js';
import { bold, globalCwd, printJson } from '../output.js';
import { actionLines } from './init.js';

export function register(program: Command): void {
  program
    .command('skills')
    .description('Teach the agents the method')
    .command('install')
    .description(
      'Write the killdate skills: .claude/skills and .agents/skills (Codex), .gemini/commands; never overwrites',
    )
    .option('--agents <list>', `comma-separated: ${SKILL_AGENTS.join(', ')} (default: all)`)
    .option('--dry-run', 'list what would be written; write nothing')
    .option('--json', 'print one JSON document')
    .action((o: { agents?: string; dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const agents = o.agents
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      const r = installSkills({ cwd: globalCwd(cmd), agents, dryRun: o.dryRun });
      if (o.json) return printJson(r);
      const n = r.actions.filter((a) => a.action !== 'skip').length;
      const lines = actionLines(r.actions, r.dryRun);
      const skipped = r.actions.length - n;
      lines.push(
        '',
        `${bold(r.dryRun ? 'Dry run:' : 'Done:')} ${n} ${r.dryRun ? 'to write' : 'written'}, ${skipped} skipped, in ${r.root}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
