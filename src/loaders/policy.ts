import type DataLoader from 'dataloader';
import { once } from './once.js';

/**
 * How loaders share work within a request. `batching: false` is the naive baseline that the
 * benchmark compares against: every field reads for itself, one id at a time, nothing shared.
 */
export interface LoaderPolicy {
  batching: boolean;
  /** Told the size of every batch a loader dispatches (for the metrics). */
  onBatch?: (loader: string, size: number) => void;
}

/** A read shared by every field of the request, or made afresh by each without batching. */
export function shared<T>(policy: LoaderPolicy, read: () => Promise<T>): () => Promise<T> {
  return policy.batching ? once(read) : read;
}

/** A batch function that reports its batch sizes under the loader's name. */
export function measured<K, V>(policy: LoaderPolicy, loader: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader.BatchLoadFn<K, V> {
  return (keys) => {
    policy.onBatch?.(loader, keys.length);
    return batch(keys);
  };
}

/** DataLoader options under the policy: without batching, no batches and no per-request cache. */
export function loaderOptions<K, V, C = K>(policy: LoaderPolicy, options: DataLoader.Options<K, V, C> = {}): DataLoader.Options<K, V, C> {
  return policy.batching ? options : { ...options, batch: false, cache: false };
}
