// What every request to the board must show before anything answers it: the per-launch token
// (query, header or the launch cookie; a state-changing request needs it in the header), a
// Host naming this server (no DNS rebinding), an Origin of this server when there is one, and
// a path with no `..` in any spelling.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-killdate-token';

export interface GuardContext {
  port: number;
  token: string;
  /** whether `code` is a launch code not used yet, spending it (the page then sets the cookie) */
  launch?: (code: string) => boolean;
}

export interface Refusal {
  status: number;
  message: string;
}

export const cookieName = (port: number): string => `killdate_${port}`;

const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
const allowedOrigins = (port: number): string[] => allowedHosts(port).map((h) => `http://${h}`);

function same(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage, port: number): string | undefined {
  const name = `${cookieName(port)}=`;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const p = part.trim();
    if (p.startsWith(name)) return p.slice(name.length);
  }
  return undefined;
}

/** undefined when the request may go on; otherwise why it is refused. */
export function guard(req: IncomingMessage, ctx: GuardContext): Refusal | undefined {
  const host = req.headers.host ?? '';
  if (!allowedHosts(ctx.port).includes(host.toLowerCase()))
    return { status: 403, message: `refused: Host ${JSON.stringify(host)} is not this server` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(ctx.port).includes(origin))
    return { status: 403, message: `refused: Origin ${JSON.stringify(origin)} is not this server` };
  const raw = req.url ?? '/';
  const path = raw.split('?')[0]!;
  if (!path.startsWith('/') || /\.\.|%2e|%2f|%5c|\\/i.test(path))
    return { status: 403, message: 'refused: the path leaves the board' };
  const url = new URL(raw, 'http://board.invalid');
  const header = req.headers[TOKEN_HEADER];
  const headerToken = Array.isArray(header) ? header[0] : header;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    if (!same(headerToken, ctx.token))
      return {
        status: 403,
        message: `refused: a change needs the launch token in the ${TOKEN_HEADER} header`,
      };
    if (
      origin === undefined &&
      req.headers['sec-fetch-site'] &&
      req.headers['sec-fetch-site'] !== 'same-origin'
    )
      return { status: 403, message: 'refused: not from this server' };
    return undefined;
  }
  const given = headerToken ?? url.searchParams.get('token') ?? cookieToken(req, ctx.port);
  if (same(given ?? undefined, ctx.token)) return undefined;
  const code = url.searchParams.get('launch');
  if (path === '/' && code && ctx.launch?.(code)) return undefined;
  return { status: 403, message: 'refused: no valid launch token' };
}
