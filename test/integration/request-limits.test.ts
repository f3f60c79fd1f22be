// Every request limit refuses an over-limit operation as a whole, with a clear error and code, before
// any upstream call, while an operation right at the limit still runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  ENTITIES,
  FIVE_WORKSPACE_LISTS,
  aliasedIds,
  directives,
  queryOfDepth,
  roleRepresentations,
  rootFields,
  tokens,
} from '../helpers/limit-queries.js';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

type Answer = GraphQLResponse & { upstreamCalls: number };

/** Sends a query and returns its answer with the number of upstream calls it cost. */
async function send(stack: Stack, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  stack.simulator.log.clear();
  const response = await stack.graphql(query, variables);
  return { ...response, upstreamCalls: stack.simulator.log.count() };
}

function expectRefused(response: Answer, limit: string, message: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.message).toMatch(message);
  expect(response.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit });
  expect(response.upstreamCalls).toBe(0);
}

function expectAnswered(response: Answer): void {
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.data).toBeTruthy();
}

describe('request limits, at their defaults', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('has the documented defaults', () => {
    expect(loadConfig({}).limits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxRootFields: 20,
      maxDirectives: 50,
      maxTokens: 5_000,
      maxConnectionCost: 50_000,
      maxEntityRepresentations: 500,
      maxCostWindows: 24,
    });
  });

  it('answers 12 levels of depth and refuses 13', async () => {
    expectAnswered(await send(stack, queryOfDepth(12)));
    expectRefused(await send(stack, queryOfDepth(13)), 'depth', /^Query depth limit of 12 exceeded, found 13\.$/);
  });

  it('counts depth through fragments by the fields they nest, not by the spreads', async () => {
    const thirteenLevels = queryOfDepth(13).replace(
      /^\{ organization \{ (.*) \} \}$/,
      '{ ...Q } fragment Q on Query { organization { ...O } } fragment O on Organization { $1 }',
    );
    expectRefused(await send(stack, thirteenLevels), 'depth', /found 13\./);
    const twelveLevels = queryOfDepth(12).replace(
      /^\{ organization \{ (.*) \} \}$/,
      '{ ...Q } fragment Q on Query { organization { ...O } } fragment O on Organization { $1 }',
    );
    expectAnswered(await send(stack, twelveLevels));
  });

  it('answers 30 aliases and refuses 31', async () => {
    expectAnswered(await send(stack, aliasedIds(30)));
    expectRefused(await send(stack, aliasedIds(31)), 'aliases', /^Aliases limit of 30 exceeded, found 31\.$/);
  });

  it('answers 20 root fields and refuses 21, counting those a fragment brings', async () => {
    expectAnswered(await send(stack, rootFields(20)));
    expectRefused(await send(stack, rootFields(21)), 'rootFields', /^Root fields limit of 20 exceeded, found 21\.$/);
    const viaFragment = `{ extra: organization { id } ...More } fragment More on Query ${rootFields(20)}`;
    expectRefused(await send(stack, viaFragment), 'rootFields', /found 21\./);
  });

  it('answers 50 directives and refuses 51', async () => {
    expectAnswered(await send(stack, directives(50)));
    expectRefused(await send(stack, directives(51)), 'directives', /^Directives limit of 50 exceeded, found 51\.$/);
  });

  it('answers a document of 5000 tokens and refuses one of 5001 while parsing it', async () => {
    expectAnswered(await send(stack, tokens(5_000)));
    const response = await send(stack, tokens(5_001));
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/more that 5000 tokens/);
    expect(response.upstreamCalls).toBe(0);
  });

  it('answers a connection cost of 50,000 and refuses 50,500, reading first from the variables', async () => {
    expectAnswered(await send(stack, FIVE_WORKSPACE_LISTS, { first: 99 }));
    expectRefused(
      await send(stack, FIVE_WORKSPACE_LISTS, { first: 100 }),
      'connectionCost',
      /^Connection cost limit of 50000 exceeded, found 50500: ask for smaller pages/,
    );
  });

  it('answers 500 entity representations and refuses 501', async () => {
    const answered = await send(stack, ENTITIES, { representations: roleRepresentations(500) });
    expectAnswered(answered);
    expect(answered.data._entities).toHaveLength(500);
    expectRefused(
      await send(stack, ENTITIES, { representations: roleRepresentations(501) }),
      'entityRepresentations',
      /^Entity representations limit of 500 exceeded, found 501\.$/,
    );
  });

  it('refuses a batch (an array body) with 400 BAD_REQUEST: one operation per request', async () => {
    stack.simulator.log.clear();
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ organization { id } }' }, { query: '{ organization { name } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(stack.simulator.log.count()).toBe(0);
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413', async () => {
    const query = `{ organization { id } } # ${'x'.repeat(1_000_000)}`;
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('request limits, configured', () => {
  let stack: Stack;
  beforeAll(async () => {
    const { limits } = loadConfig({ MAX_QUERY_DEPTH: '4', MAX_CONNECTION_COST: '10', MAX_ENTITY_REPRESENTATIONS: '2' });
    stack = await startStack({ config: { limits } });
  });
  afterAll(() => stack.close());

  it('refuses a limit that is not a positive integer, naming its variable', () => {
    for (const [variable, value] of [
      ['MAX_QUERY_DEPTH', '0'],
      ['MAX_CONNECTION_COST', 'lots'],
      ['MAX_TOKENS', '1.5'],
    ]) {
      expect(() => loadConfig({ [variable!]: value })).toThrow(new RegExp(`^${variable}:`));
    }
  });

  it('applies the limits from the environment', async () => {
    expectAnswered(await send(stack, queryOfDepth(4)));
    expectRefused(await send(stack, queryOfDepth(5)), 'depth', /limit of 4 exceeded/);
    expectAnswered(await send(stack, '{ users(first: 10) { totalCount } }'));
    expectRefused(await send(stack, '{ users(first: 11) { totalCount } }'), 'connectionCost', /limit of 10 exceeded, found 11:/);
    expectRefused(await send(stack, '{ users { totalCount } }'), 'connectionCost', /found 20:/);
    expectRefused(await send(stack, ENTITIES, { representations: roleRepresentations(3) }), 'entityRepresentations', /limit of 2 exceeded/);
  });
});

describe('the cost windows limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  /** `count` aliases of a year-long summary each, every one a day apart: 12 windows each, none shared. */
  const years = (count: number) =>
    `{ ${Array.from({ length: count }, (_, index) => `y${index}: usageSummary(period: { start: "${day(-364 + index)}", end: "${day(-1 + index - count)}" }) { amount }`).join(' ')} }`;

  it('refuses twenty one-year periods before any call to the billing API', async () => {
    expectRefused(await send(stack, years(20)), 'costWindows', /^Cost windows limit of 24 exceeded, found \d+/);
  });

  it('counts a window shared by several fields once, and runs up to the limit', async () => {
    const month = `{ start: "${day(-40)}", end: "${day(-10)}" }`;
    const shared = `{ a: usageSummary(period: ${month}) { amount } b: usage(period: ${month}, first: 1) { totalCount } c: products(period: ${month}) { totalCount } }`;
    const response = await send(stack, shared);
    expectAnswered(response);
    expect(stack.simulator.log.count('GET /billing/v1/costs')).toBeGreaterThan(0);
    expectAnswered(await send(stack, years(2)));
  });

  it.each(['RESOURCE, DAY, LINE_TYPE', 'DAY, RESOURCE'])(
    'refuses a summary with more groups than it may return, on that field alone: a year by %s',
    async (groupBy) => {
      const query = `{ usageSummary(period: { start: "${day(-364)}", end: "${day(0)}" }, groupBy: [${groupBy}]) { amount } organization { id } }`;
      const response = await send(stack, query);
      expect(response.data?.organization).toBeTruthy();
      expect(response.data?.usageSummary).toBeNull();
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'summaryGroups' });
    },
  );

  it('answers a year by week, month and resource: weeks and months make few groups', async () => {
    const query = `{ usageSummary(period: { start: "${day(-364)}", end: "${day(0)}" }, groupBy: [WEEK, MONTH, RESOURCE]) { cost { amount } } }`;
    expectAnswered(await send(stack, query));
  });
});
