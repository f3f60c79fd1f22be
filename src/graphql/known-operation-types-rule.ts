import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema does not define (this subgraph has no mutations or
 * subscriptions) while validating, as a client error, rather than failing it during execution.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (!context.getSchema().getRootType(operation.operation)) {
      context.reportError(new GraphQLError(`This subgraph does not serve ${operation.operation} operations`, { nodes: [operation] }));
    }
  },
});
