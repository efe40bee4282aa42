// opencode: `opencode run --format json --agent build|plan`, the brief on stdin. JSON lines:
// step_start, text, tool_use (the finished call with its state), step_finish (tokens and
// cost of one model step) and error. No final line: the run ends when the process exits.
import { type Adapter, type BuildOptions, clip, invocation, profileOf } from './adapter.js';
import {
  type AgentEvent,
  AUTH_PATTERN,
  type FileChangeKind,
  filesOf,
  jsonLine,
  num,
  obj,
  type StreamParser,
  str,
} from './events.js';

function build(o: BuildOptions) {
  // build: opencode's editing agent; --auto approves what the config leaves at "ask" (a run
  // would reject it) and never what it denies. plan: opencode's read-only agent.
  const perms = profileOf(o) === 'edit' ? ['--agent', 'build', '--auto'] : ['--agent', 'plan'];
  const model = o.model ? ['-m', o.model] : [];
  return invocation(o, 'opencode', ['run', '--format', 'json', ...perms, ...model]);
}

const WRITE_TOOLS: Record<string, FileChangeKind> = {
  write: 'unknown',
  edit: 'update',
  multiedit: 'update',
};

function errorEvent(message: string): AgentEvent {
  return { type: 'error', message, ...(AUTH_PATTERN.test(message) ? { auth: true } : {}) };
}

function toolUse(part: Record<string, unknown>): AgentEvent[] {
  const id = str(part.callID) ?? str(part.id);
  const name = str(part.tool) ?? 'unknown';
  const state = obj(part.state);
  const files = filesOf(state.input);
  const ok = state.status === 'completed';
  const output = str(state.output) ?? str(state.error);
  const out: AgentEvent[] = [
    { type: 'tool_call', id, name, input: state.input ?? {}, files },
    { type: 'tool_result', id, ok, ...(output ? { output: clip(output) } : {}) },
  ];
  const written = WRITE_TOOLS[name];
  if (!ok || !written) return out;
  const exists = obj(state.metadata).exists;
  const kind: FileChangeKind = exists === false ? 'add' : exists === true ? 'update' : written;
  for (const path of files) out.push({ type: 'file_change', path, kind });
  return out;
}

/** One model step's tokens; cost only when opencode priced it (it prints 0 for an unpriced model). */
function stepFinish(part: Record<string, unknown>): AgentEvent {
  const t = obj(part.tokens);
  const cache = obj(t.cache);
  const cost = num(part.cost);
  return {
    type: 'usage',
    usage: {
      inputTokens: num(t.input) + num(cache.write),
      outputTokens: num(t.output) + num(t.reasoning),
      cachedTokens: num(cache.read),
      ...(cost > 0 ? { costUsd: cost } : {}),
    },
  };
}

function parser(): StreamParser {
  let session: string | undefined;
  let text: string | undefined;
  let failure: string | undefined;
  return {
    line(raw) {
      const j = jsonLine(raw);
      if (!j) return raw.trim() ? [{ type: 'garbage', line: raw }] : [];
      const part = obj(j.part);
      const out: AgentEvent[] = [];
      const id = str(j.sessionID);
      if (id && id !== session) {
        session = id;
        out.push({ type: 'session', id });
      }
      switch (j.type) {
        case 'text':
          text = str(part.text) ?? '';
          if (text) out.push({ type: 'text', text });
          break;
        case 'tool_use':
          out.push(...toolUse(part));
          break;
        case 'step_finish':
          out.push(stepFinish(part));
          break;
        case 'error': {
          const e = obj(j.error);
          const message = str(obj(e.data).message) ?? str(e.message) ?? str(e.name) ?? 'error';
          failure = `opencode reported ${str(e.name) ?? 'an error'}: ${message}`;
          out.push(errorEvent(message));
          break;
        }
      }
      return out;
    },
    finish(exit) {
      if (failure) return [{ type: 'result', status: 'failed', reason: failure }];
      // no final line to wait for: a clean exit after the steps is the result
      if (exit.code !== 0 || session === undefined) return [];
      return [{ type: 'result', status: 'ok', ...(text === undefined ? {} : { text }) }];
    },
  };
}

export const opencode: Adapter = { name: 'opencode', bins: ['opencode'], build, parser };
