// A scripted stand-in for the Gemini API (v1beta generateContent / streamGenerateContent) on
// 127.0.0.1, for driving the real Gemini CLI offline. A request that offers tools gets the next
// turn of the script (a functionCall, or a final text); side calls without tools (routing,
// next-speaker checks) get JSON filled from the schema they ask for, or "ok".
import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export type GeminiTurn = { call: string; args: Record<string, unknown> } | { text: string };

export interface ScriptedServer {
  url: string;
  requests: Array<{ method: string; url: string; body: unknown }>;
  turnsServed: number;
  close(): Promise<void>;
}

type Schema = { type?: string; properties?: Record<string, Schema>; enum?: unknown[]; minimum?: number };

/** A value of the shape a JSON schema asks for. */
export function fillSchema(s: Schema | undefined): unknown {
  const t = String(s?.type ?? 'object').toLowerCase();
  if (t === 'object')
    return Object.fromEntries(Object.entries(s?.properties ?? {}).map(([k, v]) => [k, fillSchema(v)]));
  if (t === 'array') return [];
  if (t === 'integer' || t === 'number') return s?.minimum ?? 1;
  if (t === 'boolean') return false;
  return s?.enum?.[0] ?? 'scripted';
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

interface GenerateBody {
  tools?: Array<{ functionDeclarations?: unknown[] }>;
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: Schema; responseSchema?: Schema };
}

const usage = {
  promptTokenCount: 120,
  candidatesTokenCount: 30,
  totalTokenCount: 150,
  cachedContentTokenCount: 10,
};

export async function startGeminiServer(script: GeminiTurn[]): Promise<ScriptedServer> {
  const state: ScriptedServer = { url: '', requests: [], turnsServed: 0, close: async () => {} };
  const server = createServer((req, res) => {
    void readJsonBody(req).then((raw) => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', body: raw });
      const m = (req.url ?? '').match(/models\/([^:?]+):(\w+)/);
      if (req.method !== 'POST' || !m) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}');
      }
      const [, model, method] = m;
      if (method === 'countTokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"totalTokens":10}');
      }
      const body = raw as GenerateBody;
      let parts: unknown[];
      if ((body.tools ?? []).some((t) => (t.functionDeclarations ?? []).length)) {
        const turn = script[Math.min(state.turnsServed++, script.length - 1)] ?? { text: 'done' };
        parts =
          'call' in turn
            ? [{ functionCall: { id: `call_${state.turnsServed}`, name: turn.call, args: turn.args } }]
            : [{ text: turn.text }];
      } else if (body.generationConfig?.responseMimeType === 'application/json') {
        const g = body.generationConfig;
        parts = [{ text: JSON.stringify(fillSchema(g.responseJsonSchema ?? g.responseSchema)) }];
      } else parts = [{ text: 'ok' }];
      const answer = {
        candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
        usageMetadata: usage,
        modelVersion: model,
      };
      if (method === 'streamGenerateContent') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.end(`data: ${JSON.stringify(answer)}\r\n\r\n`);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}
