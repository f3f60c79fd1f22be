import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lastFullMonth } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

const FLAGSHIP = `query ($period: DateRangeInput!) { workspaces(first: 100) { nodes { id name
  clusters(first: 100) { totalCount }
  usageSummary(period: $period, groupBy: [PRODUCT]) { product { id } amount }
  roleBindings(first: 100) { totalCount nodes { id principal { id name } } } } } }`;

describe('the shared cache', () => {
  let stack: Stack;
  const period = lastFullMonth();
  beforeAll(async () => {
    stack = await startStack({ config: { cache: { kind: 'memory', maxBytes: 200_000_000 } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.simulator.log.clear());

  it('answers a query warmed by an earlier request with no upstream call, and the same data', async () => {
    const cold = await stack.graphql(FLAGSHIP, { period });
    expect(cold.errors).toBeUndefined();
    expect(stack.simulator.log.count()).toBeGreaterThan(0);
    stack.simulator.log.clear();
    const warm = await stack.graphql(FLAGSHIP, { period });
    expect(warm).toEqual(cold);
    expect(stack.simulator.log.count()).toBe(0);
  });

  it('answers a different query over data an earlier request read with no upstream call', async () => {
    const other = await stack.graphql(
      `{ workspaces(first: 50) { nodes { id clusters(first: 10) { totalCount } roleBindings(first: 3) { totalCount } } } }`,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data.workspaces.nodes).toHaveLength(stack.simulator.data.environments.length);
    expect(stack.simulator.log.count()).toBe(0);
  });

  it('never keeps an answer with errors', async () => {
    stack.simulator.faults.serverErrors({ route: 'GET /billing/v1/costs', times: 100, status: 500 });
    try {
      // A period no other test reads.
      const query = `query ($period: DateRangeInput!) { usageSummary(period: $period) { lineItemCount } }`;
      const period = { start: lastFullMonth().start, end: lastFullMonth().start.replace(/-01$/, '-04') };
      const failed = await stack.graphql(query, { period });
      expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      stack.simulator.faults.clear();
      const answered = await stack.graphql(query, { period });
      expect(answered.errors).toBeUndefined();
      expect(answered.data.usageSummary[0].lineItemCount).toBeGreaterThan(0);
    } finally {
      stack.simulator.faults.clear();
    }
  });

  it('makes identical calls of concurrent requests once', async () => {
    stack.simulator.faults.latency(100);
    try {
      // Invitations: a list no earlier test has read, so nothing of it is cached yet.
      const query = `{ users(first: 5, filter: { status: INVITED }) { totalCount } }`;
      const [a, b, c] = await Promise.all([stack.graphql(query), stack.graphql(query), stack.graphql(query)]);
      expect(a.data.users.totalCount).toBeGreaterThan(0);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(stack.simulator.log.count('GET /iam/v2/invitations')).toBe(1);
    } finally {
      stack.simulator.faults.clear();
    }
  });

  it('reports itself in /readyz', async () => {
    expect(await (await fetch(`${stack.url}/readyz`)).json()).toEqual({ status: 'ready', cache: 'available' });
  });
});
