// The Claude Code plugin killdate ships (the package root is the plugin): its manifest with the
// hooks (the same table `hooks install` writes, calling the plugin's own killdate), the MCP
// server and, by Claude Code's convention, the skills in skills/; and a marketplace listing it,
// so `claude plugin marketplace add <dir>` then `claude plugin install killdate@killdate` work.
// `npm run gen` writes both into .claude-plugin/.
import { hooksFor, mergeHook } from '../agents/hooks/merge.js';
import { AGENT_HOOKS } from '../agents/hooks/table.js';

export const PLUGIN_NAME = 'killdate';
// biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code substitutes it, not JavaScript
const ENTRY = '${CLAUDE_PLUGIN_ROOT}/dist/killdate.js';
const DESCRIPTION =
  'The killdate method in Claude Code: scope and human-act guards, session start and end hooks, the killdate MCP server and the lock, runbook, review and session skills.';

/**
 * A guard whose command cannot run (node missing from PATH: exit 127) would let the tool call
 * through, since Claude Code blocks only on exit 2; any exit above 2 blocks instead.
 */
function failClosed(command: string): string {
  return `${command}; s=$?; [ $s -le 2 ] || { echo "killdate plugin: the guard did not run (exit $s); blocked" >&2; exit 2; }; exit $s`;
}

export function claudePluginManifest(version: string): Record<string, unknown> {
  const claude = AGENT_HOOKS.claude;
  let settings: Record<string, unknown> = {};
  for (const h of hooksFor(claude, `node "${ENTRY}"`)) {
    const guard = h.event === 'before-write' || h.event === 'before-shell';
    settings = mergeHook(settings, claude, guard ? { ...h, command: failClosed(h.command) } : h).settings;
  }
  return {
    name: PLUGIN_NAME,
    version,
    description: DESCRIPTION,
    author: { name: 'killdate' },
    license: 'MIT',
    hooks: settings.hooks,
    mcpServers: { [PLUGIN_NAME]: { command: 'node', args: [ENTRY, 'mcp'] } },
  };
}

export function claudeMarketplace(): Record<string, unknown> {
  return {
    name: PLUGIN_NAME,
    owner: { name: 'killdate' },
    description: 'The killdate plugin for Claude Code, from this checkout or installed package.',
    plugins: [{ name: PLUGIN_NAME, source: './', description: DESCRIPTION }],
  };
}
