// Costs API pages read in the worker thread, over real HTTP from a server that sends the bodies
// given here: the lines come back as the graph reads them and in order, the next page is known
// from the head of a page, and a body that breaks the API's contract fails with the route named.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentClient } from '../../src/confluent/client.js';
import { ConfluentError } from '../../src/confluent/errors.js';
import { ROUTES } from '../../src/confluent/routes.js';
import type { Cost } from '../../src/confluent/types.js';
import { costPageReader, MAX_PAGES_WAITING } from '../../src/usage/cost-page-reader.js';
import { byDateThenId, usageLineOf } from '../../src/usage/usage-line.js';
import { linesOfTable } from '../helpers/usage-lines.js';

/** Page bodies by page token ('' for the first page). */
let pages: Record<string, string> = {};
const requested: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const token = new URL(request.url ?? '/', 'http://x').searchParams.get('page_token') ?? '';
    requested.push(token);
    response.writeHead(200, { 'content-type': 'application/json' }).end(pages[token] ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  pages = {};
  requested.length = 0;
});

const client = () => new ConfluentClient({ apiUrl: url, apiKey: 'KEY', apiSecret: 'secret', retry: { maxAttempts: 1 } });
const window = { startDate: '2026-10-01', endDate: '2026-10-31' };

function cost(id: string, day: number, overrides: Partial<Cost> = {}): Cost {
  const date = (d: number) => `2026-10-${String(d).padStart(2, '0')}`;
  return {
    api_version: 'billing/v1',
    kind: 'Cost',
    id,
    start_date: date(day),
    end_date: date(day + 1),
    granularity: 'DAILY',
    product: 'KAFKA',
    line_type: 'KAFKA_STORAGE',
    unit: 'GB',
    quantity: day,
    price: 0.1,
    original_amount: day / 10,
    discount_amount: 0,
    amount: day / 10,
    resource: { id: 'lkc-1', display_name: 'orders', environment: { id: 'env-1' } },
    ...overrides,
  };
}

const nextLink = (token: string) => `${url}/billing/v1/costs?start_date=2026-10-01&end_date=2026-10-31&page_size=10000&page_token=${token}`;
const envelope = (data: unknown, next?: string) =>
  JSON.stringify({ api_version: 'billing/v1', kind: 'CostList', metadata: next ? { next: nextLink(next) } : {}, data });

async function failureOf(promise: Promise<unknown>): Promise<ConfluentError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfluentError);
  return error as ConfluentError;
}

describe('cost pages', () => {
  it('come back as usage lines, page after page, each page by day and then id', async () => {
    const first = [cost('c-9', 3), cost('c-2', 1), cost('c-5', 2, { product: 'SUPPORT', resource: null, quantity: undefined })];
    const second = [cost('c-1', 3), cost('c-3', 1)];
    pages = { '': envelope(first, 'p2'), p2: envelope(second) };
    const lines = linesOfTable(await client().listCosts(window));
    expect(lines).toEqual([...first.map(usageLineOf).sort(byDateThenId), ...second.map(usageLineOf).sort(byDateThenId)]);
    expect(lines.map((line) => line.id)).toEqual(['c-2', 'c-5', 'c-9', 'c-3', 'c-1']);
    expect(requested).toEqual(['', 'p2']);
  });

  it('are followed when the envelope comes after the items, once the page is parsed', async () => {
    pages = {
      '': JSON.stringify({ data: [cost('c-1', 1)], metadata: { next: nextLink('p2') } }),
      p2: JSON.stringify({ data: [cost('c-2', 2)], metadata: {} }),
    };
    expect(linesOfTable(await client().listCosts(window)).map((line) => line.id)).toEqual(['c-1', 'c-2']);
    expect(requested).toEqual(['', 'p2']);
  });

  it('name their next page before their lines are read, when the head of the body shows it', async () => {
    const unexpected = (problem: string) => new ConfluentError(problem, { kind: 'http', route: ROUTES.costs });
    const page = costPageReader.read(Buffer.from(envelope([cost('c-1', 1)], 'p2')), unexpected);
    expect(page).not.toBeInstanceOf(Promise);
    const { metadata, data } = page as Awaited<typeof page>;
    expect(metadata?.next).toBe(nextLink('p2'));
    expect(data).toBeInstanceOf(Promise);
    expect((await data).flatMap(linesOfTable).map((line) => line.id)).toEqual(['c-1']);
  });

  it('are read in full however many come at once, those past the worker queue on the main thread', async () => {
    const unexpected = (problem: string) => new ConfluentError(problem, { kind: 'http', route: ROUTES.costs });
    const bodies = Array.from({ length: MAX_PAGES_WAITING * 3 }, (_, page) =>
      envelope([cost(`c-${page}-b`, 2), cost(`c-${page}-a`, 1)], page % 2 ? `p${page + 1}` : undefined),
    );
    const pages = await Promise.all(bodies.map(async (body) => {
      const page = await costPageReader.read(Buffer.from(body), unexpected);
      return { next: page.metadata?.next, ids: (await page.data).flatMap(linesOfTable).map((line) => line.id) };
    }));
    expect(pages).toEqual(bodies.map((_, page) => ({ next: page % 2 ? nextLink(`p${page + 1}`) : null, ids: [`c-${page}-a`, `c-${page}-b`] })));
  });

  it.each([
    ['is not JSON', '{"api_version":"billing/v1","kind":"CostList","metadata":{},"data":[', 'the body is not JSON'],
    ['has no list', '{"api_version":"billing/v1","kind":"CostList","metadata":{},"data":{}}', 'the body is not a list'],
    ['holds a line that is not an object', envelope([cost('c-1', 1), null]), 'a cost line is not an object'],
    ['has a next link that is not a link', JSON.stringify({ data: [], metadata: { next: 7 } }), 'metadata.next is not a link'],
    [
      'says two things about its next page',
      `{"api_version":"billing/v1","kind":"CostList","metadata":{"next":${JSON.stringify(nextLink('p2'))}},"data":[],"metadata":{}}`,
      'metadata.next differs from the one at the head of the body',
    ],
  ])('fail with the route named when a page %s', async (_, body, problem) => {
    pages = { '': body, p2: envelope([]) };
    const error = await failureOf(client().listCosts(window));
    expect(error).toMatchObject({ kind: 'http', route: ROUTES.costs, status: 200, detail: problem });
  });
});
