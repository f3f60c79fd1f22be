import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/simulator/rate-limit.js';

const ROUTE = 'GET /billing/v1/costs';

describe('RateLimiter', () => {
  it('never refuses a route without a budget', () => {
    const limiter = new RateLimiter();
    for (let call = 0; call < 50; call++) expect(limiter.take(ROUTE, 1_000).allowed).toBe(true);
  });

  it('refuses past the budget until the window resets', () => {
    const limiter = new RateLimiter();
    limiter.setBudget({ route: ROUTE, limit: 2, windowSeconds: 10 });
    expect(limiter.take(ROUTE, 1_000)).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 10 });
    expect(limiter.take(ROUTE, 2_000).remaining).toBe(0);
    const refused = limiter.take(ROUTE, 4_500);
    expect(refused).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 7 });
    expect(limiter.take(ROUTE, 11_000).allowed).toBe(true);
  });

  it('keeps budgets apart per route, and forgets them on clear', () => {
    const limiter = new RateLimiter();
    limiter.setBudget({ route: ROUTE, limit: 1, windowSeconds: 60 });
    limiter.take(ROUTE, 0);
    expect(limiter.take('GET /iam/v2/users', 0).allowed).toBe(true);
    expect(limiter.take(ROUTE, 0).allowed).toBe(false);
    limiter.clear();
    expect(limiter.take(ROUTE, 0).allowed).toBe(true);
  });

  it('peeks without spending', () => {
    const limiter = new RateLimiter();
    limiter.setBudget({ route: ROUTE, limit: 3, windowSeconds: 60 });
    expect(limiter.peek(ROUTE, 0).remaining).toBe(3);
    expect(limiter.peek(ROUTE, 0).remaining).toBe(3);
  });

  it('refuses a budget that cannot work', () => {
    expect(() => new RateLimiter().setBudget({ route: ROUTE, limit: 0, windowSeconds: 60 })).toThrow(RangeError);
  });
});
