// Run an agent's installed guard command once, the way the agent will (through the shell, or
// for opencode without one), on a tool call it allows: proof that the command works here.
import { spawnSync } from 'node:child_process';
import type { AgentHooks } from '../agents/hooks/table.js';
import { redact } from '../agents/redact.js';

export function proveHook(root: string, agent: AgentHooks, prefix: string): string {
  const command = `${prefix} hook before-write --agent ${agent.id}`;
  const input = JSON.stringify({ tool_name: 'killdate-install-check', tool_input: {}, cwd: root });
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: root, input, encoding: 'utf8', timeout: 10_000 });
  if (r.status === 0) return 'ok';
  const why = redact((r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0] ?? '');
  return `failed: \`${command}\` exited ${r.status ?? r.signal}: ${why}`;
}
