// `killdate hooks install|uninstall`: killdate's hooks in each agent's own hook file.
import type { Command } from 'commander';
import { HOOK_AGENTS } from '../../agents/hooks/table.js';
import { installHooks, uninstallHooks } from '../../api/hooks.js';
import { dim, globalCwd, printJson, yellow } from '../output.js';

export function register(program: Command): void {
  const hooks = program
    .command('hooks')
    .description("Install or remove killdate's hooks in each agent's hook file");
  hooks
    .command('install')
    .description(
      "Guard each agent in its own hook file (scope, killdate's records, human acts, session start and end), add the git pre-commit scope check and Claude Code's .mcp.json entry, without clobbering",
    )
    .option(
      '--agents <list>',
      `comma-separated: ${HOOK_AGENTS.join(',')} (default: the agents the config names and those whose folder exists)`,
    )
    .option(
      '--bin <command>',
      'how the hooks call killdate (default: this node and this killdate, by absolute path)',
    )
    .option('--json', 'print one JSON document')
    .action((opts: { agents?: string; bin?: string; json?: boolean }, cmd: Command) => {
      const r = installHooks({ cwd: globalCwd(cmd), agents: opts.agents, bin: opts.bin });
      const failed =
        r.agents.some((a) => a.proof !== 'ok') || r.git.outcome === 'refused' || r.mcp?.outcome === 'refused';
      if (failed) process.exitCode = 1;
      if (opts.json) return printJson(r);
      const out: string[] = [];
      for (const a of r.agents) {
        out.push(`${a.name}: ${a.file} ${a.outcome} ${dim(`(${a.events.join(', ')})`)}`);
        if (a.denyRules) out.push(`  deny rules for the human acts: ${a.denyRules}`);
        if (a.proof !== 'ok') out.push(`  ${yellow('not working')}: ${a.proof}`);
        if (a.trust) out.push(`  ${yellow('to do')}: ${a.trust}`);
      }
      out.push(`git: ${r.git.file}: ${r.git.outcome}: ${r.git.note}`);
      if (r.mcp)
        out.push(
          `MCP: ${r.mcp.file}: killdate server ${r.mcp.outcome}${r.mcp.note ? `: ${r.mcp.note}` : ''} ${dim(`(${r.mcp.command})`)}`,
        );
      out.push(dim(`hooks run: ${r.command} hook <event> --agent <agent>`));
      for (const w of r.warnings) out.push(`${yellow('warning')}: ${w}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
  hooks
    .command('uninstall')
    .description(
      "Take killdate's hooks and deny rules out of the agents' hook files and the git pre-commit hook",
    )
    .option('--agents <list>', `comma-separated: ${HOOK_AGENTS.join(',')} (default: all)`)
    .option('--json', 'print one JSON document')
    .action((opts: { agents?: string; json?: boolean }, cmd: Command) => {
      const r = uninstallHooks({ cwd: globalCwd(cmd), agents: opts.agents });
      if (opts.json) return printJson(r);
      const lines = r.agents
        .filter((a) => a.outcome === 'removed')
        .map(
          (a) =>
            `${a.file}: removed ${a.hooks} hook(s)${a.denyRules ? ` and ${a.denyRules} deny rule(s)` : ''}`,
        );
      if (r.git.outcome === 'removed') lines.push(`${r.git.file}: killdate block removed`);
      process.stdout.write(`${lines.length ? lines.join('\n') : 'no killdate hooks found'}\n`);
    });
}
