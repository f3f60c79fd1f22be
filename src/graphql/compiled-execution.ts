// Executes operations through graphql-jit: each document is compiled once into functions that
// resolve and complete its fields without graphql-js's per-field bookkeeping, which is most of the
// time of a wide answer (a hundred thousand fields for every workspace's usage and access). It is
// plugged in where Apollo Server takes an executor (its gateway interface), so parsing,
// validation, plugins and error formatting stay Apollo's own.
import type { ApolloServerOptions } from '@apollo/server';
import { execute, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { asksForFederatedTrace } from './federated-trace.js';

/**
 * Values of the built-in scalars and of enums are written as the resolvers return them: Confluent's
 * fields as its API types them, usage lines (which keep the declared types whatever a cost page
 * holds) and values the loaders work out (counts, dollars, enum names). graphql-jit would otherwise
 * build an error location and path for every value it writes, about 4 KB of garbage for each usage
 * line shown and tens of milliseconds of a cold wide answer. Null checks stay, and Date and
 * DateTime values are still serialized.
 */
const COMPILE_OPTIONS = { disableLeafSerialization: true };

type GatewayInterface = NonNullable<ApolloServerOptions<never>['gateway']>;
type Executor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type SchemaListener = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

/**
 * graphql-jit's errors leave out `extensions` when the cause has none, and plugins and Apollo's
 * formatting read them as graphql-js makes them; so they are made again as graphql-js errors.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const remade = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  return Object.assign(remade, { locations: error.locations });
}

function withGraphQLJsErrors(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
}

export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  // Apollo keeps each query's parsed document while it is in use, so compiled queries live as long.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  function compiledFor(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    let query = byOperation.get(operationName ?? '');
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined, COMPILE_OPTIONS);
      query = isCompiledQuery(result) ? result : null;
      byOperation.set(operationName ?? '', query);
    }
    return query;
  }

  const executor: Executor = async (request) => {
    const { document, operation, context } = request;
    // As the client named it: Apollo's own name is null when it found no operation of that name.
    const operationName = request.request.operationName ?? null;
    const variables = request.request.variables ?? {};
    const run = { schema, document, operationName, contextValue: context, variableValues: variables };
    // Traced requests run on graphql-js, where Apollo's inline trace plugin sees every field; so do
    // requests whose operation Apollo could not pick, for graphql-js's own error about it.
    if (!operation || asksForFederatedTrace(request.request.http)) return execute(run);
    // Variables are checked as graphql-js checks them, so bad input gets the same errors.
    const checked = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (checked.errors) return { errors: checked.errors };
    const query = compiledFor(document, operationName);
    return query ? withGraphQLJsErrors(await query.query(undefined, context, variables)) : execute(run);
  };

  const listeners: SchemaListener[] = [];
  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {},
  };
}
