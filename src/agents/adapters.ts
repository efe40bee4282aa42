// The adapters by name.
import type { Adapter } from './adapter.js';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { command } from './command.js';
import { cursor } from './cursor.js';
import type { AdapterName, AgentEvent } from './events.js';
import { gemini } from './gemini.js';
import { opencode } from './opencode.js';
import { qwen } from './qwen.js';

export const adapters: Record<AdapterName, Adapter> = {
  claude,
  codex,
  cursor,
  gemini,
  qwen,
  opencode,
  command,
};

/** Parses a whole recorded output at once (the runner feeds the same parser line by line). */
export function parseOutput(
  adapter: Adapter,
  text: string,
  exit: { code: number | null; signal: NodeJS.Signals | null } = { code: 0, signal: null },
): AgentEvent[] {
  const p = adapter.parser();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return [...lines.flatMap((l) => p.line(l)), ...p.finish(exit)];
}
