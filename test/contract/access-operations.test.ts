// The access-review operations of the public contract answer what the simulator's store holds,
// field by field, and the whole organization's findings cost exactly the listings they need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../src/calendar.js';
import type { ApiKey, RoleBinding } from '../../src/confluent/types.js';
import { expectedActivity, expectedFindingIds, existingPrincipalIds, lastWeek } from '../helpers/access-expected.js';
import { contractExists, contractState, servedOperations } from '../helpers/contract.js';
import { bindingsOfPrincipal, segmentValue } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

const RESOURCE_KINDS: Record<string, string> = { Cloud: 'CLOUD', Cluster: 'KAFKA_CLUSTER' };
const PAGE_SIZE = 100;
const pages = (count: number, size = PAGE_SIZE) => Math.max(1, Math.ceil(count / size));

/** The level of a binding's scope, from its CRN's last segment. */
function levelOf(binding: RoleBinding): string {
  const last = (binding.crn_pattern ?? '').split('/').at(-1)!.split('=')[0];
  return last === 'organization'
    ? 'ORGANIZATION'
    : last === 'environment'
      ? 'WORKSPACE'
      : last === 'cloud-cluster'
        ? 'CLUSTER'
        : 'RESOURCE';
}

describe.skipIf(!contractExists)(`the access-review contract (${contractState})`, () => {
  let stack: Stack;
  const run = (operationName: string, variables: Record<string, unknown> = {}) =>
    stack.graphqlDocument(servedOperations.get(operationName) ?? '', operationName, variables);
  const week = lastWeek();

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  /** Every page of a connection operation, following endCursor. */
  async function allPages(operationName: string, field: string, variables: Record<string, unknown>) {
    const nodes: any[] = [];
    let after: string | undefined;
    for (;;) {
      const { data, errors } = await run(operationName, { ...variables, first: PAGE_SIZE, after });
      expect(errors).toBeUndefined();
      nodes.push(...data[field].nodes);
      if (!data[field].pageInfo.hasNextPage) return { nodes, totalCount: data[field].totalCount as number };
      after = data[field].pageInfo.endCursor;
    }
  }

  function expectedKey(key: ApiKey) {
    const data = stack.simulator.data;
    const ownerId = key.spec?.owner?.id ?? '';
    const person = data.users.find((user) => user.id === ownerId);
    const account = data.serviceAccounts.find((candidate) => candidate.id === ownerId);
    const resource = key.spec?.resource;
    const environment = data.environments.find((candidate) => candidate.id === resource?.environment);
    const cluster = resource?.kind === 'Cluster' ? data.clusters.find((candidate) => candidate.id === resource.id) : undefined;
    return {
      id: key.id,
      name: key.spec?.display_name || key.id,
      description: key.spec?.description ?? null,
      ownerId,
      owner: person
        ? { id: person.id, type: 'HUMAN', name: person.full_name }
        : account
          ? { id: account.id, type: 'SERVICE_ACCOUNT', name: account.display_name }
          : null,
      resource: resource
        ? {
            id: resource.id,
            kind: RESOURCE_KINDS[resource.kind ?? ''] ?? 'OTHER',
            workspace: environment ? { id: environment.id } : null,
            cluster: cluster ? { id: cluster.id } : null,
          }
        : null,
      createdAt: key.metadata?.created_at,
    };
  }

  it('ApiKeys: every key once, in Confluent order, with owners, resources and no secret', async () => {
    const { nodes, totalCount } = await allPages('ApiKeys', 'apiKeys', {});
    const keys = stack.simulator.data.apiKeys;
    expect(totalCount).toBe(keys.length);
    expect(nodes).toEqual(keys.map(expectedKey));
    // Keys of owners that are gone keep their owner's id.
    expect(nodes.some((node) => node.owner === null && node.ownerId.startsWith('sa-'))).toBe(true);
  });

  it('ApiKeys: filtered by owner and by workspace', async () => {
    const keys = stack.simulator.data.apiKeys;
    const owner = keys.find((key) => key.spec?.owner?.id.startsWith('sa-'))!.spec!.owner!.id;
    const byOwner = await allPages('ApiKeys', 'apiKeys', { ownerId: owner });
    expect(byOwner.nodes.map((node) => node.id)).toEqual(keys.filter((key) => key.spec?.owner?.id === owner).map((key) => key.id));
    const workspace = stack.simulator.data.environments[0]!.id;
    const inWorkspace = await allPages('ApiKeys', 'apiKeys', { workspaceId: workspace });
    const expected = keys.filter((key) => key.spec?.resource?.environment === workspace).map((key) => key.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(inWorkspace.nodes.map((node) => node.id)).toEqual(expected);
  });

  it('Identities: providers with their pools and group mappings, each with its role bindings', async () => {
    const { data, errors } = await run('Identities');
    expect(errors).toBeUndefined();
    const store = stack.simulator.data;
    const bindingsOf = (id: string) => bindingsOfPrincipal(store, id);
    expect(data.identityProviders.totalCount).toBe(store.identityProviders.length);
    expect(data.identityProviders.nodes).toEqual(
      store.identityProviders.map((provider) => ({
        id: provider.id,
        name: provider.display_name,
        issuer: provider.issuer,
        state: provider.state,
        identityPools: {
          totalCount: store.identityPools[provider.id]!.length,
          nodes: store.identityPools[provider.id]!.map((pool) => ({
            id: pool.id,
            name: pool.display_name,
            identityClaim: pool.identity_claim,
            filter: pool.filter,
            state: pool.state,
            roleBindings: {
              totalCount: bindingsOf(pool.id).length,
              nodes: bindingsOf(pool.id).map((binding) => ({ id: binding.id, role: { name: binding.role_name } })),
            },
          })),
        },
      })),
    );
    expect(data.groupMappings.nodes).toEqual(
      store.groupMappings.map((mapping) => ({
        id: mapping.id,
        name: mapping.display_name,
        filter: mapping.filter,
        state: mapping.state,
        roleBindings: {
          totalCount: bindingsOf(mapping.id).length,
          nodes: bindingsOf(mapping.id).map((binding) => ({
            id: binding.id,
            role: { name: binding.role_name },
            scope: { level: levelOf(binding) },
          })),
        },
      })),
    );
    expect(
      data.identityProviders.nodes.some((provider: any) =>
        provider.identityPools.nodes.some((pool: any) => pool.roleBindings.totalCount > 0),
      ),
    ).toBe(true);
  });

  it("PrincipalAccess: a service account's keys, roles and last week's Kafka traffic", async () => {
    const store = stack.simulator.data;
    const today = Math.floor(Date.now() / 86_400_000);
    const activity = expectedActivity(store, week, today - 7);
    const account = store.serviceAccounts.find(
      (candidate) =>
        (activity.byPrincipal.get(candidate.id)?.activeDays.size ?? 0) > 0 &&
        store.apiKeys.some((key) => key.spec?.owner?.id === candidate.id),
    )!;
    const { data, errors } = await run('PrincipalAccess', { id: account.id, period: week });
    expect(errors).toBeUndefined();
    const traffic = activity.byPrincipal.get(account.id)!;
    const keys = store.apiKeys.filter((key) => key.spec?.owner?.id === account.id);
    const bindings = bindingsOfPrincipal(store, account.id);
    expect(data.user).toEqual({
      id: account.id,
      type: 'SERVICE_ACCOUNT',
      name: account.display_name,
      apiKeys: {
        totalCount: keys.length,
        nodes: keys.map((key) => ({
          id: key.id,
          resource: { kind: expectedKey(key).resource!.kind },
          createdAt: key.metadata?.created_at,
        })),
      },
      roleBindings: {
        totalCount: bindings.length,
        nodes: bindings.map((binding) => ({
          id: binding.id,
          role: { name: binding.role_name },
          scope: { level: levelOf(binding), crnPattern: binding.crn_pattern },
        })),
      },
      activity: {
        activeDays: traffic.activeDays.size,
        lastActiveOn: new Date(Math.max(...traffic.activeDays) * 86_400_000).toISOString().slice(0, 10),
        requestBytes: traffic.requestBytes,
        responseBytes: traffic.responseBytes,
      },
    });
  });

  it('PrincipalAccess: a period the Metrics API no longer holds is a clear error, not a day without traffic', async () => {
    const account = stack.simulator.data.serviceAccounts[0]!;
    const start = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const { data, errors } = await run('PrincipalAccess', { id: account.id, period: { start, end } });
    expect(data.user.activity).toBeNull();
    expect(data.user.id).toBe(account.id);
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['user', 'activity'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(errors![0]!.message).toMatch(/7 days/);
  });

  it('ClusterAccess: bindings at the organization, its environment and the cluster, and its keys', async () => {
    const store = stack.simulator.data;
    const cluster = store.clusters.find((candidate) => store.apiKeys.some((key) => key.spec?.resource?.id === candidate.id))!;
    const environmentId = cluster.spec!.environment!.id;
    const { data, errors } = await run('ClusterAccess', { id: cluster.id });
    expect(errors).toBeUndefined();
    const effective = store.roleBindings.filter((binding) => {
      const level = levelOf(binding);
      const crn = binding.crn_pattern ?? '';
      return (
        level === 'ORGANIZATION' ||
        (level === 'WORKSPACE' && segmentValue(crn, 'environment') === environmentId) ||
        (level === 'CLUSTER' && segmentValue(crn, 'cloud-cluster') === cluster.id)
      );
    });
    const pools = new Set(Object.values(store.identityPools).flatMap((list) => list.map((pool) => pool.id)));
    const mappings = new Set(store.groupMappings.map((mapping) => mapping.id));
    const principalTypeOf = (id: string) =>
      id.startsWith('u-')
        ? 'HUMAN'
        : id.startsWith('sa-')
          ? 'SERVICE_ACCOUNT'
          : id.startsWith('pool-')
            ? 'IDENTITY_POOL'
            : id.startsWith('group-')
              ? 'GROUP_MAPPING'
              : 'OTHER';
    expect(data.node.effectiveRoleBindings).toEqual({
      totalCount: effective.length,
      nodes: effective.slice(0, 100).map((binding) => {
        const id = binding.principal!.replace('User:', '');
        return {
          id: binding.id,
          principalId: binding.principal,
          principalType: principalTypeOf(id),
          role: { name: binding.role_name },
          scope: { level: levelOf(binding) },
          identityPool: pools.has(id) ? { id } : null,
          groupMapping: mappings.has(id) ? { id } : null,
        };
      }),
    });
    expect(effective.some((binding) => levelOf(binding) === 'CLUSTER')).toBe(true);
    const keys = store.apiKeys.filter((key) => key.spec?.resource?.id === cluster.id);
    expect(data.node.apiKeys).toEqual({
      totalCount: keys.length,
      nodes: keys.map((key) => ({ id: key.id, ownerId: key.spec?.owner?.id })),
    });
  });

  /** Every finding of the organization, each page's upstream calls counted. */
  async function reviewed(activityPeriod?: { start: string; end: string }) {
    stack.simulator.log.clear();
    const { data, errors } = await run('AccessFindings', { first: PAGE_SIZE, activityPeriod });
    expect(errors).toBeUndefined();
    const calls = stack.simulator.log.countsByRoute();
    const rest = data.accessFindings.pageInfo.hasNextPage
      ? await allPages('AccessFindings', 'accessFindings', { activityPeriod }).then((all) => all.nodes)
      : data.accessFindings.nodes;
    return { findings: rest as any[], totalCount: data.accessFindings.totalCount as number, calls };
  }

  function expectFindings(findings: any[], expected: Map<string, string[]>) {
    const store = stack.simulator.data;
    const exists = existingPrincipalIds(store);
    const byKind = new Map<string, string[]>();
    for (const finding of findings) byKind.set(finding.kind, [...(byKind.get(finding.kind) ?? []), finding.id]);
    for (const [kind, ids] of expected) expect([...(byKind.get(kind) ?? [])].sort(), kind).toEqual(ids);
    const ranks = findings.map((finding) => ['HIGH', 'MEDIUM', 'LOW'].indexOf(finding.severity));
    expect(ranks).toEqual([...ranks].sort());
    for (const finding of findings) {
      const about = finding.id.slice(finding.kind.length + 1);
      if (finding.roleBinding) expect(finding.roleBinding.id).toBe(about);
      if (finding.apiKey) expect(finding.apiKey.id).toBe(about);
      const principal = finding.principalId as string;
      expect(finding.user?.id ?? null).toBe(/^(u|sa)-/.test(principal) && exists.has(principal) ? principal : null);
      expect(finding.identityPool?.id ?? null).toBe(principal.startsWith('pool-') && exists.has(principal) ? principal : null);
      expect(finding.groupMapping?.id ?? null).toBe(principal.startsWith('group-') && exists.has(principal) ? principal : null);
    }
  }

  /** The listings a review of the whole organization needs, each read once. */
  function listingCalls() {
    const store = stack.simulator.data;
    return {
      'GET /org/v2/organizations': 1,
      'GET /iam/v2/role-bindings': pages(store.roleBindings.length, 1_000),
      'GET /iam/v2/users': pages(store.users.length),
      'GET /iam/v2/service-accounts': pages(store.serviceAccounts.length),
      'GET /iam/v2/invitations': pages(store.invitations.length),
      'GET /iam/v2/api-keys': pages(store.apiKeys.length),
      'GET /iam/v2/identity-providers': 1,
      'GET /iam/v2/identity-providers/{provider_id}/identity-pools': store.identityProviders.length,
      'GET /iam/v2/sso/group-mappings': 1,
    };
  }

  it('AccessFindings: every kind over the whole organization, from each listing read once', async () => {
    const { findings, totalCount, calls } = await reviewed();
    const expected = expectedFindingIds(stack.simulator.data, { now: Date.now(), maxKeyAgeDays: 90 });
    expect(totalCount).toBe([...expected.values()].flat().length);
    expectFindings(findings, expected);
    for (const [kind, ids] of expected) if (kind !== 'INACTIVE_PRINCIPAL') expect(ids.length, kind).toBeGreaterThan(0);
    expect(calls).toEqual(listingCalls());
  });

  it('AccessFindings: with an activity period, inactive principals too, for two Metrics queries more', async () => {
    const store = stack.simulator.data;
    const { findings, calls } = await reviewed(week);
    const today = Math.floor(Date.now() / 86_400_000);
    const activity = expectedActivity(store, week, today - 7);
    expect(activity.daysWithData.size).toBe(7);
    expect(parseDay(week.end)).toBe(today);
    const expected = expectedFindingIds(store, { now: Date.now(), maxKeyAgeDays: 90, activity });
    expect(expected.get('INACTIVE_PRINCIPAL')!.some((id) => id.includes(':pool-'))).toBe(true);
    expect(expected.get('INACTIVE_PRINCIPAL')!.some((id) => id.includes(':sa-'))).toBe(true);
    expectFindings(findings, expected);
    expect(calls).toEqual({
      ...listingCalls(),
      'GET /org/v2/environments': 1,
      'GET /cmk/v2/clusters': store.environments.length,
      'POST /v2/metrics/{dataset}/query': 2,
    });
  });
});
