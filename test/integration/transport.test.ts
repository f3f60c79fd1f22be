import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfluentClient } from '../../src/confluent/client.js';
import { HEAD_BYTES, HttpTransport } from '../../src/confluent/http.js';

const timeouts = { connectMs: 1_000, headersMs: 2_000, bodyMs: 2_000 };
let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server = undefined;
});

/** A server that sends `head`, then the rest of the body once `release` resolves. */
async function serverSending(status: number, head: string, rest: string, release: Promise<unknown>): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.write(head);
    void release.then(() => response.end(rest));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transportTo(apiUrl: string): HttpTransport {
  return new HttpTransport({ apiUrl, apiKey: 'key', apiSecret: 'secret', userAgent: 'test', connections: 1, timeouts });
}

describe('HttpTransport', () => {
  it('shows the head of a large body as soon as it is in, before the rest arrives', async () => {
    const head = `{"metadata":{"next":"/p?page_token=t2"},"data":[${'"x",'.repeat(HEAD_BYTES / 4)}`;
    let headSeen!: (head: string) => void;
    const seen = new Promise<string>((resolve) => (headSeen = resolve));
    const apiUrl = await serverSending(200, head, '"y"]}', seen);
    const transport = transportTo(apiUrl);

    const outcome = await transport.get('/p', new AbortController().signal, { onHead: headSeen });

    expect((await seen).toString()).toBe(head);
    expect('response' in outcome && JSON.parse(outcome.response.body.toString()).data.at(-1)).toBe('y');
    await transport.close();
  });

  it('shows a short body whole, before the call settles, and shows no head of an error', async () => {
    const heads: string[] = [];
    const shortUrl = await serverSending(200, '{"data":[]', '}', Promise.resolve());
    const transport = transportTo(shortUrl);
    await transport.get('/p', new AbortController().signal, { onHead: (head) => heads.push(head.toString()) });
    expect(heads).toEqual(['{"data":[]}']);
    await transport.close();
    server?.close();

    const errorUrl = await serverSending(503, '{"errors":[', ']}', Promise.resolve());
    const failing = transportTo(errorUrl);
    const outcome = await failing.get('/p', new AbortController().signal, { onHead: (head) => heads.push(head.toString()) });
    expect('response' in outcome && outcome.response.status).toBe(503);
    expect(heads).toHaveLength(1);
    await failing.close();
  });

  it('drops a call whose caller gives up while it waits for a slot, and keeps the slot for the next', async () => {
    const arrived: string[] = [];
    server = createServer((request, response) => {
      arrived.push(request.url ?? '');
      if (request.url !== '/hang') response.end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const transport = transportTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const hanging = new AbortController();
    const givingUp = new AbortController();

    const hung = transport.get('/hang', hanging.signal);
    const dropped = transport.get('/dropped', givingUp.signal);
    const waiting = transport.get('/after', new AbortController().signal);
    while (!arrived.includes('/hang')) await new Promise((resolve) => setTimeout(resolve, 5));
    givingUp.abort(new Error('gave up'));
    expect(await dropped).toMatchObject({ error: { message: 'gave up' }, durationMs: 0 });
    hanging.abort(new Error('no more waiting'));
    expect(await hung).toMatchObject({ error: { message: 'no more waiting' } });
    const after = await waiting;

    expect('response' in after && after.response.status).toBe(200);
    expect(arrived).toEqual(['/hang', '/after']);
    expect(transport.inFlight).toBe(0);
    await transport.close();
  });
});

/** A Confluent client of a server that responds with `handler`. */
async function clientOfServer(handler: Parameters<typeof createServer>[1]): Promise<ConfluentClient> {
  server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return new ConfluentClient({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'key', apiSecret: 'secret' });
}

describe('a list read by the client', () => {
  it("asks for the next page as soon as a page's head names it, before that page's body is in, and once", async () => {
    const arrived: string[] = [];
    let releaseFirst!: () => void;
    const firstReleased = new Promise<void>((resolve) => (releaseFirst = resolve));
    const client = await clientOfServer((request, response) => {
      const token = new URL(request.url ?? '/', 'http://x').searchParams.get('page_token');
      arrived.push(token ?? 'first');
      response.writeHead(200, { 'content-type': 'application/json' });
      if (token === null) {
        // The envelope and enough items for a head, then the rest only once page 2 was asked for.
        response.write(
          `{"api_version":"iam/v2","kind":"UserList","metadata":{"next":"/iam/v2/users?page_token=p2"},"data":[${'{"id":"u-0"},'.repeat(HEAD_BYTES / 12)}`,
        );
        void firstReleased.then(() => response.end('{"id":"u-1"}]}'));
      } else {
        releaseFirst();
        response.end('{"metadata":{},"data":[{"id":"u-2"}]}');
      }
    });

    const users = await client.listUsers();

    expect(users.at(-2)?.id).toBe('u-1');
    expect(users.at(-1)?.id).toBe('u-2');
    expect(arrived).toEqual(['first', 'p2']);
    await client.close();
  });

  it('fails with the page that broke when a page started early fails too, and leaves no failure unhandled', async () => {
    const client = await clientOfServer((request, response) => {
      const token = new URL(request.url ?? '/', 'http://x').searchParams.get('page_token');
      if (token === null) {
        // A head naming page 2, then a body cut short, once page 2 has failed.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(`{"metadata":{"next":"/iam/v2/users?page_token=p2"},"data":[${'{"id":"u-0"},'.repeat(HEAD_BYTES / 12)}`);
        setTimeout(() => response.end('{"id":'), 50);
      } else {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"status":"400","detail":"bad token"}]}');
      }
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(client.listUsers()).rejects.toMatchObject({ kind: 'http', detail: 'the body is not JSON' });
      // Rejections are reported after the microtasks of the turn that left them unhandled.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await client.close();
    }
  });
});
