import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConfluentError } from '../confluent/errors.js';
import { InvalidInputError } from '../domain-errors.js';

/** The codes clients can rely on in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The request is over a limit (depth, aliases, root fields, connection cost, representations…). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose messages were written for clients (ours, and Apollo Server's request-level ones). */
const CLIENT_SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } });
}

/** How a Confluent failure reads to a client: a code and a short message, never a URL or a secret. */
export function describeUpstreamError(error: ConfluentError): { code: ErrorCode; message: string } {
  if (error.kind === 'timeout') return { code: ErrorCode.UPSTREAM_TIMEOUT, message: 'Confluent Cloud did not answer in time' };
  if (error.kind === 'network' || error.kind === 'aborted') {
    return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: 'Confluent Cloud could not be reached' };
  }
  const status = error.status ?? 0;
  if (status === 401) return { code: ErrorCode.UNAUTHENTICATED, message: 'Confluent Cloud rejected the configured API key' };
  if (status === 403) return { code: ErrorCode.FORBIDDEN, message: 'The configured API key may not read this from Confluent Cloud' };
  if (status === 404) return { code: ErrorCode.NOT_FOUND, message: 'Confluent Cloud does not know this resource' };
  if (status === 429) return { code: ErrorCode.RATE_LIMITED, message: 'Confluent Cloud rate limit reached; try again later' };
  if (status >= 500) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `Confluent Cloud answered ${status}` };
  return { code: ErrorCode.INTERNAL, message: `Confluent Cloud refused a request this service made (${status})` };
}

const OWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The code a client may be shown for an error, or undefined for an unexpected one. Apollo files the
 * errors of every validation rule under GRAPHQL_VALIDATION_FAILED; the code one of our own rules
 * chose stays on the original error and says more.
 */
export function clientSafeCode(error: unknown, code: unknown): string | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const ownCode = original instanceof GraphQLError ? original.extensions.code : undefined;
  if (typeof ownCode === 'string' && OWN_CODES.has(ownCode)) return ownCode;
  if (typeof code === 'string' && CLIENT_SAFE_CODES.has(code)) return code;
  // Apollo refuses some requests with a 4xx status but no code (an unsupported persisted query version).
  return isRefusedRequest(error) ? 'BAD_REQUEST' : undefined;
}

function isRefusedRequest(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: unknown } | undefined)?.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Apollo's formatError: keeps message, code, path and locations of errors meant for clients, maps
 * Confluent failures to a code, and hides everything else (stack traces, URLs, internals).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof InvalidInputError) {
    return { ...base, message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT, argument: original.argument } };
  }
  if (original instanceof ConfluentError) {
    const { code, message } = describeUpstreamError(original);
    const requestId = original.requestId ? { upstreamRequestId: original.requestId } : {};
    return { ...base, message, extensions: { code, ...requestId } };
  }
  const code = clientSafeCode(error, formatted.extensions?.code);
  if (code !== undefined) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    return { ...base, message: formatted.message, extensions: { ...extensions, code } };
  }
  return { ...base, message: 'Internal error', extensions: { code: ErrorCode.INTERNAL } };
}
