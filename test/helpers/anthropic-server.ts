// A scripted stand-in for the Anthropic Messages API on 127.0.0.1 (random port). It answers
// POST /v1/messages with server-sent events, playing one turn of the script per model call of
// the main conversation: a turn is a tool_use block (e.g. Write {file_path, content}) or a
// final text. Every other request (startup probes, side calls without tools) gets a harmless
// answer and is logged, so a test can show what the real Claude Code binary asked for.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export type AnthropicTurn =
  | { tool: string; input: Record<string, unknown> }
  | { text: string }
  | { status: number; error: { type: string; message: string } };

export interface LoggedRequest {
  method: string;
  url: string;
  body: unknown;
}

export interface AnthropicServer {
  url: string;
  requests: LoggedRequest[];
  /** model calls of the main conversation (requests carrying tools) */
  turnsServed: number;
  close(): Promise<void>;
}

const usage = {
  input_tokens: 120,
  output_tokens: 30,
  cache_read_input_tokens: 10,
  cache_creation_input_tokens: 0,
};

function sse(res: ServerResponse, events: Array<[string, unknown]>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [event, data] of events) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.end();
}

function blockEvents(turn: AnthropicTurn, n: number): Array<[string, unknown]> {
  if ('tool' in turn) {
    const block = { type: 'tool_use', id: `toolu_scripted_${n}`, name: turn.tool, input: {} };
    return [
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: block }],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(turn.input) },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ];
  }
  const text = 'text' in turn ? turn.text : '';
  return [
    [
      'content_block_start',
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  ];
}

function streamTurn(res: ServerResponse, turn: AnthropicTurn, model: string, n: number): void {
  const message = {
    id: `msg_scripted_${n}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...usage, output_tokens: 1 },
  };
  sse(res, [
    ['message_start', { type: 'message_start', message }],
    ...blockEvents(turn, n),
    [
      'message_delta',
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool' in turn ? 'tool_use' : 'end_turn', stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      },
    ],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

function plainMessage(res: ServerResponse, model: string, text: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'msg_side',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage,
    }),
  );
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return raw;
  }
}

interface MessagesBody {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  messages?: Array<{ role?: string }>;
}

const assistantTurns = (b: MessagesBody): number =>
  (b.messages ?? []).filter((m) => m.role === 'assistant').length;

/** Starts the server; `script` is played in order, one turn per main-conversation call. */
export async function startAnthropicServer(script: AnthropicTurn[]): Promise<AnthropicServer> {
  const state: AnthropicServer = { url: '', requests: [], turnsServed: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ input_tokens: 100 }));
      }
      if (req.method !== 'POST' || path !== '/v1/messages') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{}');
      }
      const b = (body ?? {}) as MessagesBody;
      const model = b.model ?? 'claude-scripted';
      const main = Array.isArray(b.tools) && b.tools.length > 0;
      if (!main) {
        if (b.stream) return streamTurn(res, { text: 'ok' }, model, 0);
        return plainMessage(res, model, 'ok');
      }
      state.turnsServed++;
      // the turn follows the conversation, not the request count: one per assistant turn so far
      const n = assistantTurns(b);
      const turn = script[Math.min(n, script.length - 1)] ?? { text: 'done' };
      if ('status' in turn) {
        res.writeHead(turn.status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ type: 'error', error: turn.error }));
      }
      streamTurn(res, turn, model, n + 1);
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}
