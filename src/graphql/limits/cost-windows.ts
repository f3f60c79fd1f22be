import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { checkPeriod, costWindows, monthToDate, type Period } from '../../usage/period.js';
import { forEachFieldArguments } from '../field-arguments.js';

/**
 * The distinct Costs API windows an operation's periods need, each one listing (a call or more) to
 * the billing API: twenty aliases of twenty different years would otherwise cost hundreds of calls.
 * A field with a `period` argument left out (`products`) reads the month to date.
 */
export function costWindowCount(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const windows = new Set<string>();
  forEachFieldArguments(schema, document, operation, variables, (field, values) => {
    if (!field.args.some((argument) => argument.name === 'period')) return;
    let period: Period;
    try {
      period = values.period ? checkPeriod(values.period as { start: string; end: string }) : monthToDate();
    } catch {
      // A bad period is the argument check's to report.
      return;
    }
    for (const window of costWindows(period)) windows.add(`${window.startDate}/${window.endDate}`);
  });
  return windows.size;
}
