// A scripted stand-in for the OpenAI Responses API on 127.0.0.1 (random port), for driving the
// real Codex binary through a custom model provider (`wire_api = "responses"`). Each POST
// /v1/responses plays the next turn of the script as server-sent events: a function_call
// (e.g. exec_command {cmd}) or a final message with output_text. Other requests are logged
// and answered harmlessly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { listenOnLoopback } from './loopback.js';

export type ResponsesTurn =
  | { call: string; arguments: Record<string, unknown> }
  /** a free-text tool call, e.g. Codex's apply_patch with the patch as input */
  | { custom: string; input: string }
  | { text: string };

export interface ResponsesServer {
  url: string;
  requests: Array<{ method: string; url: string; body: unknown }>;
  /** POST /v1/responses calls answered */
  turnsServed: number;
  close(): Promise<void>;
}

const usage = {
  input_tokens: 200,
  input_tokens_details: { cached_tokens: 50 },
  output_tokens: 40,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 240,
};

function outputItem(turn: ResponsesTurn, n: number): Record<string, unknown> {
  if ('call' in turn)
    return {
      type: 'function_call',
      id: `fc_scripted_${n}`,
      call_id: `call_scripted_${n}`,
      name: turn.call,
      arguments: JSON.stringify(turn.arguments),
      status: 'completed',
    };
  if ('custom' in turn)
    return {
      type: 'custom_tool_call',
      id: `ctc_scripted_${n}`,
      call_id: `call_scripted_${n}`,
      name: turn.custom,
      input: turn.input,
      status: 'completed',
    };
  return {
    type: 'message',
    id: `msg_scripted_${n}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: turn.text, annotations: [] }],
  };
}

function streamTurn(res: ServerResponse, turn: ResponsesTurn, model: string, n: number): void {
  const id = `resp_scripted_${n}`;
  const item = outputItem(turn, n);
  const base = { id, object: 'response', created_at: 1_790_000_000, model };
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: { ...base, status: 'in_progress', output: [] } },
    { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress' } },
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: { ...base, status: 'completed', output: [item], usage } },
  ];
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  events.forEach((e, i) => {
    res.write(`event: ${e.type}\ndata: ${JSON.stringify({ ...e, sequence_number: i })}\n\n`);
  });
  res.end();
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

function outputsSoFar(body: unknown): number {
  const input = (body as { input?: unknown } | undefined)?.input;
  if (!Array.isArray(input)) return 0;
  return input.filter((i) =>
    /^(function|custom_tool)_call_output$/.test((i as { type?: string })?.type ?? ''),
  ).length;
}

export async function startResponsesServer(script: ResponsesTurn[]): Promise<ResponsesServer> {
  const state: ResponsesServer = { url: '', requests: [], turnsServed: 0, close: async () => {} };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'POST' && path === '/v1/responses') {
        state.turnsServed++;
        // the turn follows the conversation, not the request count: one per tool output so far
        const n = outputsSoFar(body);
        const turn = script[Math.min(n, script.length - 1)] ?? { text: 'done' };
        const model = ((body ?? {}) as { model?: string }).model ?? 'scripted';
        return streamTurn(res, turn, model, n + 1);
      }
      res.writeHead(path === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(path === '/v1/models' ? JSON.stringify({ object: 'list', data: [] }) : '{}');
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}

/**
 * Writes `<home>/.codex/config.toml` pointing Codex at the scripted server as provider `fake`.
 * /tmp is no writable root of its sandbox: there Codex makes an empty /tmp/.git while a command
 * runs (to mount it read-only), and a test that reads a temp folder as outside any git repo
 * would see /tmp as one.
 */
export function writeCodexHome(home: string, serverUrl: string, model = 'scripted-model'): void {
  mkdirSync(join(home, '.codex'), { recursive: true });
  const toml = [
    `model = "${model}"`,
    'model_provider = "fake"',
    '',
    '[model_providers.fake]',
    'name = "fake"',
    `base_url = "${serverUrl}/v1"`,
    'wire_api = "responses"',
    'env_key = "OPENAI_API_KEY"',
    '',
    '[sandbox_workspace_write]',
    'exclude_slash_tmp = true',
    'exclude_tmpdir_env_var = true',
    '',
  ].join('\n');
  writeFileSync(join(home, '.codex', 'config.toml'), toml);
}
