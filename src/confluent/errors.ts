// The one error type the Confluent client throws. It names the call by its route template and
// carries Confluent's own status, code and request id, but never request headers or query values,
// so it is safe to log, serialize or show.

import { rateLimitWaitSeconds, type RateLimitHeaders, type TransportFailure } from './retry-policy.js';

export type ConfluentErrorKind = 'http' | 'timeout' | 'network' | 'aborted';

export interface ConfluentErrorFields {
  kind: ConfluentErrorKind;
  /** Route template such as `GET /iam/v2/users/{id}`. */
  route: string;
  status?: number;
  /** Confluent's application code (`invalid_filter`, `forbidden_access`) or an MDS `error_code`. */
  code?: string;
  detail?: string;
  /** `X-Request-Id` of the failed response, for Confluent support. */
  requestId?: string;
  retryAfterSeconds?: number;
}

/** What is kept of a low-level error: undici errors can hold sockets, headers or bodies. */
export interface SafeCause {
  name: string;
  code?: string;
  message: string;
}

export class ConfluentError extends Error {
  override readonly name = 'ConfluentError';
  readonly kind: ConfluentErrorKind;
  readonly route: string;
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(message: string, fields: ConfluentErrorFields, cause?: SafeCause) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = fields.kind;
    this.route = fields.route;
    this.status = fields.status;
    this.code = fields.code;
    this.detail = fields.detail;
    this.requestId = fields.requestId;
    this.retryAfterSeconds = fields.retryAfterSeconds;
  }

  toJSON(): ConfluentErrorFields & { name: string; message: string } {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      route: this.route,
      status: this.status,
      code: this.code,
      detail: this.detail,
      requestId: this.requestId,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

export interface ErrorResponse {
  status: number;
  headers: RateLimitHeaders & { 'x-request-id'?: string };
  body: string;
}

export function responseError(route: string, response: ErrorResponse, now = Date.now()): ConfluentError {
  const { status, headers } = response;
  const { code, title, detail } = parseErrorBody(response.body);
  // The detail says what went wrong ("start date is too far in the past"); a title only names the code.
  const summary = detail ?? title;
  const message = `Confluent ${route} answered ${status}${code ? ` ${code}` : ''}${summary ? `: ${summary}` : ''}`;
  return new ConfluentError(message, {
    kind: 'http',
    route,
    status,
    code,
    detail: summary,
    requestId: headers['x-request-id'],
    retryAfterSeconds: status === 429 ? rateLimitWaitSeconds(headers, now) : undefined,
  });
}

interface ErrorBody {
  code?: string;
  title?: string;
  detail?: string;
}

/**
 * Reads the error bodies Confluent sends: `{errors:[{status,code,title,detail,source}]}`, a bare
 * error object (seen on cmk and api-key reads), the MDS `{error_code, message}`, or any non-JSON text.
 */
export function parseErrorBody(body: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { detail: snippet(body) };
  }
  if (!isRecord(json)) return { detail: snippet(body) };
  const entry = Array.isArray(json.errors) && isRecord(json.errors[0]) ? json.errors[0] : json;
  return {
    code: text(entry.code) ?? codeText(entry.error_code),
    title: text(entry.title),
    detail: text(entry.detail) ?? text(entry.message),
  };
}

const FAILURE_TEXT: Record<TransportFailure, string> = {
  'connect-timeout': 'could not connect in time',
  'headers-timeout': 'sent no response headers in time',
  'body-timeout': 'stalled while sending the response body',
  connection: 'lost the connection',
  unknown: 'failed before a response',
};

export function transportError(route: string, failure: TransportFailure, error: unknown): ConfluentError {
  const cause = safeCause(error);
  const kind = failure.endsWith('timeout') ? 'timeout' : 'network';
  const message = `Confluent ${route} ${FAILURE_TEXT[failure]}${cause.code ? ` (${cause.code})` : ''}`;
  return new ConfluentError(message, { kind, route }, cause);
}

export function abortError(route: string, kind: 'timeout' | 'aborted'): ConfluentError {
  const message = `Confluent ${route} ${kind === 'timeout' ? 'did not finish before the deadline' : 'was aborted'}`;
  return new ConfluentError(message, { kind, route });
}

/** A response that breaks the API's contract: a body that is not JSON, a page token seen twice. */
export function unexpectedResponseError(route: string, detail: string, response?: { status: number; requestId?: string }): ConfluentError {
  return new ConfluentError(`Confluent ${route} answered unexpectedly: ${detail}`, {
    kind: 'http',
    route,
    status: response?.status,
    detail,
    requestId: response?.requestId,
  });
}

const NOT_FOUND_403_CODES = new Set(['forbidden_access', '40301']);

/**
 * True when a read failed because the object does not exist. Confluent answers 404, except for
 * Kafka clusters (403 `forbidden_access`) and role bindings (403, MDS `error_code` 40301). An
 * invalid API key can also come back as a 403, and must not read as "not found".
 */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof ConfluentError) || error.kind !== 'http') return false;
  if (error.status === 404) return true;
  return (
    error.status === 403 && NOT_FOUND_403_CODES.has(error.code ?? '') && !/invalid api key/i.test(`${error.message} ${error.detail ?? ''}`)
  );
}

function safeCause(error: unknown): SafeCause {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

const SNIPPET_LENGTH = 200;

function snippet(body: string): string | undefined {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat === '' ? undefined : flat.slice(0, SNIPPET_LENGTH);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? snippet(value) : undefined;
}

function codeText(value: unknown): string | undefined {
  return typeof value === 'number' ? String(value) : text(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
