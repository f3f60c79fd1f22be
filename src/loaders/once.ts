/** A per-request memo of one upstream read: the first call starts it, later calls share its promise. */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read());
}

/**
 * `make` run once per object, its result kept as long as the object lives. The shared cache hands
 * every request the same listed objects, so what is worked out of one is worked out once.
 */
export function perObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
