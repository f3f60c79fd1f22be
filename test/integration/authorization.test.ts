// Authorization by scope: the subgraph enforces its SDL's @requiresScopes for callers with tokens. A
// field the caller's scopes do not cover is null with FORBIDDEN at its path, the rest of the
// response stands, and nothing is read from Confluent for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { lastFullMonth } from '../helpers/expected.js';
import { startServerOver, type ServerUnderTest } from '../helpers/stack.js';
import { jwksServer, jwtAuth, signingKey, token, type SigningKey } from '../helpers/tokens.js';

const INVENTORY = 'confluent:inventory:read';
const DIRECTORY = 'confluent:directory:read';
const BILLING = 'confluent:billing:read';

const WORKSPACES = `query ($period: DateRangeInput!) { workspaces(first: 5) { totalCount nodes { id name
  usageSummary(period: $period) { amount }
  roleBindings(first: 5) { totalCount nodes { id principal { id } } } } } }`;

describe('authorization by scope', () => {
  let simulator: Simulator;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let key: SigningKey;
  let server: ServerUnderTest;
  let cached: ServerUnderTest;
  const period = lastFullMonth();

  beforeAll(async () => {
    simulator = await startSimulator();
    key = await signingKey('key-1');
    jwks = await jwksServer([key]);
    server = await startServerOver(simulator, { config: { auth: jwtAuth(jwks.url) } });
    cached = await startServerOver(simulator, { config: { auth: jwtAuth(jwks.url), cache: { kind: 'memory', maxBytes: 50_000_000 } } });
  });
  afterAll(async () => {
    await server.close();
    await cached.close();
    jwks.server.close();
    await simulator.close();
  });

  async function ask(on: ServerUnderTest, claims: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}) {
    simulator.log.clear();
    const response = await fetch(`${on.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(key, claims)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: Array<{ path?: unknown[]; extensions?: { code?: string } }> };
    return { ...body, routes: simulator.log.countsByRoute() };
  }

  const forbiddenPaths = (errors: Array<{ path?: unknown[]; extensions?: { code?: string } }> = []) =>
    errors.filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path?.join('.'));

  it('answers every field to a caller with every scope', async () => {
    const { data, errors } = await ask(server, { scope: `${INVENTORY} ${DIRECTORY} ${BILLING}` }, WORKSPACES, { period });
    expect(errors).toBeUndefined();
    expect(data.workspaces.nodes[0].usageSummary).toHaveLength(1);
    expect(data.workspaces.nodes[0].roleBindings.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('leaves billing and directory fields null for an inventory caller, reading neither costs nor role bindings', async () => {
    const { data, errors, routes } = await ask(server, { scope: INVENTORY }, WORKSPACES, { period });
    expect(data.workspaces.nodes.map((workspace: any) => workspace.id)).toEqual(
      simulator.data.environments.slice(0, 5).map((environment) => environment.id),
    );
    expect(data.workspaces.nodes.every((workspace: any) => workspace.usageSummary === null && workspace.roleBindings === null)).toBe(true);
    expect(forbiddenPaths(errors)).toEqual(
      expect.arrayContaining(['workspaces.nodes.0.usageSummary', 'workspaces.nodes.0.roleBindings', 'workspaces.nodes.4.roleBindings']),
    );
    expect(Object.keys(routes).sort()).toEqual(['GET /org/v2/environments']);
  });

  it('reads scopes from an `scp` array as from a `scope` string', async () => {
    const { data, errors, routes } = await ask(server, { scope: undefined, scp: [INVENTORY, BILLING] }, WORKSPACES, { period });
    expect(data.workspaces.nodes[0].usageSummary).toHaveLength(1);
    expect(forbiddenPaths(errors).every((path) => path?.endsWith('roleBindings'))).toBe(true);
    expect(routes['GET /iam/v2/role-bindings']).toBeUndefined();
  });

  it('refuses root fields, entities and node ids of a domain the caller lacks, before any call', async () => {
    const binding = simulator.data.roleBindings[0]!;
    const user = simulator.data.users[0]!;
    const query = `query ($representations: [_Any!]!) {
      organization { id }
      users(first: 1) { totalCount }
      user: node(id: "${user.id}") { id }
      binding: node(id: "${binding.id}") { id }
      _entities(representations: $representations) { ... on RoleBinding { id } }
    }`;
    const { data, errors, routes } = await ask(server, { scope: INVENTORY }, query, {
      representations: [{ __typename: 'RoleBinding', id: binding.id }],
    });
    expect(data.organization.id).toBe(simulator.data.organization.id);
    expect(data.users).toBeNull();
    expect(data.user).toBeNull();
    expect(data.binding).toBeNull();
    expect(data._entities).toEqual([null]);
    expect(forbiddenPaths(errors).sort()).toEqual(['_entities.0', 'binding', 'user', 'users']);
    expect(Object.keys(routes).sort()).toEqual(['GET /org/v2/organizations']);
  });

  it('refuses the access review and its entities to a caller without the directory scope, reading nothing', async () => {
    const key = simulator.data.apiKeys[0]!;
    const pool = Object.values(simulator.data.identityPools).flat()[0]!;
    const query = `{
      key: node(id: "${key.id}") { id }
      pool: node(id: "${pool.id}") { id }
      accessFindings(first: 1) { totalCount }
      clusters: workspaces(first: 1) { nodes { clusters(first: 1) { nodes { apiKeys(first: 1) { totalCount } effectiveRoleBindings(first: 1) { totalCount } } } } }
    }`;
    const { data, errors, routes } = await ask(server, { scope: INVENTORY }, query);
    expect(data.key).toBeNull();
    expect(data.pool).toBeNull();
    expect(data.accessFindings).toBeNull();
    expect(data.clusters.nodes[0].clusters.nodes[0]).toEqual({ apiKeys: null, effectiveRoleBindings: null });
    expect(forbiddenPaths(errors).sort()).toEqual([
      'accessFindings',
      'clusters.nodes.0.clusters.nodes.0.apiKeys',
      'clusters.nodes.0.clusters.nodes.0.effectiveRoleBindings',
      'key',
      'pool',
    ]);
    expect(Object.keys(routes).sort()).toEqual(['GET /cmk/v2/clusters', 'GET /org/v2/environments']);
  });

  it('keeps responses apart by the scopes of their callers', async () => {
    const query = `query ($period: DateRangeInput!) { workspaces(first: 2) { nodes { id usageSummary(period: $period) { amount } } } }`;
    const billing = await ask(cached, { scope: `${INVENTORY} ${BILLING}` }, query, { period });
    const inventory = await ask(cached, { scope: INVENTORY }, query, { period });
    expect(billing.data.workspaces.nodes[0].usageSummary).toHaveLength(1);
    expect(inventory.data.workspaces.nodes[0].usageSummary).toBeNull();
    // The billing caller again: served as kept, with its own response.
    const again = await ask(cached, { scope: `${BILLING} ${INVENTORY}` }, query, { period });
    expect(again.data).toEqual(billing.data);
    expect(again.routes).toEqual({});
  });
});
