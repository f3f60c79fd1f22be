// Costs API pages over real HTTP from a server that sends the bodies given here: the lines come
// back reduced to what the graph reads, page after page, and a body that breaks the API's
// contract fails with the route named.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentClient } from '../../src/confluent/client.js';
import { costLineReader } from '../../src/confluent/cost-lines.js';
import { ConfluentError } from '../../src/confluent/errors.js';
import { ROUTES } from '../../src/confluent/routes.js';
import type { Cost } from '../../src/confluent/types.js';

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
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfluentError);
  return error as ConfluentError;
}

describe('cost lines from the Costs API', () => {
  it('come back reduced to the fields the graph reads, page after page in the order sent', async () => {
    const first = [
      cost('c-9', 3),
      cost('c-5', 2, { product: 'SUPPORT', resource: null, quantity: undefined, amount: undefined, discount_amount: 0.05 }),
    ];
    const second = [cost('c-1', 3)];
    pages = { '': envelope(first, 'p2'), p2: envelope(second) };
    const lines = await client().listCosts(window);
    expect(lines.map((line) => line.id)).toEqual(['c-9', 'c-5', 'c-1']);
    expect(lines[0]).toEqual({
      id: 'c-9',
      startDate: '2026-10-03',
      endDate: '2026-10-04',
      product: 'KAFKA',
      lineType: 'KAFKA_STORAGE',
      workspaceId: 'env-1',
      resourceId: 'lkc-1',
      resourceName: 'orders',
      originalMicros: 300_000,
      discountMicros: 0,
      amountMicros: 300_000,
      quantity: 3,
      unit: 'GB',
      price: 0.1,
      granularity: 'DAILY',
      networkAccessType: null,
      description: null,
    });
    // A line without `amount` (support, credits) is original − discount.
    expect(lines[1]).toMatchObject({ product: 'SUPPORT', workspaceId: null, resourceId: null, quantity: null, amountMicros: 150_000 });
    expect(requested).toEqual(['', 'p2']);
  });

  it('are followed when the envelope comes after the items', async () => {
    pages = {
      '': JSON.stringify({ data: [cost('c-1', 1)], metadata: { next: nextLink('p2') } }),
      p2: JSON.stringify({ data: [cost('c-2', 2)], metadata: {} }),
    };
    expect((await client().listCosts(window)).map((line) => line.id)).toEqual(['c-1', 'c-2']);
    expect(requested).toEqual(['', 'p2']);
  });

  it.each([
    ['is not JSON', '{"api_version":"billing/v1","kind":"CostList","metadata":{},"data":[', 'the body is not JSON'],
    ['has no list', '{"api_version":"billing/v1","kind":"CostList","metadata":{},"data":{}}', 'the body is not a list'],
    ['holds a line that is not an object', envelope([cost('c-1', 1), null]), 'a cost line has no id, start_date or end_date'],
    ['holds a line without an id', envelope([{ ...cost('c-1', 1), id: undefined }]), 'a cost line has no id, start_date or end_date'],
    ['has a next link without a page token', JSON.stringify({ data: [], metadata: { next: 7 } }), 'metadata.next has no page_token'],
  ])('fail with the route named when a page %s', async (_, body, problem) => {
    pages = { '': body, p2: envelope([]) };
    const error = await failureOf(client().listCosts(window));
    expect(error).toMatchObject({ kind: 'http', route: ROUTES.costs, detail: problem });
  });
});

describe('a cost line read', () => {
  const read = (overrides: Partial<Cost>) =>
    costLineReader()({ id: 'a', start_date: '2026-10-01 00:00:00', end_date: '2026-10-02', unit: 'GB', original_amount: 1, ...overrides });

  it('holds the types the graph declares, whatever types Confluent sends', () => {
    const odd = { product: 7, unit: 42, description: true, quantity: '2.5', price: 'n/a', granularity: null } as unknown as Partial<Cost>;
    expect(read(odd)).toMatchObject({
      startDate: '2026-10-01',
      product: '7',
      unit: '42',
      description: 'true',
      quantity: 2.5,
      price: null,
      granularity: null,
    });
    const infinite = { quantity: Number.POSITIVE_INFINITY, price: {}, original_amount: 'x' } as unknown as Partial<Cost>;
    expect(read(infinite)).toMatchObject({ quantity: null, price: null, originalMicros: 0, amountMicros: 0 });
  });
});
