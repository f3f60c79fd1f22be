// A client-side budget of calls per time window, for hosts whose limit is small and known: the
// Metrics API allows 60 queries a minute per IP, so the client waits for room rather than
// spending its retries on 429s.
import { setTimeout as sleep } from 'node:timers/promises';

export class RateBudget {
  /** When each call of the current window was sent, oldest first. */
  readonly #sentAt: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1 || !(windowMs > 0)) throw new RangeError('a rate budget needs limit >= 1 and windowMs > 0');
  }

  /** Waits until a call fits in the window, then counts it; rejects if `signal` fires first. */
  async take(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const now = Date.now();
      while (this.#sentAt.length > 0 && this.#sentAt[0]! <= now - this.windowMs) this.#sentAt.shift();
      if (this.#sentAt.length < this.limit) {
        this.#sentAt.push(now);
        return;
      }
      await sleep(this.#sentAt[0]! + this.windowMs - now, undefined, { signal });
    }
  }
}
