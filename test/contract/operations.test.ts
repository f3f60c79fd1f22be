// Every operation of the public contract (../shared/contract/operations.graphql) validates against
// the schema and answers what the simulator's store holds, field by field.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/schema.js';
import {
  amountOf,
  bindingsInWorkspace,
  bindingsOfPrincipal,
  costsIn,
  expectCents,
  groupMicros,
  invitedUserIds,
  lastFullMonth,
  lastFullMonths,
  microSums,
  monthOf,
  segmentValue,
  totals,
} from '../helpers/expected.js';
import {
  ACCESS_OPERATIONS,
  CHARGEBACK_OPERATIONS,
  contractExists,
  contractOperations,
  contractState,
  NOT_YET_SERVED,
  servedOperations,
} from '../helpers/contract.js';
import { startStack, type Stack } from '../helpers/stack.js';

const CHECKED = [
  'Organizations',
  'DefaultOrganization',
  'Users',
  'UserAccess',
  'Roles',
  'RoleBindings',
  'WorkspaceUsageAndAccess',
  'Products',
  'UsageBreakdown',
  'CostTrend',
  'Usage',
  'NodeLookup',
  'Entities',
  'ServiceSdl',
  // Checked in access-operations.test.ts and chargeback-operations.test.ts.
  ...ACCESS_OPERATIONS,
  ...CHARGEBACK_OPERATIONS,
];

