import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastFullMonth } from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { startServerOver, startStack, type ServerUnderTest, type Stack } from '../helpers/stack.js';

/** What Apollo Router sends a subgraph. */
const ROUTER_ACCEPT_ENCODING = 'gzip, br, deflate';

interface RawResponse {
  status: number;
  contentEncoding: string | undefined;
  vary: string | undefined;
  contentLength: number;
  /** The bytes as they came over the socket, not decoded. */
  sent: Buffer;
  /** The response's JSON text, decoded from `sent`. */
  text: string;
}

/** A POST whose response is read as sent: undici's request API, unlike fetch, does not decode bodies. */
async function rawResponse(url: string, body: Record<string, unknown>, acceptEncoding?: string): Promise<RawResponse> {
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

describe('compressed responses', () => {
  let stack: Stack;
  let uncompressed: ServerUnderTest;
  let identityText: string;
  beforeAll(async () => {
    stack = await startStack();
    uncompressed = await startServerOver(stack.simulator, { config: { compression: false } });
    const identity = await rawResponse(stack.url, flagship);
    identityText = identity.text;
  });
  afterAll(async () => {
    await uncompressed.close();
    await stack.close();
  });

  it('sends a large response as it is to a client that asks for no encoding, saying it depends on Accept-Encoding', async () => {
    const response = await rawResponse(stack.url, flagship);
    expect(response.contentEncoding).toBeUndefined();
    expect(response.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(response.text).errors).toBeUndefined();
    expect(response.sent.length).toBeGreaterThan(10_000);
  });

  it('sends it as Brotli to what Apollo Router accepts: the same response in a fraction of the bytes', async () => {
    const response = await rawResponse(stack.url, flagship, ROUTER_ACCEPT_ENCODING);
    expect(response.status).toBe(200);
    expect(response.contentEncoding).toBe('br');
    expect(response.vary).toMatch(/accept-encoding/i);
    expect(response.sent.length).toBeLessThan(Buffer.byteLength(identityText) / 4);
    expect(response.text).toBe(identityText);
  });

  it('sends gzip to a client that accepts only gzip, or prefers it', async () => {
    for (const acceptEncoding of ['gzip', 'br;q=0.5, gzip']) {
      const response = await rawResponse(stack.url, flagship, acceptEncoding);
      expect(response.contentEncoding).toBe('gzip');
      expect(response.text).toBe(identityText);
    }
  });

  it('sends the response as it is to a client that accepts only identity', async () => {
    const response = await rawResponse(stack.url, flagship, 'identity');
    expect(response.contentEncoding).toBeUndefined();
    expect(response.text).toBe(identityText);
  });

  it("compresses errors too: a refused query's", async () => {
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `noSuchFieldNumber${i}`).join(' ')} }`;
    const response = await rawResponse(stack.url, { query }, ROUTER_ACCEPT_ENCODING);
    const plain = await rawResponse(stack.url, { query });
    expect(plain.sent.length).toBeGreaterThanOrEqual(1_024);
    expect(JSON.parse(plain.text).errors).toHaveLength(15);
    expect(response.status).toBe(plain.status);
    expect(response.contentEncoding).toBe('br');
    expect(response.text).toBe(plain.text);
  });

  it('sends a response under 1 KB as it is: compressing it would save nothing', async () => {
    const response = await rawResponse(stack.url, small, ROUTER_ACCEPT_ENCODING);
    expect(response.contentEncoding).toBeUndefined();
    expect(response.sent.length).toBeLessThan(1_024);
    expect(JSON.parse(response.text).data.organization.id).toEqual(expect.any(String));
  });

  it('never compresses with COMPRESSION=off', async () => {
    const response = await rawResponse(uncompressed.url, flagship, ROUTER_ACCEPT_ENCODING);
    expect(response.contentEncoding).toBeUndefined();
    expect(JSON.parse(response.text).data.workspaces.totalCount).toBe(JSON.parse(identityText).data.workspaces.totalCount);
  });
});
