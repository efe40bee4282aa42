// Gemini CLI: `gemini -p <marker> --output-format stream-json`, the brief on stdin (Gemini
// puts piped stdin before the -p text). JSONL events: init, message, tool_use, tool_result,
// error and a final result with aggregated stats (tokens; Gemini reports no cost).
import { type Adapter, type BuildOptions, clip, invocation, profileOf } from './adapter.js';
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

/** The short -p prompt; Gemini puts the brief from stdin before it. */
export const GEMINI_MARKER = 'Follow the brief above.';

function build(o: BuildOptions) {
  // headless default mode offers no write or shell tools: read-only
  const mode = profileOf(o) === 'edit' ? 'yolo' : 'default';
  const model = o.model ? ['-m', o.model] : [];
  const inv = invocation(o, 'gemini', [
    '-p',
    GEMINI_MARKER,
    '--output-format',
    'stream-json',
    '--approval-mode',
    mode,
    ...model,
  ]);
  // headless Gemini exits 55 in a folder the user has not trusted; trusting the run's own tree
  // (unlike --skip-trust) also loads its .gemini/settings.json, where killdate's guard hooks are
  return { ...inv, env: { GEMINI_CLI_TRUST_WORKSPACE: 'true' } };
}

const WRITE_TOOLS: Record<string, 'unknown' | 'update'> = {
  write_file: 'unknown',
  replace: 'update',
  edit: 'update',
};

function errorEvent(message: string): AgentEvent {
  return { type: 'error', message, ...(AUTH_PATTERN.test(message) ? { auth: true } : {}) };
}

function resultLine(j: Record<string, unknown>): AgentEvent[] {
  const s = obj(j.stats);
  const failed = j.status !== 'success';
  const message = str(obj(j.error).message);
  const out: AgentEvent[] = [
    {
      type: 'usage',
      usage: {
        inputTokens: num(s.input_tokens ?? s.input),
        outputTokens: num(s.output_tokens),
        cachedTokens: num(s.cached),
      },
    },
  ];
  if (failed && message) out.push(errorEvent(message));
  const reason = failed
    ? `gemini reported ${str(j.status) ?? 'an error'}${message ? `: ${message}` : ''}`
    : undefined;
  out.push({ type: 'result', status: failed ? 'failed' : 'ok', ...(reason ? { reason } : {}) });
  return out;
}

function parser(): StreamParser {
  const calls = new Map<string, { name: string; files: string[] }>();
  let text = '';
  return {
    line(raw) {
      const j = jsonLine(raw);
      if (!j) return raw.trim() ? [{ type: 'garbage', line: raw }] : [];
      switch (j.type) {
        case 'init':
          return [{ type: 'session', id: str(j.session_id), model: str(j.model) }];
        case 'message': {
          const content = str(j.content) ?? '';
          if (j.role !== 'assistant' || !content) return [];
          text = j.delta === true ? text + content : content;
          return [{ type: 'text', text: content }];
        }
        case 'tool_use': {
          const id = str(j.tool_id);
          const name = str(j.tool_name) ?? 'unknown';
          const files = filesOf(j.parameters);
          if (id) calls.set(id, { name, files });
          return [{ type: 'tool_call', id, name, input: j.parameters ?? {}, files }];
        }
        case 'tool_result': {
          const id = str(j.tool_id);
          const ok = j.status === 'success';
          const output = str(j.output) ?? str(obj(j.error).message);
          const out: AgentEvent[] = [
            { type: 'tool_result', id, ok, ...(output ? { output: clip(output) } : {}) },
          ];
          const call = id ? calls.get(id) : undefined;
          const kind = call ? WRITE_TOOLS[call.name] : undefined;
          if (ok && call && kind)
            for (const path of call.files) out.push({ type: 'file_change', path, kind });
          return out;
        }
        case 'error':
          return [errorEvent(str(j.message) ?? 'error')];
        case 'result': {
          const events = resultLine(j);
          const r = events[events.length - 1];
          if (r?.type === 'result' && text) r.text = text;
          return events;
        }
        default:
          return [];
      }
    },
    finish: () => [],
  };
}

export const gemini: Adapter = { name: 'gemini', bins: ['gemini'], build, parser };
