import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import { errorCodesOf } from '../observability/response-errors.js';

/**
 * One structured line per GraphQL request: operation, duration, the HTTP requests it made to
 * Confluent (retries included) and the error codes it returned.
 */
export function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ operationName, response, contextValue: context }) {
          context.logger.info(
            {
              operationName: operationName ?? null,
              // Who looked: the token's subject and scopes, never the token.
              sub: context.caller.sub,
              scopes: context.caller.scopes,
              durationMs: Math.round(performance.now() - startedAt),
              upstreamCalls: context.upstreamCalls.count,
              errorCodes: errorCodesOf(response),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
