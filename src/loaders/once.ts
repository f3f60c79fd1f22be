/** A per-request memo of one upstream read: the first call starts it, later calls share its promise. */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read());
}

/** A lookup table from a list, for loaders that answer keys from one listing. */
export function indexBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}
