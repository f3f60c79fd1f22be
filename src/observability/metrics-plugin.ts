import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import type { Metrics } from './metrics.js';
import { errorCodesOf } from './response-errors.js';

/** Counts and times every GraphQL request by operation name and outcome. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          const outcome = errorCodesOf(response).length > 0 ? 'error' : 'success';
          metrics.recordGraphqlRequest(operationName, outcome, (performance.now() - startedAt) / 1000);
        },
      };
    },
  };
}
