// A simulator host on a port: requests go to `handle`; closing aborts `closing` (so delayed and
// hanging requests stop waiting at once) and cuts open connections.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  closing: AbortController,
  port: number,
  host: string,
): Promise<RunningServer> {
  const server = createServer((request, response) => {
    // Only a close while waiting rejects; the request is then abandoned with its socket.
    handle(request, response).catch(() => response.destroy());
  });
  server.listen(port, host);
  await once(server, 'listening');
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    async close() {
      closing.abort();
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
