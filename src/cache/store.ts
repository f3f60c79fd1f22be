import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '../logger.js';

export type CacheSetting = { kind: 'off' } | { kind: 'memory'; maxBytes: number } | { kind: 'redis'; url: string };

export interface CacheStore {
  /** In memory, responses are kept as the objects themselves; in Redis, as JSON text. */
  store: KeyValueCache<unknown>;
  serializes: boolean;
  close(): Promise<void>;
}

/**
 * An estimate, not a measure: serializing each value to weigh it would cost more than it saves. A
 * list is weighed as its length times its first item, a string of that item as a reference only
 * when the second item holds the same text in that place (a product, a day, an environment: shared
 * across the list). Text counts two bytes a character, and fractional numbers a box of their own.
 */
function itemSize(item: unknown, sibling?: unknown): number {
  if (typeof item === 'string') return item === sibling ? 0 : 24 + item.length * 2;
  if (typeof item === 'number') return Number.isInteger(item) ? 0 : 16;
  if (typeof item !== 'object' || item === null) return 0;
  if (Array.isArray(item)) return 16 + item.length * (8 + (item.length > 0 ? itemSize(item[0], item[1]) : 0));
  let size = 32;
  const fields = sibling !== null && typeof sibling === 'object' ? (sibling as Record<string, unknown>) : {};
  for (const [name, field] of Object.entries(item)) size += 8 + itemSize(field, fields[name]);
  return size;
}

const sizeOf = (value: unknown): number => Math.max(1, itemSize(value));

/**
 * Where shared responses live: an in-memory LRU by default (one replica), or Redis so that every
 * replica reads what any of them fetched (through Apollo's KeyValueCache over Keyv).
 */
export function createCacheStore(setting: CacheSetting, logger: Logger): CacheStore | undefined {
  if (setting.kind === 'off') return undefined;
  if (setting.kind === 'memory') {
    // The shared cache keeps every value in an entry object (shared-cache.ts), which the LRU holds as it is.
    const lru = new InMemoryLRUCache<object>({ maxSize: setting.maxBytes, sizeCalculation: sizeOf });
    return {
      store: {
        get: (key) => lru.get(key),
        set: (key, value, options) => lru.set(key, value as object, options),
        delete: (key) => lru.delete(key),
      },
      serializes: false,
      close: async () => {},
    };
  }
  // The Redis client is loaded only when configured: it is a sizable part of the process's memory.
  const redis = import('./redis-store.js').then(({ openRedisStore }) => openRedisStore(setting.url, logger));
  // A store that failed to load fails each operation, which the shared cache counts as a miss.
  redis.catch(() => {});
  return {
    store: {
      get: async (key) => (await redis).store.get(key),
      set: async (key, value, options) => (await redis).store.set(key, value as string, options),
      delete: async (key) => (await redis).store.delete(key),
    },
    serializes: true,
    close: async () => (await redis.catch(() => undefined))?.close(),
  };
}
