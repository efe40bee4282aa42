// The board's server: 127.0.0.1 only, a random free port unless one is asked for, a per-launch
// token, every request through the guard, the api answered as JSON, live updates over SSE.

import { css, js } from 'killdate:web-assets';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { todayIso } from '../core/dates.js';
import { KilldateError } from '../core/errors.js';
import { findRoot } from '../workspace/root.js';
import { act } from './acts.js';
import { cookieName, guard } from './guard.js';
import { openStream, WorkspaceWatch } from './live.js';
import { shell } from './page.js';
import { READS, type RouteContext, statusOf } from './routes.js';
import { streamRun } from './stream.js';

export const HOST = '127.0.0.1';
const MAX_BODY = 64 * 1024;
/** Reads that depend on more than files (a run's process alive or not): never memoised. */
const FRESH = new Set(['/api/live', '/api/run', '/api/runs']);

export interface BoardOptions {
  cwd?: string;
  port?: number;
  today?: string;
  acts: RouteContext['acts'];
}

export interface Board {
  /** the address with the token: for the person's own terminal, never a process's arguments */
  url: string;
  /**
   * An address with a one-time code instead of the token, for a browser started with it as an
   * argument (which any process can read): spent by its first use, or after a minute.
   */
  launchUrl(): string;
  port: number;
  token: string;
  root: string;
  /** the folders watched for live updates when only some are: the system's watch budget ran out */
  watchedOnly?: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function failure(res: ServerResponse, e: unknown) {
  const k = e instanceof KilldateError ? e : undefined;
  json(res, statusOf(e), {
    error: k ? k.message : 'internal error',
    ...(k ? { code: k.code } : {}),
    ...(k?.hint ? { hint: k.hint } : {}),
  });
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    throw new KilldateError('USAGE', 'expected a JSON body');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new KilldateError('USAGE', 'body too large');
    chunks.push(c as Buffer);
  }
  const v = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new KilldateError('USAGE', 'expected a JSON object');
  return v as Record<string, unknown>;
}

export async function startBoard(opts: BoardOptions): Promise<Board> {
  const root = findRoot(opts.cwd);
  const token = randomBytes(24).toString('base64url');
  const launches = new Map<string, number>();
  const launch = (code: string): boolean => {
    const until = launches.get(code);
    launches.delete(code);
    return until !== undefined && Date.now() < until;
  };
  const ctx: RouteContext = { cwd: root, ...(opts.today ? { today: opts.today } : {}), acts: opts.acts };
  const watch = new WorkspaceWatch(root);
  // one answer per read until the workspace changes (several panels share a read)
  const memo = new Map<string, Promise<unknown>>();
  watch.on(() => memo.clear());
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => (res.headersSent ? res.destroy() : failure(res, e)));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = guard(req, { port, token, launch });
    if (refusal) return json(res, refusal.status, { error: refusal.message });
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (req.method === 'POST' && url.pathname.startsWith('/api/act/')) {
      const body = await readBody(req);
      try {
        return json(res, 200, await act(url.pathname.slice(9), body, ctx));
      } finally {
        memo.clear();
      }
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' });
    if (url.pathname === '/')
      return send(res, 200, 'text/html; charset=utf-8', shell(token, root), {
        'set-cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    if (url.pathname === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', js);
    if (url.pathname === '/app.css') return send(res, 200, 'text/css; charset=utf-8', css);
    if (url.pathname === '/api/events') {
      const push = openStream(res);
      const stop = watch.on((paths) => push('change', { paths }));
      res.on('close', stop);
      return;
    }
    if (url.pathname === '/api/stream') return streamRun(res, root, url.searchParams.get('run') ?? '', watch);
    const read = READS[url.pathname];
    if (!read) return json(res, 404, { error: `no page ${url.pathname}` });
    url.searchParams.delete('token');
    const key = `${todayIso()} ${url.pathname}?${url.searchParams}`;
    const cached = FRESH.has(url.pathname) ? undefined : memo.get(key);
    const answer = cached ?? Promise.resolve().then(() => read(url.searchParams, ctx));
    if (!FRESH.has(url.pathname)) memo.set(key, answer);
    answer.catch(() => memo.delete(key));
    return json(res, 200, await answer);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    launchUrl: () => {
      const code = randomBytes(24).toString('base64url');
      launches.set(code, Date.now() + 60_000);
      return `http://${HOST}:${port}/?launch=${code}`;
    },
    port,
    token,
    root,
    ...(watch.budgetSpent ? { watchedOnly: watch.watched } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        watch.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
