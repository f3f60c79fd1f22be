import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Freshness } from './cache/freshness.js';
import type { ConfluentReads } from './confluent/reads.js';
import type { Caller } from './http/authentication.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { LoaderPolicy } from './loaders/policy.js';
import type { StoredTraffic } from './loaders/traffic.js';
import type { Logger } from './logger.js';
import { RequestUpstreamCalls } from './observability/request-upstream-calls.js';

/** What every resolver of one GraphQL request sees. */
export interface Context {
  requestId: string;
  /** Who is calling, as authentication found them. */
  caller: Caller;
  /** Whether the caller's scopes let it read `Type.field`: reads started ahead of a field check it. */
  mayRead: (path: string) => boolean;
  logger: Logger;
  /** Aborts every upstream call of this request once its deadline has passed. */
  signal: AbortSignal;
  deadlineAt: number;
  loaders: Loaders;
  /** This request's upstream calls, for its log line and its trace. */
  upstreamCalls: RequestUpstreamCalls;
  /** Until when the shared-cache data this request read stay fresh, and so its response. */
  freshness: Freshness;
}

/**
 * A caller's `x-request-id` is kept only if it is short and plain: it goes into every log line of
 * the request, so anything else (a megabyte, control characters, markup) gets an id of our own.
 */
const REQUEST_ID_FORMAT = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(header: string | undefined): string {
  return header !== undefined && REQUEST_ID_FORMAT.test(header) ? header : randomUUID();
}

export function createContext(input: {
  caller: Caller;
  mayRead: (path: string) => boolean;
  reads: ConfluentReads;
  /** Kafka traffic kept beyond the Metrics API's week, when there is a store. */
  storedTraffic?: StoredTraffic;
  policy: LoaderPolicy;
  logger: Logger;
  requestTimeoutMs: number;
  requestId?: string;
}): Context {
  const requestId = requestIdOf(input.requestId);
  const deadlineAt = Date.now() + input.requestTimeoutMs;
  const signal = AbortSignal.timeout(input.requestTimeoutMs);
  // Every upstream call of the request listens to it; a wide query makes hundreds at once.
  setMaxListeners(10_000, signal);
  const upstreamCalls = new RequestUpstreamCalls();
  const logger = input.logger.child({ requestId });
  const freshness = new Freshness();
  return {
    requestId,
    caller: input.caller,
    mayRead: input.mayRead,
    logger,
    signal,
    deadlineAt,
    loaders: createLoaders(
      input.reads,
      { signal, deadlineAt, onUpstreamCall: upstreamCalls.record, logger, freshness },
      input.policy,
      input.storedTraffic,
    ),
    upstreamCalls,
    freshness,
  };
}
