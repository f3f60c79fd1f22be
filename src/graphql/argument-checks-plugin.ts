import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context.js';
import { checkPeriod } from '../usage/period.js';
import { pageSize, parseCursor } from './connections.js';
import { InvalidInputError } from '../domain-errors.js';
import { badUserInput } from './errors.js';
import { forEachFieldArguments } from './field-arguments.js';
import { checkIdFormat } from './ids.js';
import { checkRepresentations } from './representations.js';

/**
 * Checks every `first`, `after`, `period`, `id` and `representations` argument of the operation,
 * nested ones included, before any resolver runs: bad input anywhere fails the whole request at once,
 * with no upstream call made, instead of failing deep in the tree after the lists above it were read.
 * Whether a cursor belongs to the list it is used on is checked when that list is paged.
 */
export function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): void {
  forEachFieldArguments(schema, document, operation, rawVariables, (field, values) => {
    if ('first' in values) pageSize(values.first as number | null);
    if (typeof values.after === 'string') parseCursor(values.after);
    if (typeof values.id === 'string') checkIdFormat(values.id);
    if (field.name === '_entities' && Array.isArray(values.representations)) checkRepresentations(schema, values.representations);
    if (values.period) checkPeriod(values.period as { start: string; end: string });
  });
}

export function argumentChecksPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          try {
            checkArguments(schema, document, operation, request.variables ?? {});
          } catch (error) {
            const refused = error instanceof InvalidInputError ? badUserInput(error.message, { argument: error.argument }) : error;
            if (!(refused instanceof GraphQLError)) throw error;
            throw new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
