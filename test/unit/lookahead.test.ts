import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { connectionNodesSelect } from '../../src/graphql/lookahead.js';

const schema = buildSchema(`
  type Principal { id: ID }
  type Binding { id: ID principal: Principal }
  type Edge { node: Binding }
  type Connection { nodes: [Binding] edges: [Edge] totalCount: Int }
  type Query { bindings: Connection }
`);

async function selectsPrincipal(query: string): Promise<boolean> {
  let answer: boolean | undefined;
  const rootValue = {
    bindings: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      answer = connectionNodesSelect(info, 'principal');
      return { nodes: [], edges: [], totalCount: 0 };
    },
  };
  const result = await graphql({ schema, source: query, rootValue });
  expect(result.errors).toBeUndefined();
  return answer!;
}

describe('connectionNodesSelect', () => {
  it.each([
    ['{ bindings { nodes { principal { id } } } }', true],
    ['{ bindings { edges { node { principal { id } } } } }', true],
    ['{ bindings { nodes { ... on Binding { principal { id } } } } }', true],
    ['query { bindings { ...page } } fragment page on Connection { nodes { ...who } } fragment who on Binding { principal { id } }', true],
    ['{ bindings { nodes { id } edges { node { id } } totalCount } }', false],
    ['{ bindings { totalCount } }', false],
  ])('%s → %s', async (query, expected) => {
    expect(await selectsPrincipal(query)).toBe(expected);
  });
});
