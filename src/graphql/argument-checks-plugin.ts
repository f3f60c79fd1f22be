import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getVariableValues,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from '../context.js';
import { checkPeriod } from '../usage/period.js';
import { pageSize, parseCursor } from './connections.js';
import { InvalidInputError } from '../domain-errors.js';
import { badUserInput } from './errors.js';
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
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  // Variables that do not coerce are reported by Apollo's own validation; nothing to add here.
  if (coerced.errors) return;
  const typeInfo = new TypeInfo(schema);
  // The operation itself and the fragments (validation has made sure each one is used).
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const checkFields = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (!field || field.args.length === 0) return;
      const values = getArgumentValues(field, node, coerced.coerced);
      if ('first' in values) pageSize(values.first as number | null);
      if (typeof values.after === 'string') parseCursor(values.after);
      if (typeof values.id === 'string') checkIdFormat(values.id);
      if (field.name === '_entities' && Array.isArray(values.representations)) checkRepresentations(schema, values.representations);
      if (values.period) checkPeriod(values.period as { start: string; end: string });
    },
  });
  for (const definition of [operation, ...fragments]) visit(definition, checkFields);
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
