// The session hooks of every agent: at session start the start report (with a warning when
// killdate's guards are off) as the agent's context; at session end, when the session cannot
// end yet (no log entry for today, RESUME HERE missing...), the agent is sent back once per
// session: never again after that in the same session, never when the agent says it already was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextAnswer, continueAnswer, type HookAnswer } from '../agents/hooks/answer.js';
import { projectDir } from '../agents/hooks/guard.js';
import { readHookCall } from '../agents/hooks/input.js';
import { AGENT_HOOKS, isHookAgent } from '../agents/hooks/table.js';
import { CACHE_DIR, writeCacheFile } from '../workspace/cache-dir.js';
import { findRoot } from '../workspace/root.js';

const ASKED = 'session-end-asked.json';
const none: HookAnswer = { stdout: '', stderr: '', code: 0 };

export async function runSessionHook(
  event: 'session-start' | 'session-end',
  agentId: string,
  text: string,
  env: NodeJS.ProcessEnv,
): Promise<HookAnswer> {
  if (!isHookAgent(agentId))
    return { stdout: '', stderr: `killdate hook: unknown agent "${agentId}"\n`, code: 2 };
  const agent = AGENT_HOOKS[agentId];
  let raw: unknown;
  try {
    raw = text.trim() ? JSON.parse(text) : {};
  } catch {
    raw = {};
  }
  const call = readHookCall(raw, agent, event);
  const root = findRoot(projectDir(agent, call, env));
  const eventName = agent.events[event]?.name ?? event;
  // each event loads only what it runs: the session-end hook answers every turn, and the guard
  // warnings of session-start would load the config validator
  if (event === 'session-start') {
    const [{ start }, { guardWarnings }] = await Promise.all([
      import('./start.js'),
      import('./hooks-status.js'),
    ]);
    const r = await start({ cwd: root, tokens: false });
    const warnings = (await guardWarnings(root, env)).map((w) => `killdate warning: ${w}\n`);
    return contextAnswer(agent, eventName, `${warnings.join('')}${r.text}`);
  }
  if (call?.again) return none;
  const r = await (await import('./end.js')).end({ cwd: root });
  if (r.ok) return none;
  if (call?.sessionId && !firstAsk(root, call.sessionId)) return none;
  return continueAnswer(
    agent,
    `killdate: the session cannot end yet:\n${r.problems.map((p) => `- ${p}`).join('\n')}`,
  );
}

/** True the first time a session is sent back; records it (the last 100 sessions are kept). */
function firstAsk(root: string, sessionId: string): boolean {
  let asked: string[] = [];
  try {
    const v = JSON.parse(readFileSync(join(root, CACHE_DIR, ASKED), 'utf8'));
    if (Array.isArray(v)) asked = v.filter((x) => typeof x === 'string');
  } catch {}
  if (asked.includes(sessionId)) return false;
  try {
    writeCacheFile(root, ASKED, JSON.stringify([...asked, sessionId].slice(-100)));
  } catch {}
  return true;
}
