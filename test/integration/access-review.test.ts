// The access review over the simulator: every new entity by node id and by key, a pool's Kafka
// activity, the Metrics API read twice per request whatever asks, its failures and rate limit
// confined to the fields that need it, and findings that read only what their kinds need.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedActivity, lastWeek } from '../helpers/access-expected.js';
import { segmentValue } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

const METRICS = 'POST /v2/metrics/{dataset}/query';
const DAY_MS = 86_400_000;

describe('the access review', () => {
  let stack: Stack;
  const week = lastWeek();
  const today = Math.floor(Date.now() / DAY_MS);

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.simulator.faults.clear();
    stack.simulator.setTelemetryRateLimit({ limit: 60, windowSeconds: 60 });
    stack.simulator.log.clear();
  });

  const pools = () => Object.values(stack.simulator.data.identityPools).flat();

  it('finds every new entity by node id and by key, and nothing for an unknown key id', async () => {
    const data = stack.simulator.data;
    const ids = {
      ApiKey: data.apiKeys[0]!.id,
      IdentityProvider: data.identityProviders[0]!.id,
      IdentityPool: pools()[0]!.id,
      GroupMapping: data.groupMappings[0]!.id,
    };
    for (const [typename, id] of Object.entries(ids)) {
      const { data: answer, errors } = await stack.graphql('query ($id: ID!) { node(id: $id) { __typename id } }', { id });
      expect(errors, typename).toBeUndefined();
      expect(answer.node).toEqual({ __typename: typename, id });
    }
    const representations = Object.entries(ids).map(([__typename, id]) => ({ __typename, id }));
    const entities = await stack.graphql(
      'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ApiKey { id ownerId } ... on IdentityPool { id name } ... on IdentityProvider { id } ... on GroupMapping { id } } }',
      { r: representations },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities.map((entity: any) => entity.id)).toEqual(Object.values(ids));
    expect(entities.data._entities[0].ownerId).toBe(data.apiKeys[0]!.spec!.owner!.id);
    const unknown = await stack.graphql('{ node(id: "ZZZZZZZZZZZZZZZZ") { id } apiKey(id: "ZZZZZZZZZZZZZZZZ") { id } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ node: null, apiKey: null });
  });

  it('reads the API keys of a hundred users from one listing', async () => {
    const { users, serviceAccounts, apiKeys } = stack.simulator.data;
    const { data, errors } = await stack.graphql('{ users(first: 100) { nodes { id apiKeys { totalCount } } } }');
    expect(errors).toBeUndefined();
    for (const user of data.users.nodes) {
      expect(user.apiKeys.totalCount).toBe(apiKeys.filter((key) => key.spec?.owner?.id === user.id).length);
    }
    const pages = (count: number) => Math.ceil(count / 100);
    expect(stack.simulator.log.countsByRoute()).toEqual({
      'GET /iam/v2/users': pages(users.length),
      'GET /iam/v2/service-accounts': pages(serviceAccounts.length),
      'GET /iam/v2/api-keys': pages(apiKeys.length),
    });
  });

  it("answers an identity pool's Kafka activity over last week", async () => {
    const activity = expectedActivity(stack.simulator.data, week, today - 7);
    const pool = pools().find((candidate) => (activity.byPrincipal.get(candidate.id)?.activeDays.size ?? 0) > 0)!;
    const { data, errors } = await stack.graphql(
      'query ($id: ID!, $period: DateRangeInput!) { node(id: $id) { ... on IdentityPool { activity(period: $period) { activeDays requestBytes responseBytes days daysWithData } } } }',
      { id: pool.id, period: week },
    );
    expect(errors).toBeUndefined();
    const expected = activity.byPrincipal.get(pool.id)!;
    expect(data.node.activity).toEqual({
      activeDays: expected.activeDays.size,
      requestBytes: expected.requestBytes,
      responseBytes: expected.responseBytes,
      days: 7,
      daysWithData: activity.daysWithData.size,
    });
  });

  it('reads the Metrics API twice for the activity of a hundred users, after the cluster lists', async () => {
    const { data, errors } = await stack.graphql(
      'query ($period: DateRangeInput!) { users(first: 100, filter: { type: SERVICE_ACCOUNT }) { nodes { id activity(period: $period) { activeDays } } } }',
      { period: week },
    );
    expect(errors).toBeUndefined();
    expect(data.users.nodes).toHaveLength(100);
    const calls = stack.simulator.log.countsByRoute();
    expect(calls[METRICS]).toBe(2);
    expect(calls['GET /cmk/v2/clusters']).toBe(stack.simulator.data.environments.length);
    expect(calls['GET /org/v2/environments']).toBe(1);
  });

  it("waits as the Metrics API's rateLimit-reset says when its budget is spent, then answers", async () => {
    stack.simulator.setTelemetryRateLimit({ limit: 1, windowSeconds: 1 });
    const account = stack.simulator.data.serviceAccounts[0]!;
    const { data, errors } = await stack.graphql(
      'query ($id: ID!, $period: DateRangeInput!) { user(id: $id) { activity(period: $period) { days } } }',
      { id: account.id, period: week },
    );
    expect(errors).toBeUndefined();
    expect(data.user.activity.days).toBe(7);
    const statuses = stack.simulator.log.entries.filter((entry) => entry.route === METRICS).map((entry) => entry.status);
    // One refusal: the client waited the whole reset rather than retrying into the same window.
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });

  it('fails only the activity fields when the Metrics API is down', async () => {
    stack.simulator.faults.serverErrors({ route: METRICS, times: 1_000 });
    const account = stack.simulator.data.serviceAccounts[0]!;
    const { data, errors } = await stack.graphql(
      'query ($id: ID!, $period: DateRangeInput!) { user(id: $id) { id name activity(period: $period) { activeDays } } }',
      { id: account.id, period: week },
    );
    expect(data.user).toEqual({ id: account.id, name: account.display_name, activity: null });
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['user', 'activity'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  });

  it("lists a workspace's effective role bindings: the organization's and its own, not those inside it", async () => {
    const data = stack.simulator.data;
    const workspace = data.environments[0]!;
    const { data: answer, errors } = await stack.graphql(
      'query ($id: ID!) { workspace(id: $id) { effectiveRoleBindings(first: 100) { totalCount nodes { id } } } }',
      { id: workspace.id },
    );
    expect(errors).toBeUndefined();
    const expected = data.roleBindings.filter((binding) => {
      const crn = binding.crn_pattern ?? '';
      const last = crn.split('/').at(-1) ?? '';
      return last.startsWith('organization=') || (last.startsWith('environment=') && segmentValue(crn, 'environment') === workspace.id);
    });
    expect(answer.workspace.effectiveRoleBindings.totalCount).toBe(expected.length);
    expect(answer.workspace.effectiveRoleBindings.nodes.map((node: any) => node.id)).toEqual(
      expected.slice(0, 100).map((binding) => binding.id),
    );
  });

  it('reads only the listings the kinds asked for need', async () => {
    const { data, errors } = await stack.graphql(
      '{ accessFindings(first: 100, filter: { kinds: [STALE_API_KEY, API_KEY_OWNED_BY_PERSON] }) { totalCount nodes { kind } } }',
    );
    expect(errors).toBeUndefined();
    expect(new Set(data.accessFindings.nodes.map((node: any) => node.kind))).toEqual(new Set(['STALE_API_KEY', 'API_KEY_OWNED_BY_PERSON']));
    expect(Object.keys(stack.simulator.log.countsByRoute())).toEqual(['GET /iam/v2/api-keys']);
    const high = await stack.graphql('{ accessFindings(first: 100, filter: { minSeverity: HIGH }) { nodes { severity } } }');
    expect(new Set(high.data.accessFindings.nodes.map((node: any) => node.severity))).toEqual(new Set(['HIGH']));
  });

  it('refuses a negative key age and a period without traffic data, the first before any call', async () => {
    const negative = await stack.graphql('{ accessFindings(maxKeyAgeDays: -1) { totalCount } }');
    expect(negative.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maxKeyAgeDays' });
    expect(stack.simulator.log.count()).toBe(0);
    const old = {
      start: new Date(Date.now() - 90 * DAY_MS).toISOString().slice(0, 10),
      end: new Date(Date.now() - 60 * DAY_MS).toISOString().slice(0, 10),
    };
    const outside = await stack.graphql('query ($p: DateRangeInput) { accessFindings(activityPeriod: $p) { totalCount } }', { p: old });
    expect(outside.data.accessFindings).toBeNull();
    expect(outside.errors![0]).toMatchObject({ path: ['accessFindings'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(outside.errors![0]!.message).toMatch(/Metrics API keeps only about the last 7 days/);
  });
});
