// When to retry a Confluent call and how long to wait first. Pure: time and randomness come in as
// arguments, so every rule here is unit-tested without a server or a clock.

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total time one call may spend waiting between its attempts. */
  retryBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  retryBudgetMs: 20_000,
};

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    maxAttempts: overrides.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: overrides.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: overrides.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    retryBudgetMs: overrides.retryBudgetMs ?? DEFAULT_RETRY_POLICY.retryBudgetMs,
  };
}

/** Why an attempt got no HTTP response (see http.ts for how undici errors map to these). */
export type TransportFailure = 'connect-timeout' | 'headers-timeout' | 'body-timeout' | 'connection' | 'unknown';

/** Response headers by lower-case name, as http.ts flattens them. */
export interface RateLimitHeaders {
  'retry-after'?: string;
  'x-ratelimit-reset'?: string;
  /** The Metrics API's name for it (`rateLimit-reset`). */
  'ratelimit-reset'?: string;
}

export type AttemptOutcome =
  { kind: 'response'; status: number; headers: RateLimitHeaders } | { kind: 'failure'; failure: TransportFailure };

export interface RetryContext {
  method: string;
  /** Attempts made so far, including the one that just failed. */
  attempt: number;
  /** Time already spent waiting in earlier retries of this call. */
  waitedMs: number;
  now: number;
  deadlineAt?: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** Why an attempt was repeated, in few enough words to label a metric with. */
export type RetryReason = 'rate_limited' | 'server_error' | 'timeout' | 'connection';

export function retryReasonOf(outcome: AttemptOutcome): RetryReason {
  if (outcome.kind === 'response') return outcome.status === 429 ? 'rate_limited' : 'server_error';
  return outcome.failure.endsWith('timeout') ? 'timeout' : 'connection';
}

/** Returns a number in [0, 1), like Math.random. */
export type RandomSource = () => number;

const RETRYABLE_STATUSES = new Set([502, 503, 504]);
// A body timeout is not here: the server answered, and may answer as slowly again.
const RETRYABLE_FAILURES = new Set<TransportFailure>(['connect-timeout', 'headers-timeout', 'connection']);

export function decideRetry(
  outcome: AttemptOutcome,
  context: RetryContext,
  policy: RetryPolicy,
  random: RandomSource = Math.random,
): RetryDecision {
  if (context.attempt >= policy.maxAttempts) return { retry: false };
  const delayMs = retryDelayMs(outcome, context, policy, random);
  if (delayMs === undefined) return { retry: false };
  if (context.waitedMs + delayMs > policy.retryBudgetMs) return { retry: false };
  if (context.deadlineAt !== undefined && context.now + delayMs > context.deadlineAt) return { retry: false };
  return { retry: true, delayMs };
}

function retryDelayMs(outcome: AttemptOutcome, context: RetryContext, policy: RetryPolicy, random: RandomSource): number | undefined {
  // A 429 was refused before any work was done, so it is safe to repeat whatever the method.
  if (outcome.kind === 'response' && outcome.status === 429) {
    const serverWaitSeconds = rateLimitWaitSeconds(outcome.headers, context.now);
    return serverWaitSeconds === undefined ? backoffDelayMs(context.attempt, policy, random) : Math.ceil(serverWaitSeconds * 1000);
  }
  // Other failures may have reached the server: only reads are repeated.
  if (context.method !== 'GET') return undefined;
  const retryable = outcome.kind === 'response' ? RETRYABLE_STATUSES.has(outcome.status) : RETRYABLE_FAILURES.has(outcome.failure);
  return retryable ? backoffDelayMs(context.attempt, policy, random) : undefined;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempt-1))). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: RandomSource): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How long the server asked us to wait: `Retry-After` (seconds, or an HTTP date), else
 * `X-RateLimit-Reset` (`rateLimit-reset` on the Metrics API), which Confluent sends as seconds from
 * now, not as an epoch.
 */
export function rateLimitWaitSeconds(headers: RateLimitHeaders, now: number): number | undefined {
  return (
    retryAfterSeconds(headers['retry-after'], now) ??
    nonNegativeSeconds(headers['x-ratelimit-reset']) ??
    longestReset(headers['ratelimit-reset'])
  );
}

function retryAfterSeconds(value: string | undefined, now: number): number | undefined {
  const seconds = nonNegativeSeconds(value);
  if (seconds !== undefined || value === undefined) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The Metrics API may send one reset per limit it applies (`"20, 3400"`, repeated headers joined): the call waits for all. */
function longestReset(value: string | undefined): number | undefined {
  const seconds = (value ?? '').split(',').map(nonNegativeSeconds);
  return seconds.every((second) => second !== undefined) ? Math.max(...(seconds as number[])) : undefined;
}

function nonNegativeSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
