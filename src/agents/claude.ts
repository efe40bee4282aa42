// Claude Code: `claude -p --output-format stream-json --verbose`, the prompt on stdin.
// stream-json lines: system/init, assistant and user messages (tool_use / tool_result
// blocks), system/api_retry, and a final `result` with usage and total_cost_usd. Qwen Code
// prints the same shape: claudeStyleParser() reads both.
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

/** The tools that write a file, and what a successful call did when the CLI does not say. */
export type WriteTools = Record<string, FileChangeKind>;

const WRITE_TOOLS: WriteTools = {
  Write: 'update',
  Edit: 'update',
  MultiEdit: 'update',
  NotebookEdit: 'update',
};

function build(o: BuildOptions) {
  const perms =
    profileOf(o) === 'edit'
      ? ['--permission-mode', 'acceptEdits']
      : ['--permission-mode', 'plan', '--allowedTools', 'Read,Glob,Grep'];
  const model = o.model ? ['--model', o.model] : [];
  return invocation(o, 'claude', ['-p', '--output-format', 'stream-json', '--verbose', ...perms, ...model]);
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((c) => str(obj(c).text) ?? '').join('');
}

/** A parser for Claude Code's stream-json shape; `label` names the CLI in a failure's reason. */
export function claudeStyleParser(label: string, writeTools: WriteTools): StreamParser {
  const pending = new Map<string, { name: string; files: string[] }>();

  const assistant = (m: Record<string, unknown>): AgentEvent[] => {
    const out: AgentEvent[] = [];
    for (const raw of Array.isArray(m.content) ? m.content : []) {
      const b = obj(raw);
      if (b.type === 'text' && str(b.text)) out.push({ type: 'text', text: b.text as string });
      if (b.type !== 'tool_use') continue;
      const id = str(b.id);
      const name = str(b.name) ?? 'unknown';
      const files = filesOf(b.input);
      if (id) pending.set(id, { name, files });
      out.push({ type: 'tool_call', id, name, input: b.input ?? {}, files });
    }
    return out;
  };

  const user = (line: Record<string, unknown>): AgentEvent[] => {
    const out: AgentEvent[] = [];
    const detail = obj(line.tool_use_result);
    for (const raw of Array.isArray(obj(line.message).content)
      ? (obj(line.message).content as unknown[])
      : []) {
      const b = obj(raw);
      if (b.type !== 'tool_result') continue;
      const id = str(b.tool_use_id);
      const ok = b.is_error !== true;
      out.push({ type: 'tool_result', id, ok, output: clip(blockText(b.content)) });
      const call = id ? pending.get(id) : undefined;
      const written = call ? writeTools[call.name] : undefined;
      if (!ok || !call || !written) continue;
      const kind: FileChangeKind = detail.type === 'create' ? 'add' : written;
      for (const path of call.files) out.push({ type: 'file_change', path, kind });
    }
    return out;
  };

  const result = (r: Record<string, unknown>): AgentEvent[] => {
    const u = obj(r.usage);
    const cost = typeof r.total_cost_usd === 'number' ? r.total_cost_usd : undefined;
    const failed = r.is_error === true || (str(r.subtype) ?? 'success') !== 'success';
    const text = str(r.result) ?? str(obj(r.error).message);
    const out: AgentEvent[] = [
      {
        type: 'usage',
        usage: {
          inputTokens: num(u.input_tokens) + num(u.cache_creation_input_tokens),
          outputTokens: num(u.output_tokens),
          cachedTokens: num(u.cache_read_input_tokens),
          ...(cost === undefined ? {} : { costUsd: cost }),
        },
      },
    ];
    const reason = failed
      ? `${label} reported ${str(r.subtype) ?? 'an error'}${text ? `: ${text}` : ''}`
      : undefined;
    if (failed && reason && AUTH_PATTERN.test(reason))
      out.push({ type: 'error', message: reason, auth: true });
    out.push({ type: 'result', status: failed ? 'failed' : 'ok', text, ...(reason ? { reason } : {}) });
    return out;
  };

  const system = (s: Record<string, unknown>): AgentEvent[] => {
    if (s.subtype === 'init') return [{ type: 'session', id: str(s.session_id), model: str(s.model) }];
    if (s.subtype !== 'api_retry') return [];
    const message =
      `API error ${s.error_status ?? ''} ${str(s.error) ?? ''} (retry ${s.attempt ?? '?'})`.trim();
    const auth = s.error_status === 401 || s.error_status === 403 || s.error === 'authentication_failed';
    return [{ type: 'error', message, ...(auth ? { auth: true } : {}) }];
  };

  return {
    line(raw) {
      const j = jsonLine(raw);
      if (!j) return raw.trim() ? [{ type: 'garbage', line: raw }] : [];
      if (j.type === 'system') return system(j);
      if (j.type === 'assistant') return assistant(obj(j.message));
      if (j.type === 'user') return user(j);
      if (j.type === 'result') return result(j);
      return [];
    },
    finish: () => [],
  };
}

export const claude: Adapter = {
  name: 'claude',
  bins: ['claude'],
  build,
  parser: () => claudeStyleParser('claude', WRITE_TOOLS),
};
