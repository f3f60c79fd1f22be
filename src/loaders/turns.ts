// Event-loop turns. Many fields waiting on one listing (every workspace's cost lines, say) would
// otherwise all resume at once and complete their answers in one long run of CPU work, while the
// answers to upstream calls wait unread and the next calls wait unsent. Resumed a turn each, with
// I/O served between turns, that work overlaps the calls still in flight.

/** Resumes in a later turn of the event loop, after the I/O that is ready has been served. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves to `value`'s value in a turn of its own, once it has one. */
export type InTurn = <T>(value: Promise<T>) => Promise<T>;

/**
 * Turns handed out one at a time, in the order the values become ready: a value that is ready
 * never waits for one that is not. A failed value fails its caller at once.
 */
export function createTurns(): InTurn {
  let lastTurn: Promise<void> = Promise.resolve();
  return async <T>(value: Promise<T>): Promise<T> => {
    const resolved = await value;
    const turn = lastTurn.then(nextTurn);
    lastTurn = turn;
    await turn;
    return resolved;
  };
}
