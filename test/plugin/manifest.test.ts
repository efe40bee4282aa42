// The plugin manifest: every event of the Claude Code hook table with the plugin's own
// killdate, the package's version, the MCP server; and a guard whose command cannot run
// (no node on PATH) blocks with exit 2 instead of letting the tool call through.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_HOOKS } from '../../src/agents/hooks/table.js';
import { claudeMarketplace, claudePluginManifest } from '../../src/api/plugin.js';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const manifest = claudePluginManifest(pkg.version) as {
  version: string;
  hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]>;
  mcpServers: Record<string, { command: string; args: string[] }>;
};
const commands = Object.values(manifest.hooks).flatMap((groups) =>
  groups.flatMap((g) => g.hooks.map((h) => h.command)),
);

describe('the plugin manifest', () => {
  it("hooks every event of Claude Code's table through the plugin's killdate", () => {
    expect(manifest.version).toBe(pkg.version);
    for (const [event, spec] of Object.entries(AGENT_HOOKS.claude.events)) {
      const groups = manifest.hooks[spec.name] ?? [];
      const group = groups.find((g) => g.matcher === spec.matcher);
      expect(group?.hooks[0]?.command, event).toMatch(
        new RegExp(`^node "\\$\\{CLAUDE_PLUGIN_ROOT\\}/dist/killdate\\.js" hook ${event} --agent claude`),
      );
    }
    expect(manifest.mcpServers.killdate).toEqual({
      command: 'node',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code substitutes it
      args: ['${CLAUDE_PLUGIN_ROOT}/dist/killdate.js', 'mcp'],
    });
    expect(claudeMarketplace()).toMatchObject({
      name: 'killdate',
      plugins: [{ name: 'killdate', source: './' }],
    });
  });

  it('a guard that cannot start blocks (exit 2); one that runs answers for itself', () => {
    const guard = commands.find((c) => c.includes('hook before-write'))!;
    const input = JSON.stringify({ tool_name: 'Write', tool_input: { file_path: '/tmp/x' }, cwd: '/tmp' });
    const noNode = spawnSync('/bin/sh', ['-c', guard], {
      env: { PATH: '/nonexistent', CLAUDE_PLUGIN_ROOT: ROOT },
      input,
      encoding: 'utf8',
    });
    expect(noNode.status).toBe(2);
    expect(noNode.stderr).toMatch(/killdate plugin: the guard did not run \(exit 127\); blocked/);
    const session = commands.find((c) => c.includes('hook session-start'))!;
    expect(session).not.toMatch(/exit 2/);
  });
});
