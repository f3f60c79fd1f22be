// A thousand bad and hostile requests: none gets a 5xx, a stack trace, a file path or the secret.
// The bad ones get a GraphQL error or a 4xx, all but a few before execution and none at the cost of
// an upstream call; the hostile but well-formed ones may be served. The server answers well after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_REQUESTS, type BadRequest } from '../helpers/bad-requests.js';
import { startStack, type Stack } from '../helpers/stack.js';

const STACK_TRACE = /\bat .+\(.+:\d+:\d+\)/;
const SERVER_PATHS = /\/work\/|node_modules|file:\/\//;

describe('bad requests', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function send(request: BadRequest) {
    stack.simulator.log.clear();
    const response = await fetch(`${stack.url}/graphql${request.search ?? ''}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const text = await response.text();
    return { status: response.status, text, upstreamCalls: stack.simulator.log.count() };
  }

  it('number at least 1,000, each with its own name', () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(1_000);
    expect(new Set(BAD_REQUESTS.map((request) => request.name)).size).toBe(BAD_REQUESTS.length);
  });

  it.each(BAD_REQUESTS.map((request) => [request.name, request] as const))('%s', async (_name, request) => {
    const { status, text, upstreamCalls } = await send(request);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(text).not.toMatch(STACK_TRACE);
    expect(text).not.toMatch(SERVER_PATHS);
    expect(text).not.toContain(stack.simulator.credentials.apiSecret);
    if (request.method === 'HEAD' || request.mayBeServed) return;
    const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) expect(error.extensions?.code).not.toBe('INTERNAL');
    if (!request.executes) expect('data' in body, 'refused before execution').toBe(false);
    expect(upstreamCalls).toBe(0);
  });

  it('answers OPTIONS with the methods GraphQL is served on', async () => {
    const response = await fetch(`${stack.url}/graphql`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('still answers a good query after all of them', async () => {
    const response = await stack.graphql('{ organization { id } }');
    expect(response).toEqual({ status: 200, data: { organization: { id: stack.simulator.data.organization.id } } });
  });
});
