import { once } from 'node:events';
import { createServer } from 'node:net';

/** A loopback port free now, for a server the test starts as a process of its own. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
