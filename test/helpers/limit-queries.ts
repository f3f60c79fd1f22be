// Operations sized against the request limits, shared by the limits and bad-request tests.
import { Lexer, Source, TokenKind } from 'graphql';

/** A query exactly `depth` field levels deep: organization → workspaces → nodes → organization… */
export function queryOfDepth(depth: number): string {
  const cycle = ['organization', 'workspaces(first: 1)', 'nodes'] as const;
  const leafAfter = { organization: 'id', 'workspaces(first: 1)': 'totalCount', nodes: 'id' } as const;
  const path = Array.from({ length: depth - 1 }, (_, level) => cycle[level % cycle.length]!);
  return `{ ${path.reduceRight((inner: string, field) => `${field} { ${inner} }`, leafAfter[path.at(-1)!])} }`;
}

export const aliasedIds = (count: number) => `{ organization { ${Array.from({ length: count }, (_, i) => `a${i}: id`).join(' ')} } }`;

export const rootFields = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `r${i}: organization { id }`).join(' ')} }`;

export const directives = (count: number) => `{ organization { ${'... @include(if: true) { id } '.repeat(count)}} }`;

function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** A query of exactly `count` parser tokens: one entity representation padded with a long list. */
export function tokens(count: number): string {
  const query = (padding: number) =>
    `{ _entities(representations: [{ __typename: "Role", id: "CloudClusterAdmin", padding: [${' 0'.repeat(padding)} ] }]) { __typename } }`;
  return query(count - tokenCount(query(0)));
}

export const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Role { id } } }';

export const roleRepresentations = (count: number) => Array.from({ length: count }, (_, i) => ({ __typename: 'Role', id: `Role${i}` }));

/** Five times 100 workspaces with `$first` clusters each: 5 × (100 + 100 × $first) nodes. */
export const FIVE_WORKSPACE_LISTS = `query ($first: Int!) { ${Array.from(
  { length: 5 },
  (_, i) => `w${i}: workspaces(first: 100) { nodes { clusters(first: $first) { totalCount } } }`,
).join(' ')} }`;
