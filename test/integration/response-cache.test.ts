// Whole responses kept in the shared cache: the same query again is answered without executing it,
// and never past the time the Confluent data it was built from stay fresh, counted from when that
// data was read (the server runs in this process, so moving Date.now moves its clock).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TTL_SECONDS } from '../../src/cache/ttl.js';
import { scrape, valueOf } from '../helpers/prometheus.js';
import { startStack, type Stack } from '../helpers/stack.js';

const WORKSPACES = 'query Workspaces { workspaces(first: 5) { totalCount nodes { id name } } }';
const ENVIRONMENTS_TTL_MS = TTL_SECONDS.environments * 1000;

describe('kept responses', () => {
  let stack: Stack;
  let now: number;
  let day = 0;
  beforeAll(async () => {
    stack = await startStack({ config: { cache: { kind: 'memory', maxBytes: 50_000_000 } } });
  });
  beforeEach(() => {
    // Each test starts a day later, past anything an earlier one kept.
    day += 1;
    now = Date.now() + 86_400_000 * day;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    stack.simulator.log.clear();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => stack.close());

  it('answers the same query again with the same response and no upstream call', async () => {
    const first = await stack.graphql(WORKSPACES);
    const calls = stack.simulator.log.count();
    const again = await stack.graphql(WORKSPACES);
    expect(calls).toBeGreaterThan(0);
    expect(stack.simulator.log.count()).toBe(calls);
    expect(again).toEqual(first);
    const metrics = await scrape(stack.metricsUrl);
    expect(valueOf(metrics, 'cache_requests_total', { resource: 'responses', result: 'hit' })).toBeGreaterThanOrEqual(1);
  });

  it('keeps responses apart by variables and by operation name', async () => {
    const query = 'query A($first: Int!) { workspaces(first: $first) { nodes { id } } } query B { organization { id } }';
    const one = await stack.graphqlDocument(query, 'A', { first: 1 });
    const two = await stack.graphqlDocument(query, 'A', { first: 2 });
    const org = await stack.graphqlDocument(query, 'B');
    expect(one.data.workspaces.nodes).toHaveLength(1);
    expect(two.data.workspaces.nodes).toHaveLength(2);
    expect(org.data.organization.id).toBe(stack.simulator.data.organization.id);
  });

  it('keeps no response with errors', async () => {
    const environment = stack.simulator.data.environments[0]! as unknown as { id: string; metadata: Record<string, unknown> };
    const createdAt = environment.metadata.created_at;
    const query = `{ workspace(id: "${environment.id}") { id createdAt } }`;
    environment.metadata.created_at = 'not a date';
    const failed = await stack.graphql(query);
    environment.metadata.created_at = createdAt;
    expect(failed.errors).toBeDefined();
    // Read anew (the environments are cached, so only a minute on, once they have expired).
    now += ENVIRONMENTS_TTL_MS + 1_000;
    const again = await stack.graphql(query);
    expect(again.errors).toBeUndefined();
    expect(again.data.workspace.createdAt).toBe(createdAt);
  });

  it('is no older than the data it was built from, counted from when that data was read', async () => {
    // The environments are read now and kept for their TTL.
    await stack.graphql('{ workspaces(first: 1) { totalCount } }');
    // Later, another query is built from those cached environments and kept.
    now += ENVIRONMENTS_TTL_MS - 20_000;
    const kept = await stack.graphql(WORKSPACES);
    const callsWhenKept = stack.simulator.log.count();
    // Until the environments' own expiry, it is served as kept.
    now += 19_000;
    expect(await stack.graphql(WORKSPACES)).toEqual(kept);
    expect(stack.simulator.log.count()).toBe(callsWhenKept);
    // Past it, though kept only 20 s ago, it is built again from data read again.
    now += 2_000;
    await stack.graphql(WORKSPACES);
    expect(stack.simulator.log.count('GET /org/v2/environments')).toBe(2);
  });

  it('is not kept for a router that asks for a trace of its execution', async () => {
    const traced = () =>
      fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
        body: JSON.stringify({ query: WORKSPACES }),
      }).then((response) => response.json() as Promise<any>);
    const first = await traced();
    const second = await traced();
    expect(first.extensions?.ftv1).toEqual(expect.any(String));
    expect(second.extensions?.ftv1).toEqual(expect.any(String));
  });

  it('answers variables too deep to key without keeping the response', async () => {
    // Written out by hand: JSON.stringify itself would overflow the stack on it.
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Workspace { id } } }';
    const id = stack.simulator.data.environments[0]!.id;
    const body = `{"query":${JSON.stringify(query)},"variables":{"r":[{"__typename":"Workspace","id":"${id}","note":${deep}}]}}`;
    const send = () => fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const lookups = async () => {
      const metrics = await scrape(stack.metricsUrl);
      return ['hit', 'miss'].map((result) => valueOf(metrics, 'cache_requests_total', { resource: 'responses', result }));
    };
    const before = await lookups();
    const first = await send();
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).data._entities).toEqual([{ id }]);
    expect((await send()).status).toBe(200);
    expect(await lookups()).toEqual(before);
  });
});
