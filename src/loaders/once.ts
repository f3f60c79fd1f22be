/** A per-request memo of one upstream read: the first call starts it, later calls share its promise. */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read());
}
