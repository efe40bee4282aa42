// `killdate hook before-write|before-shell --agent <id>`: the tool-call guard, answering in the
// agent's own format. bin.ts loads this before commander, zod or markdown-it: it runs on every
// tool call. `hook pre-tool-use` (no --agent) is what older installs call: Claude Code.
import { allowAnswer, denyAnswer, type HookAnswer } from '../agents/hooks/answer.js';
import { guardToolCall } from '../agents/hooks/guard.js';
import { readHookCall } from '../agents/hooks/input.js';
import { AGENT_HOOKS, type HookAgent, isHookAgent } from '../agents/hooks/table.js';
import { readInput, writeOut } from './hook-io.js';

/** argv after `hook`: `<event> [--agent <id>]`; undefined when this is not a guard call. */
export function guardArgs(
  argv: string[],
): { event: 'before-write' | 'before-shell'; agent: string } | undefined {
  const [event, ...rest] = argv;
  if (event !== 'before-write' && event !== 'before-shell' && event !== 'pre-tool-use') return undefined;
  if (rest.length !== 0 && !(rest.length === 2 && rest[0] === '--agent')) return undefined;
  return { event: event === 'before-shell' ? 'before-shell' : 'before-write', agent: rest[1] ?? 'claude' };
}

export async function runGuardHook(event: 'before-write' | 'before-shell', agentId: string): Promise<number> {
  if (!isHookAgent(agentId)) {
    writeOut(2, `killdate hook: unknown agent "${agentId}"\n`);
    return 2;
  }
  const answer = await guardAnswer(event, agentId, await readInput(), process.env);
  if (answer.stdout) writeOut(1, answer.stdout);
  if (answer.stderr) writeOut(2, answer.stderr);
  return answer.code;
}

/** The answer to one tool call's hook input (text as the agent sent it). */
export async function guardAnswer(
  event: 'before-write' | 'before-shell',
  agentId: HookAgent,
  text: string,
  env: NodeJS.ProcessEnv,
): Promise<HookAnswer> {
  const agent = AGENT_HOOKS[agentId];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const call = readHookCall(raw, agent, event);
  const reason = guardToolCall(agent, call, env, event === 'before-shell');
  const eventName = agent.events[event]?.name ?? event;
  return reason ? denyAnswer(agent, eventName, reason) : allowAnswer(agent);
}
