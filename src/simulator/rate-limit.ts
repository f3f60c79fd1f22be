// Rate-limit accounting behind the X-RateLimit-* headers. Every route reports a generous nominal
// window; a route given a budget is really limited to it and answers 429 past it.

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets, relative as Confluent sends it (not an epoch). */
  resetSeconds: number;
}

export interface Budget {
  route: string;
  limit: number;
  windowSeconds: number;
}

/** Confluent publishes no numbers; this one is high enough never to slow a test or the benchmark down. */
const NOMINAL_LIMIT = 10_000;
const NOMINAL_WINDOW_SECONDS = 60;

export class FixedWindow {
  private startedAt = -Infinity; // the first request opens the first window
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private roll(now: number): void {
    if (now - this.startedAt >= this.windowMs) {
      this.startedAt = now;
      this.used = 0;
    }
  }

  state(now: number): RateLimitState {
    this.roll(now);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
      resetSeconds: Math.max(1, Math.ceil((this.startedAt + this.windowMs - now) / 1000)),
    };
  }

  /** Spends one request if any is left; false when the window is used up. */
  take(now: number): boolean {
    this.roll(now);
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}

export class RateLimiter {
  private readonly nominal = new FixedWindow(NOMINAL_LIMIT, NOMINAL_WINDOW_SECONDS * 1000);
  private readonly budgets = new Map<string, FixedWindow>();

  setBudget(budget: Budget): void {
    if (!(budget.limit >= 1) || !(budget.windowSeconds > 0)) throw new RangeError('a budget needs limit >= 1 and windowSeconds > 0');
    this.budgets.set(budget.route, new FixedWindow(budget.limit, budget.windowSeconds * 1000));
  }

  clear(): void {
    this.budgets.clear();
  }

  private windowFor(route: string): FixedWindow {
    return this.budgets.get(route) ?? this.nominal;
  }

  /** Spends one request of the route's window; `allowed` is false only under an exhausted budget. */
  take(route: string, now = Date.now()): RateLimitState & { allowed: boolean } {
    const window = this.windowFor(route);
    const allowed = window.take(now) || window === this.nominal;
    return { ...window.state(now), allowed };
  }

  /** The route's window as it stands, for responses that do not count against it. */
  peek(route: string, now = Date.now()): RateLimitState {
    return this.windowFor(route).state(now);
  }
}
