import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConfluentError } from '../../src/confluent/errors.js';
import { internalErrorLogPlugin } from '../../src/graphql/internal-error-log-plugin.js';
import type { Logger } from '../../src/logger.js';

/** A logger that keeps what it is given at error level. */
function recordingLogger() {
  const lines: Array<{ fields: Record<string, any>; message: string }> = [];
  const logger = { error: (fields: Record<string, any>, message: string) => lines.push({ fields, message }) } as unknown as Logger;
  return { logger, lines };
}

describe('internalErrorLogPlugin', () => {
  it('logs a failure to create the request context, which Apollo answers as an internal error without logging', async () => {
    const { logger, lines } = recordingLogger();
    await internalErrorLogPlugin(logger).contextCreationDidFail?.({ error: new TypeError('loaders is undefined') });
    expect(lines).toEqual([
      {
        message: 'request context could not be created',
        fields: { error: expect.objectContaining({ type: 'TypeError', message: 'loaders is undefined' }) },
      },
    ]);
  });

  it('logs only the errors that clients see as "Internal error", each once on the request’s logger', async () => {
    const server = recordingLogger();
    const request = recordingLogger();
    const listener = await internalErrorLogPlugin(server.logger).requestDidStart?.({} as never);
    const unexpected = new GraphQLError('Cannot read properties of undefined', {
      path: ['organization', 'name'],
      originalError: new TypeError('boom'),
    });
    const expected = [
      new GraphQLError('`first` must be between 1 and 100', { extensions: { code: 'BAD_USER_INPUT' } }),
      new GraphQLError('Confluent failed', {
        path: ['users'],
        originalError: new ConfluentError('failed', { kind: 'timeout', route: 'GET /iam/v2/users' }),
      }),
    ];
    await listener?.didEncounterErrors?.({ errors: [unexpected, ...expected], contextValue: { logger: request.logger } } as never);
    expect(server.lines).toEqual([]);
    expect(request.lines).toEqual([
      {
        message: 'internal error',
        fields: { path: ['organization', 'name'], error: expect.objectContaining({ type: 'TypeError', message: 'boom' }) },
      },
    ]);
  });
});
