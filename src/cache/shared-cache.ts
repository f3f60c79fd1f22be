import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '../logger.js';
import type { CachedResource } from './ttl.js';

/** What the cache tells the metrics about itself. */
export interface CacheMetrics {
  hit(resource: CachedResource): void;
  miss(resource: CachedResource): void;
  error(operation: 'get' | 'set'): void;
  available(isAvailable: boolean): void;
}

/** A kept value and when it stops being fresh (epoch ms). */
export interface CacheEntry<T> {
  value: T;
  expiresAt: number;
}

/** A cache that is slow to answer (Redis gone away) is treated as a miss after this long. */
const OPERATION_TIMEOUT_MS = 250;
// Raised whenever a cached value's shape changes, so replicas never read another version's entries.
const KEY_VERSION = 'v4';

/**
 * A non-reversible identity of a credential (key and secret), so entries written with one
 * credential are never read with another, even one that shares the key id.
 */
export function credentialIdentity(apiKey: string, apiSecret: string): string {
  return createHash('sha256').update(`${apiKey}:${apiSecret}`).digest('hex').slice(0, 32);
}

function withinTimeout<T>(operation: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cache did not answer within ${OPERATION_TIMEOUT_MS} ms`)), OPERATION_TIMEOUT_MS);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Upstream responses shared across requests and replicas, as JSON in a KeyValueCache (in memory by
 * default, Redis when configured). The cache can only help: its errors and slowness become
 * misses, and the data then come from Confluent.
 */
export class SharedCache {
  readonly #store: KeyValueCache<unknown>;
  readonly #serializes: boolean;
  readonly #namespace: string;
  readonly #logger: Logger;
  readonly #metrics: CacheMetrics | undefined;
  #available = true;

  constructor(options: {
    store: KeyValueCache<unknown>;
    /** JSON text in the store (Redis), or the objects themselves (memory; never mutated by readers). */
    serializes: boolean;
    credential: string;
    logger: Logger;
    metrics?: CacheMetrics;
  }) {
    this.#store = options.store;
    this.#serializes = options.serializes;
    this.#namespace = `confluent:${KEY_VERSION}:${options.credential}`;
    this.#logger = options.logger;
    this.#metrics = options.metrics;
    this.#metrics?.available(true);
  }

  /** Whether the last cache operation succeeded (for /readyz and the metrics). */
  get available(): boolean {
    return this.#available;
  }

  /** Asks the store something, so readiness reports the cache as it is now. */
  async probe(): Promise<boolean> {
    try {
      await withinTimeout(this.#store.get(`${this.#namespace}:probe`));
      this.#markAvailable(true);
    } catch (error) {
      this.#failed('get', error);
    }
    return this.#available;
  }

  keyOf(parts: readonly unknown[]): string {
    return `${this.#namespace}:${JSON.stringify(parts)}`;
  }

  async get<T>(resource: CachedResource, key: string): Promise<CacheEntry<T> | undefined> {
    try {
      const cached = await withinTimeout(this.#store.get(key));
      this.#markAvailable(true);
      const entry = (this.#serializes && cached !== undefined ? JSON.parse(cached as string) : cached) as CacheEntry<T> | undefined;
      // The store's own expiry is in whole seconds; an entry is never served past its own.
      if (entry === undefined || !(entry.expiresAt > Date.now())) {
        this.#metrics?.miss(resource);
        return undefined;
      }
      this.#metrics?.hit(resource);
      return entry;
    } catch (error) {
      this.#failed('get', error);
      this.#metrics?.miss(resource);
      return undefined;
    }
  }

  /** Keeps `value` until `expiresAt` (epoch ms); nothing is kept for less than a second. */
  async set(key: string, value: unknown, expiresAt: number): Promise<void> {
    const ttlSeconds = Math.floor((expiresAt - Date.now()) / 1000);
    if (ttlSeconds < 1) return;
    const entry: CacheEntry<unknown> = { value, expiresAt };
    try {
      await withinTimeout(this.#store.set(key, this.#serializes ? JSON.stringify(entry) : entry, { ttl: ttlSeconds }));
      this.#markAvailable(true);
    } catch (error) {
      this.#failed('set', error);
    }
  }

  #failed(operation: 'get' | 'set', error: unknown): void {
    this.#metrics?.error(operation);
    // Logged when the cache goes away, not on every request while it stays away.
    if (this.#available) {
      this.#logger.warn(
        { operation, reason: error instanceof Error ? error.message : String(error) },
        'shared cache unavailable; reading Confluent directly',
      );
    }
    this.#markAvailable(false);
  }

  #markAvailable(available: boolean): void {
    if (available === this.#available) return;
    if (available) this.#logger.info('shared cache available again');
    this.#available = available;
    this.#metrics?.available(available);
  }
}
