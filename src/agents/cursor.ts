// Cursor's agent: `cursor-agent -p --output-format stream-json --trust` (newer installs name
// the binary `agent`), the prompt on stdin. stream-json lines: system/init, user, assistant,
// tool_call started|completed with a nested `<kind>ToolCall` key, and a final `result`.
// Cursor reports no token usage.
import { type Adapter, type BuildOptions, invocation, profileOf } from './adapter.js';
import {
  type AgentEvent,
  AUTH_PATTERN,
  filesOf,
  jsonLine,
  num,
  obj,
  type StreamParser,
  str,
} from './events.js';

function build(o: BuildOptions) {
  const perms = profileOf(o) === 'edit' ? ['--force'] : ['--mode', 'ask'];
  const model = o.model ? ['--model', o.model] : [];
  return invocation(o, 'cursor-agent', [
    '-p',
    '--output-format',
    'stream-json',
    '--trust',
    ...perms,
    ...model,
  ]);
}

const CHANGES: Record<string, 'add' | 'update' | 'delete' | 'unknown'> = {
  write: 'unknown',
  edit: 'update',
  delete: 'delete',
};

/** `{ writeToolCall: { args, result } }` -> name `write`, args, result. */
function unwrap(toolCall: unknown): { name: string; args: unknown; result?: Record<string, unknown> } {
  const t = obj(toolCall);
  const key = Object.keys(t)[0] ?? 'unknown';
  const body = obj(t[key]);
  if (key === 'function') {
    let args: unknown = body.arguments;
    try {
      args = typeof args === 'string' ? JSON.parse(args) : args;
    } catch {}
    return { name: str(body.name) ?? 'function', args };
  }
  return {
    name: key.replace(/ToolCall$/, ''),
    args: body.args ?? {},
    result: body.result ? obj(body.result) : undefined,
  };
}

function toolLine(j: Record<string, unknown>): AgentEvent[] {
  const id = str(j.call_id);
  const { name, args, result } = unwrap(j.tool_call);
  if (j.subtype === 'started') return [{ type: 'tool_call', id, name, input: args, files: filesOf(args) }];
  if (j.subtype !== 'completed') return [];
  const ok = result ? result.success !== undefined : true;
  const out: AgentEvent[] = [{ type: 'tool_result', id, ok }];
  const kind = CHANGES[name];
  if (ok && kind) {
    const path = str(obj(result?.success).path) ?? filesOf(args)[0];
    if (path) out.push({ type: 'file_change', path, kind });
  }
  return out;
}

function resultLine(j: Record<string, unknown>): AgentEvent[] {
  const failed = j.is_error === true || (str(j.subtype) ?? 'success') !== 'success';
  const text = str(j.result);
  const out: AgentEvent[] = [];
  const u = obj(j.usage);
  if (j.usage)
    out.push({
      type: 'usage',
      usage: {
        inputTokens: num(u.inputTokens ?? u.input_tokens),
        outputTokens: num(u.outputTokens ?? u.output_tokens),
        cachedTokens: num(u.cacheReadTokens ?? u.cached_tokens),
      },
    });
  const reason = failed
    ? `cursor reported ${str(j.subtype) ?? 'an error'}${text ? `: ${text}` : ''}`
    : undefined;
  if (reason && AUTH_PATTERN.test(reason)) out.push({ type: 'error', message: reason, auth: true });
  out.push({ type: 'result', status: failed ? 'failed' : 'ok', text, ...(reason ? { reason } : {}) });
  return out;
}

function parser(): StreamParser {
  return {
    line(raw) {
      const j = jsonLine(raw);
      if (!j) return raw.trim() ? [{ type: 'garbage', line: raw }] : [];
      if (j.type === 'system' && j.subtype === 'init')
        return [{ type: 'session', id: str(j.session_id), model: str(j.model) }];
      if (j.type === 'assistant') {
        const content = obj(j.message).content;
        const text = (Array.isArray(content) ? content : []).map((c) => str(obj(c).text) ?? '').join('');
        return text ? [{ type: 'text', text }] : [];
      }
      if (j.type === 'tool_call') return toolLine(j);
      if (j.type === 'result') return resultLine(j);
      if (j.type === 'error')
        return [
          {
            type: 'error',
            message: str(j.message) ?? 'error',
            ...(AUTH_PATTERN.test(str(j.message) ?? '') ? { auth: true } : {}),
          },
        ];
      return [];
    },
    finish: () => [],
  };
}

export const cursor: Adapter = { name: 'cursor', bins: ['cursor-agent', 'agent'], build, parser };
