// GET /metrics against the simulator's own request log: every upstream attempt is counted under its
// route template, retries and 429s show, and labels stay bounded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/confluent/routes.js';
import { lastFullMonth } from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { scrape, totalsBy, valueOf, type Scrape } from '../helpers/prometheus.js';
import { startServerOver, startStack, type Stack } from '../helpers/stack.js';

const ENVIRONMENTS = ROUTES.environments;
const USERS = ROUTES.users;

function increase(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const grown: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = value - (before[key] ?? 0);
    if (delta !== 0) grown[key] = delta;
  }
  return grown;
}

describe('GET /metrics', () => {
  let stack: Stack;
  const changeOf = async (act: () => Promise<unknown>) => {
    const before = await scrape(stack.metricsUrl);
    await act();
    const after = await scrape(stack.metricsUrl);
    return (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
  };

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.simulator.log.clear();
    stack.simulator.faults.clear();
  });

  it('counts the flagship’s upstream requests per route exactly as the simulator received them', async () => {
    const before = await scrape(stack.metricsUrl);
    const { errors } = await stack.graphqlDocument(FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION, { period: lastFullMonth() });
    expect(errors).toBeUndefined();
    const after = await scrape(stack.metricsUrl);

    const counted = increase(
      totalsBy(before, 'confluent_upstream_requests_total', 'route'),
      totalsBy(after, 'confluent_upstream_requests_total', 'route'),
    );
    expect(Object.keys(counted).length).toBeGreaterThan(3);
    expect(counted).toEqual(stack.simulator.log.countsByRoute());
    const success = { operation: FLAGSHIP_OPERATION, outcome: 'success' };
    expect(valueOf(after, 'graphql_requests_total', success) - valueOf(before, 'graphql_requests_total', success)).toBe(1);
    const timed =
      valueOf(after, 'graphql_request_duration_seconds_count', success) -
      valueOf(before, 'graphql_request_duration_seconds_count', success);
    expect(timed).toBe(1);
  });

  it('shows loader batch sizes: one batch of every workspace’s clusters for the flagship', async () => {
    const change = await changeOf(() => stack.graphqlDocument(FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION, { period: lastFullMonth() }));
    const workspaces = stack.simulator.data.environments.length;
    expect(change('dataloader_batch_size_count', { loader: 'clusters-of-workspace' })).toBe(1);
    expect(change('dataloader_batch_size_sum', { loader: 'clusters-of-workspace' })).toBe(workspaces);
  });

  it('shows a 429 as a rate-limited response and a retry, and a 503 as a retry for a server error', async () => {
    stack.simulator.faults.rateLimit({ route: ENVIRONMENTS, times: 1, retryAfterSeconds: 0 });
    stack.simulator.faults.serverErrors({ route: USERS, times: 1, status: 503 });
    const change = await changeOf(async () => {
      const { errors } = await stack.graphql(`{ workspaces(first: 5) { totalCount } users(first: 1) { totalCount } }`);
      expect(errors).toBeUndefined();
    });

    expect(change('confluent_upstream_rate_limited_total', { route: ENVIRONMENTS })).toBe(1);
    expect(change('confluent_upstream_requests_total', { route: ENVIRONMENTS, status: '429' })).toBe(1);
    expect(change('confluent_upstream_retries_total', { route: ENVIRONMENTS, reason: 'rate_limited' })).toBe(1);
    expect(change('confluent_upstream_requests_total', { route: USERS, status: '503' })).toBe(1);
    expect(change('confluent_upstream_retries_total', { route: USERS, reason: 'server_error' })).toBe(1);
    expect(change('confluent_upstream_rate_limited_total', { route: USERS })).toBe(0);
    expect(change('confluent_upstream_requests_total', { route: USERS })).toBe(stack.simulator.log.count(USERS));
  });

  it('counts a request with errors as an error, an unnamed one as anonymous, an overlong name as other', async () => {
    const longName = `Q${'x'.repeat(70)}`;
    const change = await changeOf(async () => {
      await stack.graphql(`{ organizations(first: 0) { totalCount } }`);
      await stack.graphql(`query ${longName} { organizations(first: 1) { totalCount } }`);
    });
    expect(change('graphql_requests_total', { operation: 'anonymous', outcome: 'error' })).toBe(1);
    expect(change('graphql_requests_total', { operation: 'other', outcome: 'success' })).toBe(1);
    const text = await (await fetch(`${stack.metricsUrl}/metrics`)).text();
    expect(text).not.toContain(longName);
  });

  it('gauges upstream requests in flight while one is on the wire', async () => {
    stack.simulator.faults.hang(ENVIRONMENTS);
    const pending = stack.graphql(`{ workspaces(first: 5) { totalCount } }`);
    while (stack.simulator.log.count(ENVIRONMENTS) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(valueOf(await scrape(stack.metricsUrl), 'confluent_upstream_in_flight')).toBe(1);
    stack.simulator.faults.clear();
    expect((await pending).errors).toBeUndefined();
    expect(valueOf(await scrape(stack.metricsUrl), 'confluent_upstream_in_flight')).toBe(0);
  });

  it('uses Prometheus names and bounded labels, beside the default process metrics', async () => {
    await stack.graphql(`{ workspaces(first: 5) { totalCount nodes { clusters(first: 5) { totalCount } } } }`);
    const metrics: Scrape = await scrape(stack.metricsUrl);
    const ours = [
      ['graphql_requests_total', 'counter'],
      ['graphql_request_duration_seconds', 'histogram'],
      ['confluent_upstream_requests_total', 'counter'],
      ['confluent_upstream_request_duration_seconds', 'histogram'],
      ['confluent_upstream_retries_total', 'counter'],
      ['confluent_upstream_rate_limited_total', 'counter'],
      ['confluent_upstream_in_flight', 'gauge'],
      ['cache_requests_total', 'counter'],
      ['cache_errors_total', 'counter'],
      ['cache_available', 'gauge'],
    ];
    for (const [name, type] of ours) expect(metrics.types.get(name!), name).toBe(type);
    for (const [name, type] of metrics.types) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      if (type === 'counter') expect(name).toMatch(/_total$/);
    }
    expect(metrics.types.has('process_cpu_user_seconds_total')).toBe(true);
    expect(metrics.types.has('nodejs_eventloop_lag_seconds')).toBe(true);

    const routes = new Set<string>(Object.values(ROUTES));
    const routeLabels = metrics.samples.flatMap((sample) => (sample.labels.route === undefined ? [] : [sample.labels.route]));
    expect(routeLabels.length).toBeGreaterThan(0);
    for (const route of routeLabels) expect(routes.has(route), route).toBe(true);
    const ids = stack.simulator.data.environments.map((environment) => environment.id);
    for (const sample of metrics.samples) {
      for (const value of Object.values(sample.labels)) {
        expect(value).not.toContain('?');
        for (const id of ids) expect(value).not.toContain(id);
      }
    }
  });

  it('keeps a registry per server, so a second server counts only its own requests', async () => {
    const other = await startServerOver(stack.simulator);
    try {
      const before = await scrape(stack.metricsUrl);
      await other.graphql(`query OnlyOnTheOtherServer { organizations(first: 1) { totalCount } }`);
      const [mine, theirs] = [await scrape(stack.metricsUrl), await scrape(other.metricsUrl)];
      expect(valueOf(theirs, 'graphql_requests_total', { operation: 'OnlyOnTheOtherServer' })).toBe(1);
      expect(valueOf(mine, 'graphql_requests_total', { operation: 'OnlyOnTheOtherServer' })).toBe(0);
      expect(valueOf(mine, 'confluent_upstream_requests_total')).toBe(valueOf(before, 'confluent_upstream_requests_total'));
    } finally {
      await other.close();
    }
  });
});

describe('cache metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { cache: { kind: 'memory', maxBytes: 10_000_000 } } });
  });
  afterAll(() => stack.close());

  it('counts a first read as a miss and a repeated one as a hit, with the cache available', async () => {
    // Two different queries over the same list: the second is a new response, read from cached data.
    await stack.graphql(`{ workspaces(first: 5) { totalCount } }`);
    await stack.graphql(`{ workspaces(first: 3) { totalCount } }`);
    // The first query again: its whole response comes from the cache.
    await stack.graphql(`{ workspaces(first: 5) { totalCount } }`);
    const metrics = await scrape(stack.metricsUrl);
    expect(valueOf(metrics, 'cache_requests_total', { resource: 'environments', result: 'miss' })).toBe(1);
    expect(valueOf(metrics, 'cache_requests_total', { resource: 'environments', result: 'hit' })).toBe(1);
    expect(valueOf(metrics, 'cache_requests_total', { resource: 'responses', result: 'hit' })).toBe(1);
    expect(valueOf(metrics, 'cache_available')).toBe(1);
  });
});
