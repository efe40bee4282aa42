// How each agent reads a hook's answer: a refusal, the session-start report, or the request to
// finish the session. One function per kind of answer; the table names each agent's format.
import type { AgentHooks } from './table.js';

export interface HookAnswer {
  stdout: string;
  stderr: string;
  code: number;
}

const json = (v: unknown): string => `${JSON.stringify(v)}\n`;
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A tool call allowed. */
export function allowAnswer(agent: AgentHooks): HookAnswer {
  return { stdout: agent.answer === 'cursor' ? json({ permission: 'allow' }) : '', stderr: '', code: 0 };
}

/** A tool call refused, with the reason the model reads. */
export function denyAnswer(agent: AgentHooks, eventName: string, why: string): HookAnswer {
  const reason = oneLine(why);
  const stderr = `${reason}\n`;
  switch (agent.answer) {
    case 'claude':
      return {
        stdout: json({
          hookSpecificOutput: {
            hookEventName: eventName,
            permissionDecision: 'deny',
            permissionDecisionReason: reason,
          },
        }),
        stderr,
        code: 2,
      };
    case 'gemini':
      return { stdout: json({ decision: 'deny', reason }), stderr, code: 2 };
    case 'cursor':
      return {
        stdout: json({ permission: 'deny', user_message: reason, agent_message: reason }),
        stderr,
        code: 0,
      };
    case 'copilot':
      return {
        stdout: json({ permissionDecision: 'deny', permissionDecisionReason: reason }),
        stderr,
        code: 0,
      };
    default:
      return { stdout: '', stderr, code: 2 };
  }
}

/** The session-start report as context for the model. */
export function contextAnswer(agent: AgentHooks, eventName: string, text: string): HookAnswer {
  if (agent.answer === 'cursor') return { stdout: json({ additional_context: text }), stderr: '', code: 0 };
  if (agent.answer === 'copilot' || agent.answer === 'exit-code') return { stdout: '', stderr: '', code: 0 };
  return {
    stdout: json({ hookSpecificOutput: { hookEventName: eventName, additionalContext: text } }),
    stderr: '',
    code: 0,
  };
}

/** The session may not end yet: the agent is sent back once with the reason. */
export function continueAnswer(agent: AgentHooks, why: string): HookAnswer {
  const reason = why.trim();
  if (agent.answer === 'cursor') return { stdout: json({ followup_message: reason }), stderr: '', code: 0 };
  if (agent.answer === 'copilot') return { stdout: json({ decision: 'block', reason }), stderr: '', code: 0 };
  return {
    stdout: json({ decision: agent.answer === 'gemini' ? 'deny' : 'block', reason }),
    stderr: `${reason}\n`,
    code: 2,
  };
}
