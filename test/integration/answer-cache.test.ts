import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { lastFullMonth } from '../helpers/expected.js';
import { scrape, valueOf } from '../helpers/prometheus.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** The raw text of an answer, to compare answers byte for byte. */
async function answerText(stack: Stack, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('whole answers', () => {
  let stack: Stack;
  const period = lastFullMonth();
  beforeAll(async () => {
    stack = await startStack({ config: { cache: { kind: 'memory', maxBytes: 200_000_000 } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.simulator.log.clear());

  /** How the cache counts change while `send` runs. */
  async function cacheCountsDuring(send: () => Promise<unknown>) {
    const before = await scrape(stack.url);
    await send();
    const after = await scrape(stack.url);
    return (resource: string, result: 'hit' | 'miss') =>
      valueOf(after, 'cache_requests_total', { resource, result }) - valueOf(before, 'cache_requests_total', { resource, result });
  }

  it('answers the same query again with the same bytes, reading neither Confluent nor its cached data', async () => {
    const first = await answerText(stack, { query: FLAGSHIP_DOCUMENT, operationName: FLAGSHIP_OPERATION, variables: { period } });
    expect(JSON.parse(first).errors).toBeUndefined();
    stack.simulator.log.clear();
    let again = '';
    const counted = await cacheCountsDuring(async () => {
      again = await answerText(stack, { query: FLAGSHIP_DOCUMENT, operationName: FLAGSHIP_OPERATION, variables: { period } });
    });
    expect(again).toBe(first);
    expect(counted('responses', 'hit')).toBe(1);
    // Not executed: no loader asked the shared cache for environments, bindings or costs.
    for (const resource of ['environments', 'role-bindings', 'costs']) {
      expect(counted(resource, 'hit') + counted(resource, 'miss')).toBe(0);
    }
    expect(stack.simulator.log.count()).toBe(0);
  });

  it('keeps answers apart by variables and by operation name', async () => {
    const document = `query Few { workspaces(first: 1) { nodes { id } } } query Many { workspaces(first: 3) { nodes { id } } }`;
    const few = await stack.graphqlDocument(document, 'Few');
    const many = await stack.graphqlDocument(document, 'Many');
    expect(few.data.workspaces.nodes).toHaveLength(1);
    expect(many.data.workspaces.nodes).toHaveLength(3);

    const shortPeriod = { start: period.start, end: period.start.replace(/-01$/, '-02') };
    const query = `query ($period: DateRangeInput!) { usageSummary(period: $period) { lineItemCount } }`;
    const month = await stack.graphql(query, { period });
    const day = await stack.graphql(query, { period: shortPeriod });
    expect(day.data.usageSummary[0].lineItemCount).toBeLessThan(month.data.usageSummary[0].lineItemCount);
  });

  it('sends a kept answer as compact JSON with the content type of any other', async () => {
    const query = '{ organization { id name } }';
    const response = async () =>
      fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const first = await response();
    const second = await response();
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    const text = await second.text();
    expect(text).toBe(await first.text());
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
  });

  it('sends an error answered instead of a kept answer as that error', async () => {
    const query = '{ workspaces(first: 2) { nodes { id name } } }';
    const kept = await answerText(stack, { query });
    // Apollo refuses an Accept header without JSON after the operation ran (here: from the cache).
    const refused = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      body: JSON.stringify({ query }),
    });
    expect(refused.status).toBe(406);
    const text = await refused.text();
    expect(text).not.toBe(kept);
    expect(JSON.parse(text).errors[0].message).toMatch(/accept/i);
  });

  it('answers a router asking for a federated trace with a trace of its own execution, never a kept answer', async () => {
    const query = '{ workspaces(first: 3) { nodes { id name } } }';
    const traced = () =>
      fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
        body: JSON.stringify({ query }),
      }).then((response) => response.json() as Promise<{ data: unknown; extensions?: { ftv1?: unknown } }>);
    const first = await traced();
    expect(typeof first.extensions?.ftv1).toBe('string');
    const kept = JSON.parse(await answerText(stack, { query }));
    expect(kept).toEqual({ data: first.data });
    // Kept now, yet a traced request is executed again and traced.
    const again = await traced();
    expect(typeof again.extensions?.ftv1).toBe('string');
    expect(again.data).toEqual(first.data);
  });
});
