import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costWindowCount } from '../../src/graphql/limits/cost-windows.js';
import { loadTypeDefs } from '../../src/schema.js';

const schema = buildSubgraphSchema(loadTypeDefs());

function windowsOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return costWindowCount(schema, document, operation, variables);
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('costWindowCount', () => {
  it('counts a window that several fields share once', () => {
    const month = `{ start: "${day(-40)}", end: "${day(-10)}" }`;
    expect(
      windowsOf(
        `{ a: usageSummary(period: ${month}) { amount } b: usage(period: ${month}) { totalCount } c: products(period: ${month}) { totalCount } }`,
      ),
    ).toBe(1);
  });

  it('counts every window of a long period, in fragments and nested fields, and the month to date of products without one', () => {
    const query = `query ($p: DateRangeInput!) { workspaces { nodes { ...W } } products { totalCount } }
      fragment W on Workspace { usageSummary(period: $p) { amount } }`;
    expect(windowsOf(query, { p: { start: day(-364), end: day(0) } })).toBe(12 + 1);
  });

  it('leaves out periods the argument check refuses, and counts nothing for variables that do not coerce', () => {
    expect(windowsOf(`{ usageSummary(period: { start: "2001-01-01", end: "2001-02-01" }) { amount } }`)).toBe(0);
    expect(windowsOf(`query ($p: DateRangeInput!) { usageSummary(period: $p) { amount } }`, { p: 'not a period' })).toBe(0);
  });
});
