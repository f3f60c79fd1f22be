// Lookup tables built once from a listing, so that loaders answer many keys without rescanning it.

export function indexBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}

/** Items by key, in listing order; items without a key are left out. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined || key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
