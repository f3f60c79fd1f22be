import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from '../logger.js';

const REDIS_CONNECT_TIMEOUT_MS = 1_000;

/** Apollo's KeyValueCache over Keyv and Redis, shared by every replica. */
export function openRedisStore(url: string, logger: Logger): { store: KeyValueCache<string>; close(): Promise<void> } {
  // Errors are thrown to the caller, which treats them as misses, instead of being swallowed.
  const redis = new KeyvRedis<string>(url, { throwOnErrors: true, connectionTimeout: REDIS_CONNECT_TIMEOUT_MS });
  const keyv = new Keyv<string>({ store: redis, namespace: 'confluent-subgraph', useKeyPrefix: false });
  // An EventEmitter without an 'error' listener would crash the process when Redis goes away.
  keyv.on('error', (error: unknown) => logger.debug({ reason: error instanceof Error ? error.message : String(error) }, 'redis error'));
  // KeyvAdapter is typed against keyv's CommonJS declarations; the instance is the same class.
  const adapterKeyv = keyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0];
  return {
    store: new KeyvAdapter<string>(adapterKeyv, { disableBatchReads: true }),
    // Forced: a polite QUIT would wait for a Redis that may be gone.
    close: () => redis.disconnect(true).catch(() => {}),
  };
}
