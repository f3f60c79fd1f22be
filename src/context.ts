import { randomUUID } from 'node:crypto';
import type { ConfluentReads } from './confluent/reads.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { LoaderPolicy } from './loaders/policy.js';
import type { Logger } from './logger.js';

/** What every resolver of one GraphQL request sees. */
export interface Context {
  requestId: string;
  logger: Logger;
  /** Aborts every upstream call of this request once its deadline has passed. */
  signal: AbortSignal;
  deadlineAt: number;
  loaders: Loaders;
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
  return {
    requestId,
    logger: input.logger.child({ requestId }),
    signal,
    deadlineAt,
    loaders: createLoaders(input.reads, { signal, deadlineAt }, input.policy),
  };
}
