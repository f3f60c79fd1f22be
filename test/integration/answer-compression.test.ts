import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastFullMonth } from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { startServerOver, startStack, type ServerUnderTest, type Stack } from '../helpers/stack.js';

/** What Apollo Router sends a subgraph. */
const ROUTER_ACCEPT_ENCODING = 'gzip, br, deflate';

interface RawAnswer {
  status: number;
  contentEncoding: string | undefined;
  vary: string | undefined;
  contentLength: number;
  /** The bytes as they came over the socket, not decoded. */
  sent: Buffer;
  /** The answer's JSON text, decoded from `sent`. */
  text: string;
}

/** A POST whose answer is read as sent: undici's request API, unlike fetch, does not decode bodies. */
async function rawAnswer(url: string, body: Record<string, unknown>, acceptEncoding?: string): Promise<RawAnswer> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) },
    body: JSON.stringify(body),
  });
  const sent = Buffer.from(await response.body.arrayBuffer());
  const contentEncoding = response.headers['content-encoding'] as string | undefined;
  const decoded = contentEncoding === 'br' ? brotliDecompressSync(sent) : contentEncoding === 'gzip' ? gunzipSync(sent) : sent;
  return {
    status: response.statusCode,
    contentEncoding,
    vary: response.headers.vary as string | undefined,
    contentLength: Number(response.headers['content-length']),
    sent,
    text: decoded.toString('utf8'),
  };
}

const period = lastFullMonth();
const flagship = { query: FLAGSHIP_DOCUMENT, operationName: FLAGSHIP_OPERATION, variables: { period } };
const small = { query: '{ organization { id } }' };

describe('compressed answers', () => {
  let stack: Stack;
  let uncompressed: ServerUnderTest;
  let identityText: string;
  beforeAll(async () => {
    stack = await startStack({ config: { cache: { kind: 'memory', maxBytes: 200_000_000 } } });
    uncompressed = await startServerOver(stack.simulator, { config: { compression: false } });
    const identity = await rawAnswer(stack.url, flagship);
    identityText = identity.text;
  });
  afterAll(async () => {
    await uncompressed.close();
    await stack.close();
  });

  it('sends a large answer as it is to a client that asks for no encoding, saying it depends on Accept-Encoding', async () => {
    const answer = await rawAnswer(stack.url, flagship);
    expect(answer.contentEncoding).toBeUndefined();
    expect(answer.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(answer.text).errors).toBeUndefined();
    expect(answer.sent.length).toBeGreaterThan(10_000);
  });

  it('sends it as Brotli to what Apollo Router accepts: the same answer in a fraction of the bytes', async () => {
    const answer = await rawAnswer(stack.url, flagship, ROUTER_ACCEPT_ENCODING);
    expect(answer.status).toBe(200);
    expect(answer.contentEncoding).toBe('br');
    expect(answer.vary).toMatch(/accept-encoding/i);
    expect(answer.contentLength).toBe(answer.sent.length);
    expect(answer.sent.length).toBeLessThan(Buffer.byteLength(identityText) / 4);
    expect(answer.text).toBe(identityText);
  });

  it('sends gzip to a client that accepts only gzip, or prefers it', async () => {
    for (const acceptEncoding of ['gzip', 'br;q=0.5, gzip']) {
      const answer = await rawAnswer(stack.url, flagship, acceptEncoding);
      expect(answer.contentEncoding).toBe('gzip');
      expect(answer.text).toBe(identityText);
    }
  });

  it('sends the answer as it is to a client that accepts neither', async () => {
    const answer = await rawAnswer(stack.url, flagship, 'deflate');
    expect(answer.contentEncoding).toBeUndefined();
    expect(answer.text).toBe(identityText);
  });

  it('sends a kept answer, asked for again, as the same compressed bytes', async () => {
    const first = await rawAnswer(stack.url, flagship, ROUTER_ACCEPT_ENCODING);
    stack.simulator.log.clear();
    const again = await rawAnswer(stack.url, flagship, ROUTER_ACCEPT_ENCODING);
    expect(stack.simulator.log.count()).toBe(0);
    expect(again.contentEncoding).toBe('br');
    expect(again.sent.equals(first.sent)).toBe(true);
  });

  it("compresses answers that are not kept too: a refused query's errors", async () => {
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `noSuchFieldNumber${i}`).join(' ')} }`;
    const answer = await rawAnswer(stack.url, { query }, ROUTER_ACCEPT_ENCODING);
    const plain = await rawAnswer(stack.url, { query });
    expect(plain.sent.length).toBeGreaterThanOrEqual(1_024);
    expect(JSON.parse(plain.text).errors).toHaveLength(15);
    expect(answer.status).toBe(plain.status);
    expect(answer.contentEncoding).toBe('br');
    expect(answer.text).toBe(plain.text);
  });

  it('sends an answer under 1 KB as it is: compressing it would save nothing', async () => {
    const answer = await rawAnswer(stack.url, small, ROUTER_ACCEPT_ENCODING);
    expect(answer.contentEncoding).toBeUndefined();
    expect(answer.sent.length).toBeLessThan(1_024);
    expect(JSON.parse(answer.text).data.organization.id).toEqual(expect.any(String));
  });

  it('never compresses with COMPRESSION=off', async () => {
    const answer = await rawAnswer(uncompressed.url, flagship, ROUTER_ACCEPT_ENCODING);
    expect(answer.contentEncoding).toBeUndefined();
    expect(JSON.parse(answer.text).data.workspaces.totalCount).toBe(JSON.parse(identityText).data.workspaces.totalCount);
  });
});
