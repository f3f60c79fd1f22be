import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  rateLimitWaitSeconds,
  resolveRetryPolicy,
  retryReasonOf,
  type AttemptOutcome,
  type RetryContext,
} from '../../src/confluent/retry-policy.js';

const NOW = Date.UTC(2026, 9, 1, 12, 0, 0);
const policy = DEFAULT_RETRY_POLICY;
const firstAttempt: RetryContext = { method: 'GET', attempt: 1, waitedMs: 0, now: NOW };
const half = (): number => 0.5;

function status(code: number, headers: Record<string, string> = {}): AttemptOutcome {
  return { kind: 'response', status: code, headers };
}

describe('rate limits (429)', () => {
  it('waits exactly what Retry-After asks, whatever the jitter', () => {
    const decision = decideRetry(status(429, { 'retry-after': '3' }), firstAttempt, policy, () => 0.99);
    expect(decision).toEqual({ retry: true, delayMs: 3000 });
  });

  it('accepts Retry-After as an HTTP date', () => {
    const inTwoSeconds = new Date(NOW + 2000).toUTCString();
    expect(rateLimitWaitSeconds({ 'retry-after': inTwoSeconds }, NOW)).toBe(2);
  });

  it('reads X-RateLimit-Reset as seconds from now, not as an epoch', () => {
    const decision = decideRetry(status(429, { 'x-ratelimit-reset': '2' }), firstAttempt, policy, half);
    expect(decision).toEqual({ retry: true, delayMs: 2000 });
  });

  it('prefers Retry-After over X-RateLimit-Reset', () => {
    expect(rateLimitWaitSeconds({ 'retry-after': '1', 'x-ratelimit-reset': '7' }, NOW)).toBe(1);
  });

  it('falls back to X-RateLimit-Reset when Retry-After is unreadable', () => {
    expect(rateLimitWaitSeconds({ 'retry-after': 'soon', 'x-ratelimit-reset': '4' }, NOW)).toBe(4);
  });

  it("reads the Metrics API's rateLimit-reset, waiting for the longest of the limits it names", () => {
    expect(rateLimitWaitSeconds({ 'ratelimit-reset': '12' }, NOW)).toBe(12);
    expect(rateLimitWaitSeconds({ 'ratelimit-reset': '12, 3400' }, NOW)).toBe(3400);
    expect(rateLimitWaitSeconds({ 'ratelimit-reset': '12, soon' }, NOW)).toBeUndefined();
  });

  it('backs off when the server names no wait', () => {
    const decision = decideRetry(status(429), { ...firstAttempt, attempt: 2 }, policy, half);
    expect(decision).toEqual({ retry: true, delayMs: 250 });
  });

  it('retries a 429 of any method, since the server refused it before doing anything', () => {
    const decision = decideRetry(status(429, { 'retry-after': '1' }), { ...firstAttempt, method: 'POST' }, policy, half);
    expect(decision.retry).toBe(true);
  });
});

describe('backoff', () => {
  it('doubles its ceiling per attempt and caps it at maxDelayMs', () => {
    const almostOne = (): number => 0.999_999;
    expect(backoffDelayMs(1, policy, almostOne)).toBe(249);
    expect(backoffDelayMs(3, policy, almostOne)).toBe(999);
    expect(backoffDelayMs(10, policy, almostOne)).toBe(9_999);
    expect(backoffDelayMs(40, policy, almostOne)).toBe(9_999);
  });

  it('jitters over the whole range from zero', () => {
    expect(backoffDelayMs(4, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(4, policy, half)).toBe(1000);
  });
});

describe('limits', () => {
  it('stops after maxAttempts', () => {
    expect(decideRetry(status(503), { ...firstAttempt, attempt: 4 }, policy, half).retry).toBe(true);
    expect(decideRetry(status(503), { ...firstAttempt, attempt: 5 }, policy, half).retry).toBe(false);
  });

  it('does not wait past the retry budget', () => {
    const outcome = status(429, { 'retry-after': '5' });
    expect(decideRetry(outcome, { ...firstAttempt, waitedMs: 15_000 }, policy, half).retry).toBe(true);
    expect(decideRetry(outcome, { ...firstAttempt, waitedMs: 15_001 }, policy, half).retry).toBe(false);
  });

  it('does not wait past the deadline', () => {
    const outcome = status(429, { 'retry-after': '2' });
    expect(decideRetry(outcome, { ...firstAttempt, deadlineAt: NOW + 2000 }, policy, half).retry).toBe(true);
    expect(decideRetry(outcome, { ...firstAttempt, deadlineAt: NOW + 1999 }, policy, half).retry).toBe(false);
  });

  it('takes overrides and keeps the other defaults', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
  });
});

describe('what is retried', () => {
  it.each([502, 503, 504])('retries a GET answered %i', (code) => {
    expect(decideRetry(status(code), firstAttempt, policy, half)).toEqual({ retry: true, delayMs: 125 });
  });

  it.each([400, 401, 402, 403, 404, 409, 422, 500])('never retries %i', (code) => {
    expect(decideRetry(status(code), firstAttempt, policy, half).retry).toBe(false);
  });

  it('does not retry a 503 of a method that may have changed something', () => {
    expect(decideRetry(status(503), { ...firstAttempt, method: 'POST' }, policy, half).retry).toBe(false);
  });

  it.each(['connection', 'connect-timeout', 'headers-timeout'] as const)('retries a GET that failed with %s', (failure) => {
    expect(decideRetry({ kind: 'failure', failure }, firstAttempt, policy, half).retry).toBe(true);
  });

  it.each(['body-timeout', 'unknown'] as const)('does not retry a GET that failed with %s', (failure) => {
    expect(decideRetry({ kind: 'failure', failure }, firstAttempt, policy, half).retry).toBe(false);
  });
});

describe('retry reasons', () => {
  it.each([
    [status(429), 'rate_limited'],
    [status(503), 'server_error'],
    [{ kind: 'failure', failure: 'headers-timeout' } as const, 'timeout'],
    [{ kind: 'failure', failure: 'connect-timeout' } as const, 'timeout'],
    [{ kind: 'failure', failure: 'connection' } as const, 'connection'],
  ])('names %o as %s', (outcome, reason) => {
    expect(retryReasonOf(outcome)).toBe(reason);
  });
});
