// A scripted stand-in for the OpenAI Chat Completions API on 127.0.0.1 (stream and not), for
// driving OpenAI-compatible agent CLIs (Qwen Code) offline. A request that offers tools gets the
// next turn of the script (one tool call, or a final text); side calls get "ok", or JSON of the
// schema they ask for.
import { createServer } from 'node:http';
import { fillSchema, readJsonBody, type ScriptedServer } from './gemini-server.js';
import { listenOnLoopback } from './loopback.js';

export type ChatTurn = { call: string; arguments: Record<string, unknown> } | { text: string };

interface ChatBody {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  response_format?: { json_schema?: { schema?: Record<string, unknown> } };
}

const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };

export async function startChatServer(script: ChatTurn[]): Promise<ScriptedServer> {
  const state: ScriptedServer = { url: '', requests: [], turnsServed: 0, close: async () => {} };
  const server = createServer((req, res) => {
    void readJsonBody(req).then((raw) => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', body: raw });
      if (req.method === 'GET' && (req.url ?? '').endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({ object: 'list', data: [{ id: 'm1', object: 'model', owned_by: 'test' }] }),
        );
      }
      if (req.method !== 'POST' || !(req.url ?? '').includes('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"error":{"message":"not found"}}');
      }
      const body = raw as ChatBody;
      const main = (body.tools ?? []).length > 0;
      const schema = body.response_format?.json_schema?.schema;
      const turn: ChatTurn = main
        ? (script[Math.min(state.turnsServed++, script.length - 1)] ?? { text: 'done' })
        : { text: schema ? JSON.stringify(fillSchema(schema)) : 'ok' };
      const n = state.turnsServed;
      const calls =
        'call' in turn
          ? [
              {
                index: 0,
                id: `call_${n}`,
                type: 'function',
                function: { name: turn.call, arguments: JSON.stringify(turn.arguments) },
              },
            ]
          : undefined;
      const head = { id: `chatcmpl-${n}`, created: 1_790_000_000, model: body.model ?? 'm1' };
      const finish = calls ? 'tool_calls' : 'stop';
      if (!body.stream) {
        const message = {
          role: 'assistant',
          content: calls ? null : (turn as { text: string }).text,
          ...(calls ? { tool_calls: calls.map(({ index: _i, ...c }) => c) } : {}),
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({
            ...head,
            object: 'chat.completion',
            choices: [{ index: 0, message, finish_reason: finish }],
            usage,
          }),
        );
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: unknown, reason: string | null = null) =>
        res.write(
          `data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: reason }] })}\n\n`,
        );
      chunk({ role: 'assistant', content: '' });
      chunk(calls ? { tool_calls: calls } : { content: (turn as { text: string }).text });
      chunk({}, finish);
      res.write(
        `data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}
