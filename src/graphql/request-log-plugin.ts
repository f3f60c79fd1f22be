import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';

/** One structured line per GraphQL request: operation, duration and the error codes it returned. */
export function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ operationName, response, contextValue: context }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors ?? [] : [];
          context.logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round(performance.now() - startedAt),
              errorCodes: [...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL')))],
            },
            'graphql request',
          );
        },
      };
    },
  };
}
