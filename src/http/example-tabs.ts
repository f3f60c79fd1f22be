import { Kind, parse } from 'graphql';
import { lastFullMonth, lastFullMonths } from '../calendar.js';
import { EXAMPLE_OPERATIONS } from './example-operations.js';

/** One GraphiQL tab: an operation's text (with the comments above it) and its variables as JSON. */
export interface ExampleTab {
  operationName: string;
  query: string;
  variables?: string;
}

type Period = ReturnType<typeof lastFullMonth>;

/** The last seven finished days: what the Metrics API still holds. */
function lastWeek(today: Date): Period {
  const day = (offset: number) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset)).toISOString().slice(0, 10);
  return { start: day(-7), end: day(0) };
}

/**
 * Variables each operation runs with as it stands. Ids that differ between organizations are left
 * as placeholders; role names and product codes are the same everywhere.
 */
function exampleVariables(period: Period, quarter: Period, week: Period): Record<string, Record<string, unknown>> {
  return {
    AccessFindings: { first: 50, activityPeriod: week },
    ApiKeys: { first: 20 },
    PrincipalAccess: { id: 'sa-replace-me', period: week },
    ClusterAccess: { id: 'lkc-replace-me' },
    WorkspaceUsageAndAccess: { period },
    Users: { first: 20 },
    UserAccess: { id: 'u-replace-me' },
    RoleBindings: { first: 20, roleName: 'CloudClusterAdmin' },
    Products: { period },
    UsageBreakdown: { period },
    CostTrend: { period: quarter },
    Chargeback: { period },
    Usage: { period, first: 20 },
    NodeLookup: { id: 'CloudClusterAdmin' },
    Entities: {
      representations: [
        { __typename: 'Role', id: 'CloudClusterAdmin' },
        { __typename: 'Product', id: 'KAFKA' },
      ],
    },
  };
}

/** Each operation's own text, cut from the document so its layout and leading comment survive. */
const OPERATION_TEXTS = (() => {
  const definitions = parse(EXAMPLE_OPERATIONS).definitions;
  return definitions.map((definition, index) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) {
      throw new Error('example operations must all be named operations');
    }
    const from = index === 0 ? 0 : (definitions[index - 1]?.loc?.end ?? 0);
    const query = EXAMPLE_OPERATIONS.slice(from, definition.loc?.end).trim() + '\n';
    return { operationName: definition.name.value, query };
  });
})();

/** GraphiQL's opening tabs, the flagship first, with periods relative to `today`. */
export function exampleTabs(today: Date): ExampleTab[] {
  const variables = exampleVariables(lastFullMonth(today), lastFullMonths(3, today), lastWeek(today));
  return OPERATION_TEXTS.map((tab) => {
    const values = variables[tab.operationName];
    return values ? { ...tab, variables: JSON.stringify(values, null, 2) } : tab;
  });
}
