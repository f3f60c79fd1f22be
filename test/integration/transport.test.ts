import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from '../../src/confluent/http.js';
import { HEAD_BYTES } from '../../src/confluent/list-head.js';

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
    let headSeen!: (head: Buffer) => void;
    const seen = new Promise<Buffer>((resolve) => (headSeen = resolve));
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
});
