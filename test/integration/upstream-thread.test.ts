// Calls go on the wire from the upstream thread, so a busy event loop does not hold them up: a
// slot that frees goes to the next call, and a list's next page starts from the head of the page
// before, while the event loop is still busy. The upstream server here runs in a worker thread of
// its own, so that it answers while this test blocks the event loop.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from '../../src/confluent/http.js';
import { nextPageTemplate } from '../../src/confluent/next-page.js';
import { BODY_BUDGET_BYTES, PAGES_AHEAD } from '../../src/confluent/upstream-worker.js';
import { pathOf, ROUTES } from '../../src/confluent/routes.js';

/**
 * Answers every GET after `delayMs` (never, for paths with `hang` in them). Lists carry a
 * `metadata.next` up to page 3 (users) or 10 (service accounts). Tells its parent, when asked, when
 * each path arrived (epoch ms).
 */
const SERVER = `
  const { createServer } = require('node:http');
  const { parentPort, workerData } = require('node:worker_threads');
  const arrivals = [];
  const server = createServer((request, response) => {
    arrivals.push({ path: request.url, at: performance.timeOrigin + performance.now() });
    if (request.url.includes('hang')) return;
    if (request.url.startsWith('/large')) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end(Buffer.alloc(16 * 1024 * 1024, 120));
    }
    const { pathname, searchParams } = new URL(request.url, 'http://x');
    const page = Number(searchParams.get('page_token') ?? 1);
    const pages = pathname === '/iam/v2/service-accounts' ? 10 : 3;
    const next = page < pages ? pathname + '?page_size=100&page_token=' + (page + 1) : null;
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ api_version: 'iam/v2', kind: 'UserList', metadata: { next }, data: [{ id: 'u-' + page }] }));
    }, workerData.delayMs);
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', () => parentPort.postMessage({ arrivals }));
`;

let server: Worker | undefined;

afterEach(async () => {
  await server?.terminate();
  server = undefined;
});

async function upstreamServer(delayMs: number) {
  server = new Worker(SERVER, { eval: true, workerData: { delayMs } });
  const [{ port }] = (await once(server, 'message')) as [{ port: number }];
  const worker = server;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    async arrivals(): Promise<Array<{ path: string; at: number }>> {
      worker.postMessage('arrivals');
      const [reply] = (await once(worker, 'message')) as [{ arrivals: Array<{ path: string; at: number }> }];
      return reply.arrivals;
    },
  };
}

/** A transport whose thread is up and connected, so the test times only the calls it makes. */
async function transportTo(apiUrl: string, connections: number): Promise<HttpTransport> {
  const timeouts = { connectMs: 1_000, headersMs: 5_000, bodyMs: 5_000 };
  const transport = new HttpTransport({ apiUrl, apiKey: 'key', apiSecret: 'secret', userAgent: 'test', connections, timeouts });
  await transport.get('/warm-up', new AbortController().signal);
  return transport;
}

const pathsOf = (arrivals: Array<{ path: string }>) => arrivals.map((arrival) => arrival.path).filter((path) => path !== '/warm-up');

/** Keeps the event loop busy, as a long answer or a garbage collection does; returns when it is free again. */
function blockEventLoop(ms: number): number {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
  return performance.timeOrigin + performance.now();
}

