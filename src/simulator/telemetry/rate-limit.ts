// The Metrics API's global limit: so many requests per client IP in a fixed window, 60 a minute
// at Confluent. Every response says where the caller stands in lower-case `ratelimit-*` headers,
// the reset in seconds from now, as the telemetry docs define them.
import { FixedWindow, type RateLimitState } from '../rate-limit.js';

export interface TelemetryRateLimit {
  limit: number;
  windowSeconds: number;
}

export const CONFLUENT_TELEMETRY_RATE_LIMIT: TelemetryRateLimit = { limit: 60, windowSeconds: 60 };

export class PerAddressRateLimiter {
  private setting = CONFLUENT_TELEMETRY_RATE_LIMIT;
  private readonly windows = new Map<string, FixedWindow>();

  /** Applies a new limit, and starts every address on a fresh window. */
  configure(setting: TelemetryRateLimit): void {
    if (!Number.isInteger(setting.limit) || setting.limit < 1 || !(setting.windowSeconds > 0)) {
      throw new RangeError('the telemetry rate limit needs an integer limit >= 1 and windowSeconds > 0');
    }
    this.setting = { ...setting };
    this.windows.clear();
  }

  /** Spends one request of the address's window; `allowed` is false once it is used up. */
  take(address: string, now = Date.now()): RateLimitState & { allowed: boolean } {
    let window = this.windows.get(address);
    if (!window) {
      window = new FixedWindow(this.setting.limit, this.setting.windowSeconds * 1000);
      this.windows.set(address, window);
    }
    const allowed = window.take(now);
    return { ...window.state(now), allowed };
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
  };
}