describe.skipIf(!contractExists)(`the public contract (${contractState})`, () => {
  let stack: Stack;
  const period = lastFullMonth();
  const run = (operationName: string, variables: Record<string, unknown> = {}) =>
    stack.graphqlDocument(servedOperations.get(operationName) ?? '', operationName, variables);

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('validates every operation it serves against the schema', () => {
    const schema = buildSubgraphSchema(loadTypeDefs());
    for (const [name, operation] of servedOperations) expect(validate(schema, parse(operation)), name).toEqual([]);
  });

  it('serves every operation but those of open issues, which do not validate yet', () => {
    const schema = buildSubgraphSchema(loadTypeDefs());
    for (const name of NOT_YET_SERVED.keys()) {
      const operation = contractOperations.get(name);
      expect(operation, `${name} is no longer in the contract`).toBeDefined();
      expect(
        validate(schema, parse(operation!)).length,
        `${name} validates now: check it below and drop it from NOT_YET_SERVED`,
      ).toBeGreaterThan(0);
    }
  });

  it('has a check for every operation it serves', () => {
    expect([...servedOperations.keys()].sort()).toEqual([...CHECKED].sort());
  });

  it('Organizations', async () => {
    const { data, errors } = await run('Organizations');
    expect(errors).toBeUndefined();
    const org = stack.simulator.data.organization;
    expect(data.organizations.totalCount).toBe(1);
    expect(data.organizations.nodes).toEqual([{ id: org.id, name: org.display_name, createdAt: org.metadata?.created_at }]);
    expect(data.organizations.pageInfo.hasNextPage).toBe(false);
  });

  it('DefaultOrganization', async () => {
    const { data, errors } = await run('DefaultOrganization');
    expect(errors).toBeUndefined();
    const { organization, environments } = stack.simulator.data;
    expect(data.organization).toEqual({
      id: organization.id,
      name: organization.display_name,
      workspaces: { totalCount: environments.length, nodes: environments.map((environment) => ({ id: environment.id })) },
    });
  });

  it('Users: every person and service account once, pages of 37', async () => {
    const { users, serviceAccounts } = stack.simulator.data;
    const invited = invitedUserIds(stack.simulator.data);
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors } = await run('Users', { first: 37, after });
      expect(errors).toBeUndefined();
      expect(data.users.totalCount).toBe(users.length + serviceAccounts.length);
      seen.push(...data.users.edges.map((edge: any) => edge.node));
      expect(data.users.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!data.users.pageInfo.hasNextPage) break;
      expect(data.users.edges).toHaveLength(37);
      after = data.users.pageInfo.endCursor;
    }
    const expected = [
      ...users.map((user) => ({
        id: user.id,
        type: 'HUMAN',
        name: user.full_name,
        email: user.email,
        status: invited.has(user.id) ? 'INVITED' : 'ACTIVE',
        createdAt: user.metadata?.created_at,
      })),
      ...serviceAccounts.map((account) => ({
        id: account.id,
        type: 'SERVICE_ACCOUNT',
        name: account.display_name,
        email: null,
        status: 'ACTIVE',
        createdAt: account.metadata?.created_at,
      })),
    ];
    expect(seen).toEqual(expected);
    expect(seen.some((user) => user.status === 'INVITED')).toBe(true);
  });

  it('Users filtered by type', async () => {
    const { data } = await run('Users', { first: 100, type: 'SERVICE_ACCOUNT' });
    expect(data.users.totalCount).toBe(stack.simulator.data.serviceAccounts.length);
    expect(data.users.edges.every((edge: any) => edge.node.type === 'SERVICE_ACCOUNT')).toBe(true);
  });

  it('UserAccess: a person’s bindings with decoded scopes', async () => {
    const data = stack.simulator.data;
    // The person with the most bindings across different scope levels.
    const person = [...data.users].sort((a, b) => bindingsOfPrincipal(data, b.id).length - bindingsOfPrincipal(data, a.id).length)[0]!;
    const expectedBindings = bindingsOfPrincipal(data, person.id);
    expect(expectedBindings.length).toBeGreaterThan(1);
    const response = await run('UserAccess', { id: person.id });
    expect(response.errors).toBeUndefined();
    const user = response.data.user;
    expect(user).toMatchObject({
      id: person.id,
      type: 'HUMAN',
      name: person.full_name,
      email: person.email,
      organization: { id: data.organization.id },
    });
    expect(user.roleBindings.totalCount).toBe(expectedBindings.length);
    const byId = new Map(user.roleBindings.nodes.map((node: any) => [node.id, node]));
    for (const binding of expectedBindings) {
      const node: any = byId.get(binding.id);
      const crn = binding.crn_pattern ?? '';
      const environmentId = segmentValue(crn, 'environment');
      const clusterId = segmentValue(crn, 'cloud-cluster') ?? segmentValue(crn, 'kafka');
      expect(node.role).toEqual({ id: binding.role_name, name: binding.role_name });
      expect(node.scope.crnPattern).toBe(crn);
      expect(node.scope.workspace?.id ?? null).toBe(environmentId ?? null);
      if (environmentId) {
        expect(node.scope.workspace.name).toBe(data.environments.find((environment) => environment.id === environmentId)?.display_name);
      }
      expect(node.scope.cluster?.id ?? null).toBe(clusterId ?? null);
      const lastKey = /\/([a-z-]+)=[^/]*$/.exec(crn)?.[1];
      const level =
        lastKey === 'organization'
          ? 'ORGANIZATION'
          : lastKey === 'environment'
            ? 'WORKSPACE'
            : lastKey === 'cloud-cluster'
              ? 'CLUSTER'
              : 'RESOURCE';
      expect(node.scope.level).toBe(level);
      expect(node.scope.patternType).toBe(crn.endsWith('*') ? 'PREFIXED' : 'LITERAL');
      if (level === 'RESOURCE') expect(node.scope.resourceName).toBe(/=([^=/]*)$/.exec(decodeURIComponent(crn))![1]!.replace(/\*$/, ''));
    }
  });

  it('Roles: the catalog, each with its binding count', async () => {
    const { data, errors } = await run('Roles');
    expect(errors).toBeUndefined();
    const names = data.roles.nodes.map((role: any) => role.name);
    expect(names).toEqual([...names].sort());
    for (const name of ['OrganizationAdmin', 'EnvironmentAdmin', 'CloudClusterAdmin', 'ResourceOwner', 'DeveloperRead']) {
      expect(names).toContain(name);
    }
    expect(data.roles.totalCount).toBe(names.length);
    for (const role of data.roles.nodes) {
      expect(role.id).toBe(role.name);
      expect(role.description.length).toBeGreaterThan(10);
      expect(role.scopes.length).toBeGreaterThan(0);
      const count = stack.simulator.data.roleBindings.filter((binding) => binding.role_name === role.name).length;
      expect(role.roleBindings.totalCount, role.name).toBe(count);
    }
  });

  it('RoleBindings by role, paged, and by principal with or without the User: prefix', async () => {
    const data = stack.simulator.data;
    const expected = data.roleBindings.filter((binding) => binding.role_name === 'CloudClusterAdmin');
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const response: any = await run('RoleBindings', { first: 7, after, roleName: 'CloudClusterAdmin' });
      expect(response.errors).toBeUndefined();
      expect(response.data.roleBindings.totalCount).toBe(expected.length);
      seen.push(...response.data.roleBindings.edges.map((edge: any) => edge.node));
      after = response.data.roleBindings.pageInfo.hasNextPage ? response.data.roleBindings.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((node) => node.id)).toEqual(expected.map((binding) => binding.id));
    for (const node of seen) {
      const binding = expected.find((candidate) => candidate.id === node.id)!;
      expect(node.principalId).toBe(binding.principal);
      expect(node.role.name).toBe('CloudClusterAdmin');
      expect(node.scope).toMatchObject({ level: 'CLUSTER', crnPattern: binding.crn_pattern });
      expect(node.scope.cluster.id).toBe(segmentValue(binding.crn_pattern ?? '', 'cloud-cluster'));
    }
    const account = data.serviceAccounts.find((candidate) => bindingsOfPrincipal(data, candidate.id).length > 0)!;
    for (const principalId of [account.id, `User:${account.id}`]) {
      const { data: answer } = await run('RoleBindings', { first: 100, principalId });
      expect(answer.roleBindings.totalCount).toBe(bindingsOfPrincipal(data, account.id).length);
      for (const node of answer.roleBindings.edges.map((edge: any) => edge.node)) {
        expect(node.principalType).toBe('SERVICE_ACCOUNT');
        expect(node.principal).toEqual({ id: account.id, type: 'SERVICE_ACCOUNT', name: account.display_name });
      }
    }
  });

  it('WorkspaceUsageAndAccess: usage, summaries, clusters and bindings of every workspace', async () => {
    const data = stack.simulator.data;
    const response = await run('WorkspaceUsageAndAccess', { period });
    expect(response.errors).toBeUndefined();
    const workspaces = response.data.workspaces;
    expect(workspaces.totalCount).toBe(data.environments.length);
    for (const environment of data.environments) {
      const workspace = workspaces.nodes.find((node: any) => node.id === environment.id);
      expect(workspace).toMatchObject({ name: environment.display_name, createdAt: environment.metadata?.created_at });
      const clusters = data.clusters.filter((cluster) => cluster.spec?.environment?.id === environment.id);
      expect(workspace.clusters).toEqual({
        totalCount: clusters.length,
        nodes: clusters.map((cluster) => ({
          id: cluster.id,
          name: cluster.spec?.display_name,
          cloud: cluster.spec?.cloud,
          region: cluster.spec?.region,
        })),
      });

      const lines = costsIn(data, period, { workspaceId: environment.id }).sort((a, b) =>
        a.start_date === b.start_date ? (a.id < b.id ? -1 : 1) : a.start_date < b.start_date ? -1 : 1,
      );
      expect(workspace.usage.totalCount).toBe(lines.length);
      workspace.usage.nodes.forEach((node: any, index: number) => {
        const line = lines[index]!;
        expect(node.id).toBe(line.id);
        expect(node.product.id).toBe(line.product);
        expect(node.lineType).toBe(line.line_type);
        expect(node.amount).toBeCloseTo(amountOf(line), 6);
        expect(node.originalAmount).toBeCloseTo(line.original_amount, 6);
        expect(node.discountAmount).toBeCloseTo(line.discount_amount ?? 0, 6);
        expect(node.quantity).toBe(line.quantity ?? null);
        expect(node.unit).toBe(line.unit);
        expect(node.price).toBe(line.price ?? null);
        expect(node.startDate).toBe(line.start_date.slice(0, 10));
        expect(node.endDate).toBe(line.end_date.slice(0, 10));
        expect(node.resource).toEqual(line.resource?.id ? { id: line.resource.id, name: line.resource.display_name } : null);
        expect(node.workspace).toEqual({ id: environment.id });
      });

      const products = new Set(lines.map((line) => line.product));
      expect(workspace.usageSummary).toHaveLength(products.size);
      for (const group of workspace.usageSummary) {
        const expected = totals(lines.filter((line) => line.product === group.product.id));
        expectCents(group.amount, expected.amount);
        expectCents(group.originalAmount, expected.originalAmount);
        expectCents(group.discountAmount, expected.discountAmount);
      }

      const bindings = bindingsInWorkspace(data, environment.id);
      expect(workspace.roleBindings.totalCount).toBe(bindings.length);
      expect(workspace.roleBindings.nodes.map((node: any) => node.id)).toEqual(bindings.slice(0, 100).map((binding) => binding.id));
      for (const node of workspace.roleBindings.nodes) {
        const binding = bindings.find((candidate) => candidate.id === node.id)!;
        const principalId = (binding.principal ?? '').replace(/^User:/, '');
        const person = data.users.find((user) => user.id === principalId);
        const account = data.serviceAccounts.find((candidate) => candidate.id === principalId);
        const expectedPrincipal = person
          ? { id: person.id, type: 'HUMAN', name: person.full_name, email: person.email }
          : account
            ? { id: account.id, type: 'SERVICE_ACCOUNT', name: account.display_name, email: null }
            : null;
        expect(node.principal).toEqual(expectedPrincipal);
        expect(node.role.name).toBe(binding.role_name);
        expect(node.scope.crnPattern).toBe(binding.crn_pattern);
        expect(node.scope.level).not.toBe('ORGANIZATION');
      }
    }
  });

  it('Products: billed products with cost per workspace', async () => {
    const data = stack.simulator.data;
    const { data: answer, errors } = await run('Products', { period });
    expect(errors).toBeUndefined();
    const lines = costsIn(data, period);
    const codes = new Set(lines.map((line) => line.product));
    expect(answer.products.totalCount).toBe(codes.size);
    expect(new Set(answer.products.nodes.map((node: any) => node.id))).toEqual(codes);
    for (const product of answer.products.nodes) {
      const ofProduct = lines.filter((line) => line.product === product.id);
      const workspaceIds = new Set(ofProduct.map((line) => line.resource?.environment?.id ?? null));
      expect(product.usageSummary).toHaveLength(workspaceIds.size);
      for (const group of product.usageSummary) {
        const workspaceId = group.workspace?.id ?? null;
        expectCents(group.amount, totals(ofProduct.filter((line) => (line.resource?.environment?.id ?? null) === workspaceId)).amount);
      }
    }
  });

  it('UsageBreakdown: cost per workspace and product adds up to the cent', async () => {
    const { data: answer, errors } = await run('UsageBreakdown', { period });
    expect(errors).toBeUndefined();
    const lines = costsIn(stack.simulator.data, period);
    const keyOf = (workspaceId: string | null | undefined, productId: string | null | undefined) => `${workspaceId ?? '-'}|${productId}`;
    const pairs = new Set(lines.map((line) => keyOf(line.resource?.environment?.id, line.product)));
    expect(answer.usageSummary).toHaveLength(pairs.size);
    for (const group of answer.usageSummary) {
      const matching = lines.filter(
        (line) => keyOf(line.resource?.environment?.id, line.product) === keyOf(group.workspace?.id, group.product.id),
      );
      const expected = totals(matching);
      expectCents(group.amount, expected.amount);
      expectCents(group.originalAmount, expected.originalAmount);
      expectCents(group.discountAmount, expected.discountAmount);
    }
    expectCents(
      answer.usageSummary.reduce((sum: number, group: any) => sum + group.amount, 0),
      totals(lines).amount,
    );
  });

  it('CostTrend: cost per month and workspace over three months of 31-day windows, exact', async () => {
    const quarter = lastFullMonths(3);
    const { data: answer, errors } = await run('CostTrend', { period: quarter });
    expect(errors).toBeUndefined();
    const keyOf = (month: string, workspaceId: string | null | undefined) => `${month} ${workspaceId ?? '-'}`;
    const expected = microSums(costsIn(stack.simulator.data, quarter), (line) =>
      keyOf(monthOf(line.start_date), line.resource?.environment?.id),
    );
    expect(new Set([...expected.keys()].map((key) => key.slice(0, 10))).size).toBe(3);
    expect(answer.usageSummary).toHaveLength(expected.size);
    for (const group of answer.usageSummary) {
      const key = keyOf(group.month, group.workspace?.id);
      expect(groupMicros(group), key).toEqual(expected.get(key));
      expect(group.cost.currencyCode).toBe('USD');
    }
    const costs = answer.usageSummary.map((group: any) => groupMicros(group).cost);
    expect(costs.every((cost: bigint, index: number) => index === 0 || cost <= costs[index - 1])).toBe(true);
  });

  it('Usage: one workspace’s Kafka lines, paged', async () => {
    const data = stack.simulator.data;
    const workspaceId = data.environments[0]!.id;
    const expected = costsIn(data, period, { workspaceId, productId: 'KAFKA' });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response: any = await run('Usage', { period, first: 100, after, workspaceId, productId: 'KAFKA' });
      expect(response.errors).toBeUndefined();
      expect(response.data.usage.totalCount).toBe(expected.length);
      for (const node of response.data.usage.nodes) {
        expect(node.product.id).toBe('KAFKA');
        expect(node.workspace.id).toBe(workspaceId);
      }
      seen.push(...response.data.usage.nodes.map((node: any) => node.id));
      after = response.data.usage.pageInfo.hasNextPage ? response.data.usage.pageInfo.endCursor : null;
    } while (after);
    expect([...seen].sort()).toEqual(expected.map((line) => line.id).sort());
  });

  it('NodeLookup: every kind of id', async () => {
    const data = stack.simulator.data;
    const ids: Array<[string, string]> = [
      [data.organization.id, 'Organization'],
      [data.environments[0]!.id, 'Workspace'],
      [data.clusters[0]!.id, 'KafkaCluster'],
      [data.users[0]!.id, 'User'],
      [data.serviceAccounts[0]!.id, 'User'],
      [data.roleBindings[0]!.id, 'RoleBinding'],
      ['CloudClusterAdmin', 'Role'],
      ['KAFKA', 'Product'],
    ];
    for (const [id, typename] of ids) {
      const { data: answer, errors } = await run('NodeLookup', { id });
      expect(errors, id).toBeUndefined();
      expect(answer.node, id).toEqual({ __typename: typename, id });
    }
    const { data: missing } = await run('NodeLookup', { id: 'u-doesnotexist' });
    expect(missing.node).toBeNull();
  });

  it('Entities: users by id and email, workspaces, organizations, roles and products', async () => {
    const data = stack.simulator.data;
    const person = data.users[3]!;
    const account = data.serviceAccounts[2]!;
    const representations = [
      { __typename: 'User', id: person.id },
      { __typename: 'User', email: person.email!.toUpperCase() },
      { __typename: 'User', id: account.id },
      { __typename: 'Workspace', id: data.environments[1]!.id },
      { __typename: 'Organization', id: data.organization.id },
      { __typename: 'Role', id: 'EnvironmentAdmin' },
      { __typename: 'Product', id: 'STREAM_GOVERNANCE' },
      { __typename: 'User', email: 'nobody@nowhere.example' },
    ];
    const { data: answer, errors } = await run('Entities', { representations });
    expect(errors).toBeUndefined();
    expect(answer._entities).toEqual([
      { __typename: 'User', id: person.id, name: person.full_name, email: person.email, type: 'HUMAN' },
      { __typename: 'User', id: person.id, name: person.full_name, email: person.email, type: 'HUMAN' },
      { __typename: 'User', id: account.id, name: account.display_name, email: null, type: 'SERVICE_ACCOUNT' },
      { __typename: 'Workspace', id: data.environments[1]!.id, name: data.environments[1]!.display_name },
      { __typename: 'Organization', id: data.organization.id, name: data.organization.display_name },
      { __typename: 'Role', id: 'EnvironmentAdmin', name: 'EnvironmentAdmin' },
      { __typename: 'Product', id: 'STREAM_GOVERNANCE', name: 'Stream Governance' },
      null,
    ]);
  });

  it('ServiceSdl: the federation SDL with its keys', async () => {
    const { data, errors } = await run('ServiceSdl');
    expect(errors).toBeUndefined();
    const sdl: string = data._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type User implements Node[^{]*@key\(fields: "id"\)[^{]*@key\(fields: "email"\)/);
    for (const type of ['Organization', 'Workspace', 'KafkaCluster', 'Role', 'RoleBinding', 'Product']) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements Node[^{]*@key\\(fields: "id"\\)`));
    }
  });
});