describe('the upstream thread', () => {
  it('gives a freed slot to the next waiting call while the event loop is busy', async () => {
    const upstream = await upstreamServer(20);
    const transport = await transportTo(upstream.apiUrl, 1);
    const signal = new AbortController().signal;

    const calls = Promise.all([transport.get('/first', signal), transport.get('/second', signal)]);
    const freeAgainAt = blockEventLoop(600);
    const outcomes = await calls;

    expect(outcomes.map((outcome) => 'response' in outcome && outcome.response.status)).toEqual([200, 200]);
    const arrivals = (await upstream.arrivals()).slice(1);
    expect(pathsOf(arrivals)).toEqual(['/first', '/second']);
    // One at a time, and the second before the event loop could have started it.
    expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(20);
    expect(arrivals[1]!.at).toBeLessThan(freeAgainAt);
    await transport.close();
  });

  it('starts the next page of a list from the head of the page before while the event loop is busy, and once only', async () => {
    const upstream = await upstreamServer(20);
    const transport = await transportTo(upstream.apiUrl, 1);
    const signal = new AbortController().signal;
    const pagePath = (pageToken?: string) => pathOf(ROUTES.users, { query: { page_size: 100, page_token: pageToken } });
    const nextPage = nextPageTemplate(ROUTES.users, { query: { page_size: 100, page_token: undefined } });

    const first = transport.get(pagePath(), signal, { nextPage });
    const freeAgainAt = blockEventLoop(600);
    await first;
    // Pages 2 and 3 were started ahead, and are now asked for.
    const second = await transport.get(pagePath('2'), signal, { nextPage, turn: 'first' });
    const third = await transport.get(pagePath('3'), signal, { nextPage, turn: 'first' });

    const bodies = [second, third].map((outcome) => 'response' in outcome && JSON.parse(outcome.response.body.toString()).data[0].id);
    expect(bodies).toEqual(['u-2', 'u-3']);
    const arrivals = (await upstream.arrivals()).slice(1);
    expect(pathsOf(arrivals)).toEqual([pagePath(), pagePath('2'), pagePath('3')]);
    expect(arrivals[2]!.at).toBeLessThan(freeAgainAt);
    await transport.close();
  });

  it('drops a call whose caller gives up while it waits for a slot, and keeps the slot for the next', async () => {
    const upstream = await upstreamServer(20);
    const transport = await transportTo(upstream.apiUrl, 1);
    const hanging = new AbortController();
    const givingUp = new AbortController();

    const hung = transport.get('/hang', hanging.signal);
    const dropped = transport.get('/dropped', givingUp.signal);
    const waiting = transport.get('/after', new AbortController().signal);
    while (!(await upstream.arrivals()).some((arrival) => arrival.path === '/hang')) await new Promise((resolve) => setTimeout(resolve, 10));
    givingUp.abort(new Error('gave up'));
    expect(await dropped).toMatchObject({ error: { message: 'gave up' }, durationMs: 0 });
    hanging.abort(new Error('no more waiting'));
    expect(await hung).toMatchObject({ error: { message: 'no more waiting' } });
    const after = await waiting;

    expect('response' in after && after.response.status).toBe(200);
    expect(pathsOf(await upstream.arrivals())).toEqual(['/hang', '/after']);
    expect(transport.inFlight).toBe(0);
    await transport.close();
  });

  it('starts no call while the bodies the event loop has not taken pass the budget', async () => {
    const upstream = await upstreamServer(0);
    const transport = await transportTo(upstream.apiUrl, 4);
    const signal = new AbortController().signal;
    const bodyBytes = 16 * 1024 * 1024;
    // Calls that start while the bodies sent and not taken are within the budget: 4, then one as each ends.
    const fitting = 4 + Math.floor(BODY_BUDGET_BYTES / bodyBytes);

    const calls = Promise.all(Array.from({ length: fitting + 4 }, (_, index) => transport.get(`/large/${index}`, signal)));
    const freeAgainAt = blockEventLoop(1_500);
    const arrivedMeanwhile = pathsOf((await upstream.arrivals()).filter((arrival) => arrival.at < freeAgainAt));
    const outcomes = await calls;

    expect(arrivedMeanwhile).toHaveLength(fitting);
    expect(outcomes.every((outcome) => 'response' in outcome && outcome.response.body.byteLength === bodyBytes)).toBe(true);
    await transport.close();
  });

  it('starts a few pages ahead of the last one asked for, not the rest of the list', async () => {
    const upstream = await upstreamServer(0);
    const transport = await transportTo(upstream.apiUrl, 1);
    const pagePath = (pageToken?: string) => pathOf(ROUTES.serviceAccounts, { query: { page_size: 100, page_token: pageToken } });
    const nextPage = nextPageTemplate(ROUTES.serviceAccounts, { query: { page_size: 100, page_token: undefined } });

    await transport.get(pagePath(), new AbortController().signal, { nextPage });
    // Time enough to read all ten pages, were they started.
    blockEventLoop(600);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const pagesStarted = Array.from({ length: 1 + PAGES_AHEAD }, (_, index) => pagePath(index === 0 ? undefined : String(index + 1)));
    expect(pathsOf(await upstream.arrivals())).toEqual(pagesStarted);
    await transport.close();
  });

  it('reads a body in full when the look at its head throws', async () => {
    const upstream = await upstreamServer(0);
    const transport = await transportTo(upstream.apiUrl, 1);
    const onHead = () => {
      throw new Error('the hook failed');
    };

    const outcome = await transport.get('/iam/v2/users?page_size=100', new AbortController().signal, { onHead });

    expect('response' in outcome && JSON.parse(outcome.response.body.toString()).data).toEqual([{ id: 'u-1' }]);
    await transport.close();
  });
});
