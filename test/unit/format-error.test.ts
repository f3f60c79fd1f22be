import { GraphQLError, Kind, locatedError, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConfluentError } from '../../src/confluent/errors.js';
import { formatError } from '../../src/graphql/errors.js';
import { queryTooComplex } from '../../src/graphql/limits/too-complex.js';

const SECRET = 'cfltS3CR3TVALUE0123456789';
const PATH = ['workspaces', 'nodes', 0, 'usage'];
const FIELD: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'usage' } };

/** What Apollo hands formatError for an error thrown in a resolver: the located error and its JSON. */
function fromResolver(thrown: unknown) {
  const error = locatedError(thrown, [FIELD], PATH);
  const formatted = error.toJSON();
  return {
    error,
    formatted: { ...formatted, extensions: { ...formatted.extensions, code: formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR' } },
  };
}

describe('formatError', () => {
  it('turns a Confluent failure into its code and a message without URL or secret, keeping path and request id', () => {
    const upstream = new ConfluentError(`request to https://api.confluent.cloud/billing/v1/costs?key=${SECRET} timed out`, {
      kind: 'timeout',
      route: 'GET /billing/v1/costs',
      requestId: 'upstream-req-7',
    });
    const { error, formatted } = fromResolver(upstream);
    expect(formatError(formatted, error)).toEqual({
      message: 'Confluent Cloud did not answer in time',
      path: PATH,
      locations: undefined,
      extensions: { code: 'UPSTREAM_TIMEOUT', upstreamRequestId: 'upstream-req-7' },
    });
  });

  it('keeps the message, code and path of an error written for clients, and drops a stack trace', () => {
    const input = new GraphQLError('`first` must be between 1 and 100, got 0', {
      extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
    });
    const { error, formatted } = fromResolver(input);
    const withStack = {
      ...formatted,
      extensions: { ...formatted.extensions, stacktrace: ['GraphQLError: …', '    at paginate (/work/src/graphql/connections.ts:60:11)'] },
    };
    expect(formatError(withStack, error)).toEqual({
      message: '`first` must be between 1 and 100, got 0',
      path: PATH,
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
    });
  });

  it('hides an unexpected error behind "Internal error", keeping only its path', () => {
    const { error, formatted } = fromResolver(new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`));
    expect(formatError(formatted, error)).toEqual({
      message: 'Internal error',
      path: PATH,
      locations: undefined,
      extensions: { code: 'INTERNAL' },
    });
  });

  it('hides an error whose code is not one clients are meant to see', () => {
    const odd = new GraphQLError(`connect ECONNREFUSED with Basic ${SECRET}`, { extensions: { code: 'SOMETHING_ELSE' } });
    const { error, formatted } = fromResolver(odd);
    const result = formatError(formatted, error);
    expect(result.extensions).toEqual({ code: 'INTERNAL' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('keeps the QUERY_TOO_COMPLEX code of a limit rule that Apollo filed under GRAPHQL_VALIDATION_FAILED', () => {
    const rejection = queryTooComplex('Query depth limit of 12 exceeded, found 13.', 'depth');
    // As Apollo's ValidationError wraps a validation rule's error.
    const wrapped = new GraphQLError(rejection.message, {
      originalError: rejection,
      extensions: { ...rejection.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = { message: wrapped.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' } };
    expect(formatError(formatted, wrapped)).toEqual({
      message: 'Query depth limit of 12 exceeded, found 13.',
      path: undefined,
      locations: undefined,
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth' },
    });
  });

  it('keeps Apollo’s own request-level codes', () => {
    const parse = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const formatted = { message: parse.message, locations: [{ line: 1, column: 2 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatError(formatted, parse)).toEqual({ ...formatted, path: undefined });
  });
});
