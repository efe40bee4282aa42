// The board refuses what a web page or another local program could try: no token, a foreign
// Origin (a page elsewhere), a foreign Host (DNS rebinding), `..` in a path, a change carried
// by the cookie alone; and it records no human act unless a person started it at a terminal
// outside any agent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanEnv } from '../helpers/human-env.js';
import { cli, ENTRY, type RunningBoard, startBoard } from './board-fixture.js';

let dir: string;
let board: RunningBoard;

interface Answer {
  status: number;
  body: string;
  cookie?: string;
}

function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; port?: number } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: opts.port ?? board.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const withToken = (extra: Record<string, string> = {}) => ({ 'x-killdate-token': board.token, ...extra });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'killdate-board-security-'));
  spawnSync('git', ['init', '-q', dir]);
  cli(ENTRY, dir, ['init', '--product', 'Acme', '--test-command', 'npm test']);
  cli(ENTRY, dir, ['feature', 'new', 'settings-page']);
  board = await startBoard(ENTRY, dir);
}, 60_000);

afterAll(async () => {
  if (board) await board.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('killdate ui refuses', () => {
  it('listens on 127.0.0.1 and answers with the token', async () => {
    expect(board.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const page = await send(`/?token=${board.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<main id="main"');
    expect((await send('/api/board', { headers: withToken() })).status).toBe(200);
    expect((await send('/api/board', { headers: { cookie: page.cookie! } })).status).toBe(200);
  });

  it('a request without the token, or with a wrong one', async () => {
    expect((await send('/')).status).toBe(403);
    expect((await send('/api/board')).status).toBe(403);
    expect((await send('/api/board', { headers: { 'x-killdate-token': 'guess' } })).status).toBe(403);
    expect((await send(`/api/events?token=${board.token}x`)).status).toBe(403);
  });

  it('a foreign Origin', async () => {
    const r = await send('/api/board', { headers: withToken({ origin: 'http://attacker.example' }) });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Origin');
  });

  it('a foreign Host (DNS rebinding)', async () => {
    const r = await send('/api/board', { headers: withToken({ host: `attacker.example:${board.port}` }) });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Host');
  });

  it('a path that leaves the workspace', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/api/..%2fetc/passwd'])
      expect((await send(path, { headers: withToken() })).status).toBe(403);
    for (const q of ['../../etc/passwd', '/etc/passwd', '.git/config', 'feature-builds/../../x'])
      expect((await send(`/api/doc?path=${encodeURIComponent(q)}`, { headers: withToken() })).status).toBe(
        403,
      );
    expect((await send('/api/run?id=..%2F..%2Fx', { headers: withToken() })).status).toBe(400);
    expect((await send('/api/stream?run=../../x', { headers: withToken() })).status).toBe(400);
    expect((await send('/api/doc?path=AGENTS.md', { headers: withToken() })).status).toBe(200);
  });

  it('a change with the token in the cookie alone', async () => {
    const { cookie } = await send(`/?token=${board.token}`);
    const r = await send('/api/act/signoff', {
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ feature: 'settings-page', checkpoint: 'cp0' }),
    });
    expect(r.status).toBe(403);
    expect(existsSync(join(dir, 'feature-builds/settings-page/SIGNOFFS.md'))).toBe(false);
  });
});

describe('human acts on the board', () => {
  const approveFrom = (b: RunningBoard) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: b.port,
          path: '/api/act/approve',
          method: 'POST',
          headers: { 'x-killdate-token': b.token, 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ feature: 'settings-page', task: '1' }));
    });

  it('ui --open hands the browser a one-time code, never the token: read from its arguments, it is spent', async () => {
    // the agent's move: read the address from the browser's command line (any process can)
    const seen = join(dir, '..', `${dir.split('/').pop()}-browser-args`);
    const browser = join(dir, '..', `${dir.split('/').pop()}-browser.sh`);
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\n`, { mode: 0o755 });
    const b = await startBoard(ENTRY, dir, { args: ['--open'], env: humanEnv({ BROWSER: browser }) });
    try {
      for (let i = 0; i < 100 && !existsSync(seen); i++) await new Promise((r) => setTimeout(r, 50));
      const opened = new URL(readFileSync(seen, 'utf8'));
      expect(opened.searchParams.get('launch')).toMatch(/^[\w-]{20,}$/);
      expect(opened.href).not.toContain(b.token);
      const path = `${opened.pathname}${opened.search}`;
      const first = await send(path, { port: b.port });
      expect(first.status).toBe(200);
      expect(first.cookie).toBe(`killdate_${b.port}=${b.token}`);
      expect((await send(path, { port: b.port })).status).toBe(403);
      const code = opened.searchParams.get('launch')!;
      const act = await send('/api/act/approve', {
        port: b.port,
        method: 'POST',
        headers: { 'x-killdate-token': code, 'content-type': 'application/json' },
        body: JSON.stringify({ feature: 'settings-page', task: '1' }),
      });
      expect(act.status).toBe(403);
    } finally {
      await b.stop();
      rmSync(seen, { force: true });
      rmSync(browser, { force: true });
    }
  });

  it('are refused by a board started without a terminal', async () => {
    const b = await startBoard(ENTRY, dir, { terminal: false });
    try {
      const r = await approveFrom(b);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error).toBe('this board records no human act');
    } finally {
      expect(await b.stop()).toBe(0);
    }
  });

  it('are refused by a board an agent started, even in a terminal', async () => {
    const b = await startBoard(ENTRY, dir, { env: humanEnv({ CLAUDECODE: '1' }) });
    try {
      const r = await approveFrom(b);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error).toBe('human acts are refused inside Claude Code');
      expect(r.body).not.toMatch(/terminal|--yes|outside/);
    } finally {
      await b.stop();
    }
    expect(existsSync(join(dir, 'feature-builds/settings-page/REVIEW.md'))).toBe(false);
  });
});
