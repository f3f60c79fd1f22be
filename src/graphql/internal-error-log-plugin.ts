import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConfluentError } from '../confluent/errors.js';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import { clientSafeCode } from './errors.js';

/**
 * What is logged of an error: never the object itself, whose other properties may hold anything. Not
 * under pino's `err` key, whose serializer would name every such object's type `Object`.
 */
function described(error: unknown): { type: string; message: string; stack?: string } {
  return error instanceof Error
    ? { type: error.name, message: error.message, stack: error.stack }
    : { type: typeof error, message: String(error) };
}

/**
 * Logs, once and with the request id, every error that formatError hides from the client as
 * "Internal error", so the cause is found in the logs. Confluent failures are not: clients see their
 * codes, and the Confluent client logs every attempt.
 */
export function internalErrorLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async contextCreationDidFail({ error }) {
      logger.error({ error: described(error) }, 'request context could not be created');
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof ConfluentError || clientSafeCode(error, error.extensions.code) !== undefined) continue;
            contextValue.logger.error({ error: described(original), path: error.path }, 'internal error');
          }
        },
      };
    },
  };
}
