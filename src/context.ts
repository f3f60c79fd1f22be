import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ConfluentReads } from './confluent/reads.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { LoaderPolicy } from './loaders/policy.js';
import type { Logger } from './logger.js';
import { RequestUpstreamCalls } from './observability/request-upstream-calls.js';

/** What every resolver of one GraphQL request sees. */
export interface Context {
  requestId: string;
  logger: Logger;
  /** Aborts every upstream call of this request once its deadline has passed. */
  signal: AbortSignal;
  deadlineAt: number;
  loaders: Loaders;
  /** This request's upstream calls, for its log line and its trace. */
  upstreamCalls: RequestUpstreamCalls;
  /** Set when the answer is already encoded (the answer cache has it): sent as these bytes. */
  encodedAnswer: EncodedAnswer;
}

export interface EncodedAnswer {
  /** The answer's JSON, as Apollo Server sends it, and the same as UTF-8 bytes. */
  text?: string;
  bytes?: Buffer;
}

export function createContext(input: {
  reads: ConfluentReads;
  policy: LoaderPolicy;
  logger: Logger;
  requestTimeoutMs: number;
  requestId?: string;
}): Context {
  const requestId = input.requestId || randomUUID();
  const deadlineAt = Date.now() + input.requestTimeoutMs;
  const signal = AbortSignal.timeout(input.requestTimeoutMs);
  // Every upstream call of the request listens to it; a wide query makes hundreds at once.
  setMaxListeners(10_000, signal);
  const upstreamCalls = new RequestUpstreamCalls();
  const logger = input.logger.child({ requestId });
  return {
    requestId,
    logger,
    signal,
    deadlineAt,
    loaders: createLoaders(input.reads, { signal, deadlineAt, onUpstreamCall: upstreamCalls.record, logger }, input.policy),
    upstreamCalls,
    encodedAnswer: {},
  };
}
