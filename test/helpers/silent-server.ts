// A model server that takes every request and never answers: a session pointed at it stays
// running (for tests of what is seen while an agent runs).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SilentServer {
  url: string;
  close(): void;
}

export async function startSilentServer(): Promise<SilentServer> {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => held.push(res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      for (const res of held) res.destroy();
      server.close();
    },
  };
}
