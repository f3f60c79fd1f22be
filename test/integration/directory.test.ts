import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bindingsOfPrincipal, invitedUserIds } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

// The client reads every list at Confluent's maximum page size for each endpoint.
const PAGE = 100;
const ROLE_BINDING_PAGE = 1_000;
const pages = (count: number, size = PAGE) => Math.max(1, Math.ceil(count / size));

describe('the directory', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.simulator.log.clear());

  it('answers 100 users with their role bindings from the lists, not one call per user', async () => {
    const { users, serviceAccounts, roleBindings } = stack.simulator.data;
    const { data, errors } = await stack.graphql(`{
      users(first: 100) { nodes { id roleBindings(first: 100) { totalCount nodes { id role { name } scope { level } } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.users.nodes).toHaveLength(100);
    for (const user of data.users.nodes) {
      expect(user.roleBindings.totalCount, user.id).toBe(bindingsOfPrincipal(stack.simulator.data, user.id).length);
    }
    expect(stack.simulator.log.countsByRoute()).toEqual({
      'GET /iam/v2/users': pages(users.length),
      'GET /iam/v2/service-accounts': pages(serviceAccounts.length),
      'GET /org/v2/organizations': 1,
      'GET /iam/v2/role-bindings': pages(roleBindings.length, ROLE_BINDING_PAGE),
    });
  });

  it('resolves 200 User representations by id and by email from the paged lists alone', async () => {
    const { users, serviceAccounts } = stack.simulator.data;
    const byId = [...users.slice(0, 60), ...serviceAccounts.slice(0, 40)].map((user) => ({ __typename: 'User', id: user.id }));
    const byEmail = users.slice(60, 160).map((user) => ({ __typename: 'User', email: user.email!.toLowerCase() }));
    const representations = [...byId, ...byEmail];
    expect(representations).toHaveLength(200);
    const { data, errors } = await stack.graphql(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id email } } }`,
      { representations },
    );
    expect(errors).toBeUndefined();
    expect(data._entities.map((entity: any) => entity.id)).toEqual([
      ...byId.map((representation) => representation.id),
      ...users.slice(60, 160).map((user) => user.id),
    ]);
    const counts = stack.simulator.log.countsByRoute();
    expect(counts).toEqual({
      'GET /iam/v2/users': pages(users.length),
      'GET /iam/v2/service-accounts': pages(serviceAccounts.length),
    });
  });

  it('gets a single user with one call', async () => {
    const person = stack.simulator.data.users[5]!;
    const { data } = await stack.graphql(`query ($id: ID!) { user(id: $id) { id name } }`, { id: person.id });
    expect(data.user).toEqual({ id: person.id, name: person.full_name });
    expect(stack.simulator.log.countsByRoute()).toEqual({ 'GET /iam/v2/users/{id}': 1 });
  });

  it('keeps a binding whose principal was deleted, with principal null and its id', async () => {
    const data = stack.simulator.data;
    const known = new Set([...data.users.map((user) => user.id), ...data.serviceAccounts.map((account) => account.id)]);
    const orphan = data.roleBindings.find(
      (binding) => /^User:(u|sa)-/.test(binding.principal ?? '') && !known.has(binding.principal!.slice(5)),
    )!;
    expect(orphan).toBeDefined();
    const { data: answer } = await stack.graphql(
      `query ($principalId: String) { roleBindings(first: 10, filter: { principalId: $principalId }) { totalCount nodes { id principalId principalType principal { id } } } }`,
      { principalId: orphan.principal },
    );
    expect(answer.roleBindings.nodes).toContainEqual({
      id: orphan.id,
      principalId: orphan.principal,
      principalType: orphan.principal!.startsWith('User:sa-') ? 'SERVICE_ACCOUNT' : 'HUMAN',
      principal: null,
    });
  });

  it('shows identity-pool and group-mapping principals by type, with no User', async () => {
    const data = stack.simulator.data;
    for (const [prefix, type] of [
      ['User:pool-', 'IDENTITY_POOL'],
      ['User:group-', 'GROUP_MAPPING'],
    ] as const) {
      const binding = data.roleBindings.find((candidate) => candidate.principal?.startsWith(prefix))!;
      expect(binding, prefix).toBeDefined();
      const { data: answer } = await stack.graphql(
        `query ($id: ID!) { node(id: $id) { ... on RoleBinding { principalId principalType principal { id } role { name } } } }`,
        { id: binding.id },
      );
      expect(answer.node).toEqual({
        principalId: binding.principal,
        principalType: type,
        principal: null,
        role: { name: binding.role_name },
      });
    }
  });

  it('decodes a prefixed resource pattern', async () => {
    const binding = stack.simulator.data.roleBindings.find((candidate) => /\/topic=[^/]*\*$/.test(candidate.crn_pattern ?? ''))!;
    expect(binding).toBeDefined();
    const prefix = /\/topic=([^/]*)\*$/.exec(binding.crn_pattern!)![1];
    const { data } = await stack.graphql(
      `query ($id: ID!) { node(id: $id) { ... on RoleBinding { scope { level patternType resourceType resourceName crnPattern cluster { id } } } } }`,
      { id: binding.id },
    );
    expect(data.node.scope).toEqual({
      level: 'RESOURCE',
      patternType: 'PREFIXED',
      resourceType: 'topic',
      resourceName: prefix,
      crnPattern: binding.crn_pattern,
      cluster: { id: /\/cloud-cluster=([^/]+)/.exec(binding.crn_pattern!)![1] },
    });
  });

  it('lists people with a pending invitation as INVITED when asked, and leaves them out of ACTIVE', async () => {
    const invited = invitedUserIds(stack.simulator.data);
    expect(invited.size).toBeGreaterThan(0);
    const query = `query ($status: UserStatus) { users(first: 100, filter: { status: $status, type: HUMAN }) { totalCount nodes { id status } } }`;
    const { data: invitedAnswer } = await stack.graphql(query, { status: 'INVITED' });
    expect(new Set(invitedAnswer.users.nodes.map((node: any) => node.id))).toEqual(invited);
    expect(invitedAnswer.users.nodes.every((node: any) => node.status === 'INVITED')).toBe(true);
    const { data: activeAnswer } = await stack.graphql(query, { status: 'ACTIVE' });
    expect(activeAnswer.users.totalCount).toBe(stack.simulator.data.users.length - invited.size);
    expect(activeAnswer.users.nodes.some((node: any) => invited.has(node.id))).toBe(false);
  });

  it('finds a person by email case-insensitively, and no service account for an email', async () => {
    const person = stack.simulator.data.users[7]!;
    const { data } = await stack.graphql(`query ($email: String) { users(filter: { email: $email }) { totalCount nodes { id } } }`, {
      email: person.email!.toUpperCase(),
    });
    expect(data.users).toEqual({ totalCount: 1, nodes: [{ id: person.id }] });
    expect(stack.simulator.log.count('GET /iam/v2/service-accounts')).toBe(0);
  });

  it('answers role bindings of a workspace and of a cluster at or below them', async () => {
    const data = stack.simulator.data;
    const cluster = data.clusters[0]!;
    const expected = data.roleBindings.filter(
      (binding) => /\/(cloud-cluster|kafka)=([^/]+)/.exec(binding.crn_pattern ?? '')?.[2] === cluster.id,
    );
    const { data: answer } = await stack.graphql(
      `query ($id: ID!) { node(id: $id) { ... on KafkaCluster { name workspace { id } roleBindings(first: 100) { totalCount nodes { id } } } } }`,
      { id: cluster.id },
    );
    expect(answer.node.name).toBe(cluster.spec?.display_name);
    expect(answer.node.workspace.id).toBe(cluster.spec?.environment?.id);
    expect(answer.node.roleBindings.totalCount).toBe(expected.length);
    expect(new Set(answer.node.roleBindings.nodes.map((node: any) => node.id))).toEqual(new Set(expected.map((binding) => binding.id)));
  });

  it('rejects a cursor of another list and out-of-range page sizes on nested lists, before any call', async () => {
    const { data } = await stack.graphql(`{ roles(first: 1) { pageInfo { endCursor } } }`);
    const response = await stack.graphql(`query ($after: String) { users(after: $after) { totalCount } }`, {
      after: data.roles.pageInfo.endCursor,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nested = await stack.graphql(`{ workspaces { nodes { roleBindings(first: 500) { totalCount } } } }`);
    expect(nested.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.simulator.log.count()).toBe(0);
  });
});
