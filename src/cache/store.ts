import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
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
 * list is weighed as its length times its first item; text counts two bytes a character (V8 may
 * keep it as UTF-16), and strings that items share are counted in each, so the estimate errs on
 * the large side.
 */
function itemSize(item: unknown): number {
  if (typeof item === 'string') return 24 + item.length * 2;
  if (typeof item !== 'object' || item === null) return 16;
  if (Array.isArray(item)) return 16 + item.length * (item.length > 0 ? itemSize(item[0]) : 0);
  let size = 32;
  for (const field of Object.values(item)) size += 8 + (typeof field === 'string' || typeof field === 'object' ? itemSize(field) : 0);
  return size;
}

const sizeOf = (value: unknown): number => Math.max(1, itemSize(value));

const REDIS_CONNECT_TIMEOUT_MS = 1_000;

/**
 * Where shared responses live: an in-memory LRU by default (one replica), or Redis so that every
 * replica reads what any of them fetched (through Apollo's KeyValueCache over Keyv).
 */
export function createCacheStore(setting: CacheSetting, logger: Logger): CacheStore | undefined {
  if (setting.kind === 'off') return undefined;
  if (setting.kind === 'memory') {
    // Entries are wrapped because the LRU holds objects only, and a cached response may be null.
    const lru = new InMemoryLRUCache<{ value: unknown }>({ maxSize: setting.maxBytes, sizeCalculation: (entry) => sizeOf(entry.value) });
    return {
      store: {
        get: async (key) => (await lru.get(key))?.value,
        set: (key, value, options) => lru.set(key, { value }, options),
        delete: (key) => lru.delete(key),
      },
      serializes: false,
      close: async () => {},
    };
  }
  // Errors are thrown to the caller, which treats them as misses, instead of being swallowed.
  const redis = new KeyvRedis<string>(setting.url, { throwOnErrors: true, connectionTimeout: REDIS_CONNECT_TIMEOUT_MS });
  const keyv = new Keyv<string>({ store: redis, namespace: 'confluent-subgraph', useKeyPrefix: false });
  // An EventEmitter without an 'error' listener would crash the process when Redis goes away.
  keyv.on('error', (error: unknown) => logger.debug({ reason: error instanceof Error ? error.message : String(error) }, 'redis error'));
  // KeyvAdapter is typed against keyv's CommonJS declarations; the instance is the same class.
  const adapterKeyv = keyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0];
  return {
    store: new KeyvAdapter<string>(adapterKeyv, { disableBatchReads: true }),
    serializes: true,
    // Forced: a polite QUIT would wait for a Redis that may be gone.
    close: () => redis.disconnect(true).catch(() => {}),
  };
}
