// The client's own budget for a host with a small known limit: calls beyond it wait for the window
// to move on, and a caller that gives up stops waiting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateBudget } from '../../src/confluent/rate-budget.js';

describe('a rate budget', () => {
  afterEach(() => vi.useRealTimers());

  it('lets `limit` calls through at once and holds the next until the oldest leaves the window', async () => {
    vi.useFakeTimers();
    const budget = new RateBudget(2, 1_000);
    const signal = new AbortController().signal;
    await budget.take(signal);
    await budget.take(signal);
    let third = false;
    const waiting = budget.take(signal).then(() => (third = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(third).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(third).toBe(true);
  });

  it('stops waiting when the caller aborts', async () => {
    const budget = new RateBudget(1, 60_000);
    await budget.take(new AbortController().signal);
    const controller = new AbortController();
    const waiting = budget.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
  });

  it('refuses a budget of nothing', () => {
    expect(() => new RateBudget(0, 1_000)).toThrow(RangeError);
  });
});
