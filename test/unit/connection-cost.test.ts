import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { connectionCost, PARTITION_CAP } from '../../src/graphql/limits/connection-cost.js';
import { loadConfig } from '../../src/config.js';
import { loadTypeDefs } from '../../src/schema.js';

const schema = buildSubgraphSchema(loadTypeDefs());

function costOf(source: string, variables: Record<string, unknown> = {}, operationName?: string): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || definition.name?.value === operationName),
  );
  if (!operation) throw new Error(`no operation ${operationName ?? ''}`);
  return connectionCost(schema, document, operation, variables);
}

describe('connectionCost', () => {
  it('counts a connection’s first, and 20 when first is absent', () => {
    expect(costOf('{ users(first: 7) { totalCount } }')).toBe(7);
    expect(costOf('{ users { totalCount } }')).toBe(20);
    expect(costOf('{ organization { id name } node(id: "x") { id } }')).toBe(0);
  });

  it('multiplies nested connections by the first of every connection above them, and sums siblings', () => {
    // 10 workspaces + 10 × 5 clusters + 10 × 5 × 2 role bindings of each cluster + 10 × 3 usage lines.
    const query = `query ($period: DateRangeInput!) { workspaces(first: 10) { nodes {
      clusters(first: 5) { nodes { roleBindings(first: 2) { totalCount } } }
      usage(period: $period, first: 3) { totalCount }
    } } }`;
    expect(costOf(query, { period: { start: '2026-01-01', end: '2026-02-01' } })).toBe(10 + 50 + 100 + 30);
  });

  it('stops a connection that partitions one organization-wide list at the cap, and multiplies what it selects by that', () => {
    // 100 providers, 100 × 100 pools (each pool is one provider's), their bindings capped, then each binding's role.
    const query =
      '{ identityProviders(first: 100) { nodes { identityPools(first: 100) { nodes { roleBindings(first: 100) { nodes { id } } } } } } }';
    expect(costOf(query)).toBe(100 + PARTITION_CAP + PARTITION_CAP);
    // Workspaces' clusters are not a partition here: counted in full.
    expect(costOf('{ workspaces(first: 100) { nodes { clusters(first: 100) { totalCount } } } }')).toBe(100 + 10_000);
    expect(
      costOf(
        '{ users(first: 100) { nodes { roleBindings(first: 100) { nodes { scope { cluster { roleBindings(first: 3) { totalCount } } } } } } } }',
      ),
    ).toBe(100 + PARTITION_CAP + 3 * PARTITION_CAP);
  });

  it('reads first from variables', () => {
    const query = 'query ($outer: Int, $inner: Int) { roles(first: $outer) { nodes { roleBindings(first: $inner) { totalCount } } } }';
    expect(costOf(query, { outer: 4, inner: 25 })).toBe(4 + 100);
    expect(costOf(query, {})).toBe(20 + 400);
  });

  it('counts connections inside fragments at the size of the place each spread sits in', () => {
    const query = `
      { workspaces(first: 10) { nodes { ...Access } } organization { workspaces(first: 2) { nodes { ...Access } } } }
      fragment Access on Workspace { roleBindings(first: 3) { edges { node { id } } } ... on Workspace { clusters(first: 4) { totalCount } } }`;
    expect(costOf(query)).toBe(10 + 10 * 7 + 2 + 2 * 7);
  });

  it('counts _entities as a list of its representations', () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Role { roleBindings(first: 10) { totalCount } } } }';
    const representations = Array.from({ length: 30 }, (_, i) => ({ __typename: 'Role', id: `Role${i}` }));
    expect(costOf(query, { r: representations })).toBe(30 + 30 * 10);
  });

  it('counts a fragment spread twice into one selection once, as execution merges it', () => {
    expect(costOf('{ ...Users ...Users } fragment Users on Query { users(first: 5) { totalCount } }')).toBe(5);
  });

  it('stays linear in the size of a document whose fragments spread each other many times over', () => {
    const fragments = Array.from({ length: 40 }, (_, i) =>
      i === 0
        ? 'fragment F0 on Organization { workspaces(first: 1) { totalCount } }'
        : `fragment F${i} on Organization { ...F${i - 1} ...F${i - 1} }`,
    );
    expect(costOf(`{ organization { ...F39 } } ${fragments.join(' ')}`)).toBe(1);
  });
});

const CONTRACT = fileURLToPath(new URL('../../../shared/contract/operations.graphql', import.meta.url));

describe.skipIf(!existsSync(CONTRACT))('the contract’s operations under the default limit', () => {
  const source = existsSync(CONTRACT) ? readFileSync(CONTRACT, 'utf8') : '';
  const period = { start: '2026-01-01', end: '2026-02-01' };

  it('prices the flagship WorkspaceUsageAndAccess at 30,100, well under the default limit', () => {
    // 100 workspaces, each with 100 clusters, 100 usage lines and 100 role bindings.
    const cost = costOf(source, { period }, 'WorkspaceUsageAndAccess');
    expect(cost).toBe(100 + 3 * 100 * 100);
    expect(cost * 1.5).toBeLessThan(loadConfig({}).limits.maxConnectionCost);
  });
});
