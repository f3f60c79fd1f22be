// Confluent's error bodies. Most APIs answer with a `Failure` ({"errors":[Error…]}); the role
// binding service answers some errors in its own older shape, which its route builds itself.

export interface Reply {
  status: number;
  /** Sent as JSON; an EncodedBody is sent as it is. */
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A body already encoded as UTF-8 JSON, for responses too large to encode on every call; in parts
 * sent one after another, so a large kept part is never copied into a new buffer.
 */
export class EncodedBody {
  readonly parts: readonly Buffer[];
  constructor(...parts: Buffer[]) {
    this.parts = parts;
  }
}

export interface Problem {
  code: string;
  title?: string;
  detail: string;
  /** Confluent sends `{}` when no parameter or pointer is to blame. */
  source?: { parameter?: string; pointer?: string };
}

/** Thrown by request checks deep in a handler; the server answers it as a `Failure`. */
export class ConfluentError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
  }
}

/** A `Failure` body; the error's id is the request's id, so a report can be traced to its request. */
export function failure(requestId: string, status: number, problem: Problem): Reply {
  return { status, body: { errors: [{ id: requestId, status: String(status), ...problem }] } };
}

export function invalidFilter(parameter: string, detail: string): ConfluentError {
  return new ConfluentError(400, { code: 'invalid_filter', title: 'Invalid Filter', detail, source: { parameter } });
}

export function missingFilter(parameter: string): ConfluentError {
  return invalidFilter(parameter, `The '${parameter}' filter is required`);
}

export function notFound(code = 'resource_not_found', detail = 'Resource Not Found'): ConfluentError {
  return new ConfluentError(404, { code, detail, source: {} });
}

/** What cmk answers for a cluster that does not exist or is not in the given environment. */
export function forbiddenAccess(): ConfluentError {
  return new ConfluentError(403, { code: 'forbidden_access', detail: 'Forbidden Access', source: {} });
}

export const UNAUTHENTICATED: Problem = {
  code: 'user_unauthenticated',
  title: 'Authentication Required',
  detail: 'Valid authentication credentials must be provided',
  source: {},
};

export function tooManyRequests(retryAfterSeconds: number): Problem {
  return {
    code: 'too_many_requests',
    title: 'Too Many Requests',
    detail: `Too many requests have been made. Retry after ${retryAfterSeconds} seconds.`,
    source: {},
  };
}

const SERVER_ERRORS: Record<number, Omit<Problem, 'source'>> = {
  500: { code: 'internal_server_error', title: 'Internal Server Error', detail: 'An unexpected error occurred' },
  502: { code: 'bad_gateway', title: 'Bad Gateway', detail: 'The upstream service answered with an invalid response' },
  503: { code: 'service_unavailable', title: 'Service Unavailable', detail: 'The service is temporarily unavailable' },
  504: { code: 'gateway_timeout', title: 'Gateway Timeout', detail: 'The upstream service did not answer in time' },
};

export function serverError(status: number): Problem {
  return { ...(SERVER_ERRORS[status] ?? { code: 'server_error', title: 'Server Error', detail: `HTTP ${status}` }), source: {} };
}
