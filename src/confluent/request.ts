// One logical call to Confluent (a GET, or a Metrics API query): attempts under the per-host concurrency cap, retries as the policy
// decides, and turns every failure into a ConfluentError. Each attempt is reported to the logger
// and the observability hook.

import { openCallScope, type CallScope, type RequestOptions } from './call-scope.js';
import { abortError, ConfluentError, responseError, transportError, unexpectedResponseError } from './errors.js';
import { transportFailureOf, type CallOptions, type HttpResponse, type HttpTransport } from './http.js';
import { decideRetry, retryReasonOf, type AttemptOutcome, type RetryPolicy, type RetryReason } from './retry-policy.js';
import { isRead, methodOf, pathOf, type Route, type RouteInput } from './routes.js';
import type { RateBudget } from './rate-budget.js';
import type { Turn } from './semaphore.js';

/** The part of a pino logger the client uses. */
export interface Logger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** One attempt of an upstream call, successful or not. */
export interface UpstreamCallEvent {
  route: Route;
  status?: number;
  /** Time on the wire, from sending the request to reading the whole body; excludes queueing. */
  durationMs: number;
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number;
  /** On a retry: why the attempt before it was repeated. */
  retryReason?: RetryReason;
  /** Confluent's `X-Request-Id` of the response, for Confluent support. */
  requestId?: string;
  error?: ConfluentError;
}

export interface RequesterOptions {
  /** Holds the concurrency cap: calls beyond it wait there, in their turn. */
  transport: HttpTransport;
  policy: RetryPolicy;
  /** Calls a window allows on this host, counted before each attempt. */
  budget?: RateBudget;
  logger?: Logger;
  onUpstreamCall?: (event: UpstreamCallEvent) => void;
}

type AttemptResult =
  | { ok: true; value: unknown }
  /** Without an outcome the call is over: it was aborted or ran out of time. */
  | { ok: false; error: ConfluentError; outcome?: AttemptOutcome };

/** A page of a list: `onHead` sees the first bytes of each successful body as soon as they are in. */
export interface ListPageCall {
  onHead(head: string): void;
}

export class Requester {
  readonly #options: RequesterOptions;

  constructor(options: RequesterOptions) {
    this.#options = options;
  }

  /** Attempts on the wire now, that is holding a concurrency slot. */
  get inFlight(): number {
    return this.#options.transport.inFlight;
  }

  /**
   * Calls `route` and returns its body's parsed JSON, which the caller types. For a page of a list
   * (`listPage`), the transport starts the next page that the head of the body names while this one
   * is still read, ahead of other waiting calls; the caller then asks for it by its page token as
   * for any page.
   */
  async call<T>(route: Route, input: RouteInput = {}, options: RequestOptions = {}, listPage?: ListPageCall): Promise<T> {
    const { policy } = this.#options;
    const logger = this.#loggerFor(options);
    const path = pathOf(route, input);
    // Retried as a read when it changes nothing upstream, whatever its HTTP method.
    const method = isRead(route) ? 'GET' : methodOf(route);
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    // A next page continues a listing that callers already wait on, so it goes before new calls;
    // the calls of a fan-out go after them.
    const turn: Turn = input.query?.page_token !== undefined ? 'first' : options.fanOut ? 'last' : 'in-turn';
    const wire: CallOptions = { turn, onHead: listPage?.onHead };
    const scope = openCallScope(options);
    try {
      let waitedMs = 0;
      let retryReason: RetryReason | undefined;
      for (let attempt = 1; ; attempt += 1) {
        await this.#options.budget?.take(scope.signal).catch(() => {
          throw abortError(route, scope.abortKind() ?? 'aborted');
        });
        const result = await this.#attempt({ route, path, body, attempt, retryReason, wire }, scope, options);
        if (result.ok) return result.value as T;
        if (result.outcome === undefined) throw result.error;
        const context = { method, attempt, waitedMs, now: Date.now(), deadlineAt: options.deadlineAt };
        const decision = decideRetry(result.outcome, context, policy);
        if (!decision.retry) throw result.error;
        logger?.warn({ ...errorFields(result.error), attempt, delayMs: decision.delayMs }, 'retrying Confluent call');
        await scope.wait(decision.delayMs).catch(() => {
          throw abortError(route, scope.abortKind() ?? 'aborted');
        });
        waitedMs += decision.delayMs;
        retryReason = retryReasonOf(result.outcome);
      }
    } finally {
      scope.dispose();
    }
  }

  async #attempt(
    call: { route: Route; path: string; body?: string; attempt: number; retryReason?: RetryReason; wire: CallOptions },
    scope: CallScope,
    options: RequestOptions,
  ): Promise<AttemptResult> {
    const { route, path, body, attempt, retryReason, wire } = call;
    const { transport } = this.#options;
    // The transport's outcome never rejects; its duration is the time on the wire, without the wait for a slot.
    const settled =
      body === undefined ? await transport.get(path, scope.signal, wire) : await transport.post(path, body, scope.signal, wire);
    const { durationMs } = settled;

    const result = 'response' in settled ? interpretResponse(route, settled.response) : interpretFailure(route, settled.error, scope);
    const response = 'response' in settled ? settled.response : undefined;
    this.#report(
      {
        route,
        attempt,
        retryReason,
        status: response?.status,
        requestId: response?.headers['x-request-id'],
        durationMs,
        error: result.ok ? undefined : result.error,
      },
      options,
    );
    return result;
  }

  /** The calling request's logger (with its request id), else the client's own. */
  #loggerFor(options: RequestOptions): Logger | undefined {
    return options.logger ?? this.#options.logger;
  }

  #report(event: UpstreamCallEvent, options: RequestOptions): void {
    const { onUpstreamCall } = this.#options;
    const logger = this.#loggerFor(options);
    const { route, attempt, status, requestId, durationMs, error } = event;
    logger?.debug(
      { route, attempt, status, upstreamRequestId: requestId, kind: error?.kind, durationMs: Math.round(durationMs) },
      'Confluent call',
    );
    for (const hook of [onUpstreamCall, options.onUpstreamCall]) {
      try {
        hook?.(event);
      } catch (hookError) {
        // Observability must not fail a data call.
        logger?.warn({ route, hookError: String(hookError) }, 'onUpstreamCall hook threw');
      }
    }
  }
}

function interpretResponse(route: Route, response: HttpResponse): AttemptResult {
  const outcome: AttemptOutcome = { kind: 'response', status: response.status, headers: response.headers };
  if (response.status < 200 || response.status > 299) return { ok: false, error: responseError(route, response), outcome };
  try {
    return { ok: true, value: JSON.parse(response.body) };
  } catch {
    const details = { status: response.status, requestId: response.headers['x-request-id'] };
    return { ok: false, error: unexpectedResponseError(route, 'the body is not JSON', details), outcome };
  }
}

function interpretFailure(route: Route, error: unknown, scope: CallScope): AttemptResult {
  const abortKind = scope.abortKind();
  if (abortKind !== undefined) return { ok: false, error: abortError(route, abortKind) };
  const failure = transportFailureOf(error);
  return { ok: false, error: transportError(route, failure, error), outcome: { kind: 'failure', failure } };
}

/** Confluent's request id as `upstreamRequestId`, as in errors: `requestId` is the GraphQL request's. */
function errorFields(error: ConfluentError): object {
  const { route, kind, status, code, requestId, retryAfterSeconds } = error;
  return { route, kind, status, code, upstreamRequestId: requestId, retryAfterSeconds };
}
