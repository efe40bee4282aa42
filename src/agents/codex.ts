// OpenAI Codex: `codex exec --json --skip-git-repo-check --sandbox <mode> -`, the prompt on
// stdin. JSONL events: thread.started, turn.started, item.started|updated|completed
// (agent_message, reasoning, command_execution, file_change, mcp_tool_call, web_search,
// todo_list, error), turn.completed {usage}, turn.failed and error.
import { type Adapter, type BuildOptions, clip, invocation, profileOf } from './adapter.js';
import {
  type AgentEvent,
  AUTH_PATTERN,
  type FileChangeKind,
  jsonLine,
  num,
  obj,
  type StreamParser,
  str,
} from './events.js';

function build(o: BuildOptions) {
  const sandbox = profileOf(o) === 'edit' ? 'workspace-write' : 'read-only';
  const model = o.model ? ['-m', o.model] : [];
  const inv = invocation(o, 'codex', [
    'exec',
    '--json',
    '--skip-git-repo-check',
    '--sandbox',
    sandbox,
    ...model,
  ]);
  return { ...inv, argv: [...inv.argv, '-'] };
}

const KINDS: Record<string, FileChangeKind> = { add: 'add', update: 'update', delete: 'delete' };

function toolCall(item: Record<string, unknown>): AgentEvent | undefined {
  const id = str(item.id);
  if (item.type === 'command_execution')
    return { type: 'tool_call', id, name: 'shell', input: { command: item.command }, files: [] };
  if (item.type === 'mcp_tool_call')
    return {
      type: 'tool_call',
      id,
      name: `${str(item.server) ?? 'mcp'}.${str(item.tool) ?? 'tool'}`,
      input: item.arguments ?? {},
      files: [],
    };
  if (item.type === 'web_search')
    return { type: 'tool_call', id, name: 'web_search', input: { query: item.query }, files: [] };
  return undefined;
}

function errorEvent(message: string): AgentEvent {
  return { type: 'error', message, ...(AUTH_PATTERN.test(message) ? { auth: true } : {}) };
}

function parser(): StreamParser {
  const started = new Set<string>();
  let lastText: string | undefined;

  const completed = (item: Record<string, unknown>): AgentEvent[] => {
    const id = str(item.id) ?? '';
    if (item.type === 'agent_message') {
      lastText = str(item.text) ?? '';
      return [{ type: 'text', text: lastText }];
    }
    if (item.type === 'error') return [errorEvent(str(item.message) ?? 'error')];
    if (item.type === 'file_change') {
      const changes = (Array.isArray(item.changes) ? item.changes : []).map(obj);
      const files = changes.map((c) => str(c.path) ?? '').filter(Boolean);
      return [
        { type: 'tool_call', id, name: 'apply_patch', input: { changes }, files },
        ...changes.map(
          (c): AgentEvent => ({
            type: 'file_change',
            path: str(c.path) ?? '',
            kind: KINDS[str(c.kind) ?? ''] ?? 'unknown',
          }),
        ),
      ];
    }
    const call = toolCall(item);
    if (!call) return [];
    const out: AgentEvent[] = started.has(id) ? [] : [call];
    const ok =
      item.status !== 'failed' &&
      (item.exit_code === undefined || item.exit_code === 0 || item.exit_code === null);
    const output =
      str(item.aggregated_output) ?? (item.result === undefined ? undefined : JSON.stringify(item.result));
    out.push({ type: 'tool_result', id, ok, ...(output === undefined ? {} : { output: clip(output) }) });
    return out;
  };

  const turnCompleted = (j: Record<string, unknown>): AgentEvent[] => {
    const u = obj(j.usage);
    return [
      {
        type: 'usage',
        usage: {
          inputTokens: num(u.input_tokens),
          outputTokens: num(u.output_tokens),
          cachedTokens: num(u.cached_input_tokens),
        },
      },
      { type: 'result', status: 'ok', ...(lastText === undefined ? {} : { text: lastText }) },
    ];
  };

  return {
    line(raw) {
      const j = jsonLine(raw);
      if (!j) return raw.trim() ? [{ type: 'garbage', line: raw }] : [];
      const item = obj(j.item);
      switch (j.type) {
        case 'thread.started':
          return [{ type: 'session', id: str(j.thread_id) }];
        case 'item.started': {
          const call = toolCall(item);
          if (call) started.add(str(item.id) ?? '');
          return call ? [call] : [];
        }
        case 'item.completed':
          return completed(item);
        case 'turn.completed':
          return turnCompleted(j);
        case 'turn.failed': {
          const message = str(obj(j.error).message) ?? 'turn failed';
          return [
            errorEvent(message),
            { type: 'result', status: 'failed', reason: `codex turn failed: ${message}` },
          ];
        }
        case 'error':
          return [errorEvent(str(j.message) ?? 'error')];
        default:
          return [];
      }
    },
    finish: () => [],
  };
}

export const codex: Adapter = { name: 'codex', bins: ['codex'], build, parser };
