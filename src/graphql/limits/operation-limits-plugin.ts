import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../../context.js';
import { connectionCost } from './connection-cost.js';
import { costWindowCount } from './cost-windows.js';
import { entityRepresentationCount } from './entity-representations.js';
import type { RequestLimits } from './request-limits.js';
import { queryTooComplex } from './too-complex.js';

/**
 * The limits that depend on variable values (`first: $first`, `representations: $representations`),
 * so they are checked once the operation is known, not during validation; still before execution.
 */
export function operationLimitsPlugin(
  limits: Pick<RequestLimits, 'maxConnectionCost' | 'maxEntityRepresentations' | 'maxCostWindows'>,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          checkLimits(schema, document, operation, request.variables ?? {});
        },
      };
    },
  };

  function checkLimits(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): void {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    // Variables that do not coerce fail the request at execution, before any resolver runs.
    if (coerced.errors) return;
    const representations = entityRepresentationCount(schema, document, operation, coerced.coerced);
    if (representations > limits.maxEntityRepresentations) {
      throw queryTooComplex(
        `Entity representations limit of ${limits.maxEntityRepresentations} exceeded, found ${representations}.`,
        'entityRepresentations',
      );
    }
    const cost = connectionCost(schema, document, operation, coerced.coerced);
    if (cost > limits.maxConnectionCost) {
      throw queryTooComplex(
        `Connection cost limit of ${limits.maxConnectionCost} exceeded, found ${cost}: ask for smaller pages (\`first\`) in nested connections.`,
        'connectionCost',
      );
    }
    // Raw variables: the walk coerces them itself.
    const windows = costWindowCount(schema, document, operation, variables);
    if (windows > limits.maxCostWindows) {
      throw queryTooComplex(
        `Cost windows limit of ${limits.maxCostWindows} exceeded, found ${windows}: each is a call to Confluent's billing API (31 days at most); ask for fewer or shorter periods.`,
        'costWindows',
      );
    }
  }
}
