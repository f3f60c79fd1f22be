// Faults a test can switch on to see how a client copes: latency, 429s, 5xx, requests that never
// get a response and connections cut without one. `route` is a route template as the request log
// names it ('GET /iam/v2/users'); without one a fault applies to every route.
import type { Budget, RateLimiter } from './rate-limit.js';

export interface FaultInjector {
  /** Adds `ms` of latency to the route's responses (replacing any earlier latency for it). */
  latency(ms: number, route?: string): void;
  /** The next `times` matching requests get 429 with Retry-After and X-RateLimit-Reset. */
  rateLimit(options: { route?: string; times: number; retryAfterSeconds: number }): void;
  /** The next `times` matching requests get a server error, 503 by default. */
  serverErrors(options: { route?: string; times: number; status?: number }): void;
  /** Matching requests are accepted and left unanswered until `clear()` (or the simulator closes). */
  hang(route: string): void;
  /** The next `times` matching requests have their connection destroyed without a response. */
  drop(options: { route?: string; times: number }): void;
  /** A real limit: more than `limit` requests to the route within a window get 429. */
  budget(budget: Budget): void;
  /** Removes every fault and budget, and lets hanging requests go on to be answered. */
  clear(): void;
}

export type FaultAction =
  { kind: 'rate-limit'; retryAfterSeconds: number } | { kind: 'server-error'; status: number } | { kind: 'hang' } | { kind: 'drop' };

interface Rule {
  route: string | undefined;
  remaining: number;
  action: FaultAction;
}

function countOf(times: number): number {
  if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
  return times;
}

export class Faults implements FaultInjector {
  private rules: Rule[] = [];
  private readonly latencies = new Map<string | undefined, number>();
  private releaseHanging: () => void = () => {};
  private hangingReleased = this.newRelease();

  constructor(private readonly rateLimiter: RateLimiter) {}

  private newRelease(): Promise<void> {
    return new Promise((resolve) => {
      this.releaseHanging = resolve;
    });
  }

  latency(ms: number, route?: string): void {
    if (!(ms >= 0)) throw new RangeError('latency must be >= 0 ms');
    this.latencies.set(route, ms);
  }

  rateLimit({ route, times, retryAfterSeconds }: { route?: string; times: number; retryAfterSeconds: number }): void {
    this.rules.push({ route, remaining: countOf(times), action: { kind: 'rate-limit', retryAfterSeconds } });
  }

  serverErrors({ route, times, status = 503 }: { route?: string; times: number; status?: number }): void {
    if (!Number.isInteger(status) || status < 500 || status > 599) throw new RangeError('status must be a 5xx code');
    this.rules.push({ route, remaining: countOf(times), action: { kind: 'server-error', status } });
  }

  hang(route: string): void {
    this.rules.push({ route, remaining: Infinity, action: { kind: 'hang' } });
  }

  drop({ route, times }: { route?: string; times: number }): void {
    this.rules.push({ route, remaining: countOf(times), action: { kind: 'drop' } });
  }

  budget(budget: Budget): void {
    this.rateLimiter.setBudget(budget);
  }

  clear(): void {
    this.rules = [];
    this.latencies.clear();
    this.rateLimiter.clear();
    this.releaseHanging();
    this.hangingReleased = this.newRelease();
  }

  /** Extra latency for a route: its own setting, else the one for every route. */
  latencyFor(route: string): number {
    return this.latencies.get(route) ?? this.latencies.get(undefined) ?? 0;
  }

  /** The fault a request to `route` meets, if any; the earliest matching rule wins and is used up. */
  take(route: string): FaultAction | undefined {
    const rule = this.rules.find((candidate) => candidate.route === undefined || candidate.route === route);
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining === 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.action;
  }

  /** Resolves when the hanging requests are let go. */
  untilReleased(): Promise<void> {
    return this.hangingReleased;
  }
}
