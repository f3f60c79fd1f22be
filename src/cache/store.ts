import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from '../logger.js';

export type CacheSetting = { kind: 'off' } | { kind: 'memory'; maxBytes: number } | { kind: 'redis'; url: string };

export interface CacheStore {
  /** In memory, answers are kept as the objects themselves; in Redis, as JSON text. */
  store: KeyValueCache<unknown>;
  serializes: boolean;
  close(): Promise<void>;
}

/** A value that knows about how much memory it holds (a window's cost lines). */
interface Weighed {
  approximateBytes: number;
}
const isWeighed = (value: object): value is Weighed => typeof (value as Partial<Weighed>).approximateBytes === 'number';

/**
 * An estimate, not a measure: serializing a value to weigh it would cost more than it saves. A
 * listing counts per item, a record as one item plus the text it carries (a kept answer's JSON),
 * and text two bytes a character (V8 may keep it as UTF-16, and an answer's UTF-8 bytes are kept
 * beside it).
 */
const BYTES_PER_LISTED_ITEM = 600;
const textSize = (text: string) => text.length * 2;
function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return Math.max(1, value.length) * BYTES_PER_LISTED_ITEM;
  if (typeof value === 'string') return Math.max(1, textSize(value));
  if (typeof value === 'object' && value !== null) {
    if (isWeighed(value)) return Math.max(1, value.approximateBytes);
    const texts = Object.values(value).filter((field): field is string => typeof field === 'string');
    return BYTES_PER_LISTED_ITEM + texts.reduce((sum, text) => sum + textSize(text), 0);
  }
  return BYTES_PER_LISTED_ITEM;
}

const REDIS_CONNECT_TIMEOUT_MS = 1_000;

/**
 * Where shared answers live: an in-memory LRU by default (one replica), or Redis so that every
 * replica reads what any of them fetched (through Apollo's KeyValueCache over Keyv).
 */
export function createCacheStore(setting: CacheSetting, logger: Logger): CacheStore | undefined {
  if (setting.kind === 'off') return undefined;
  if (setting.kind === 'memory') {
    // Entries are wrapped because the LRU holds objects only, and a cached answer may be null.
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
