// Event-loop turns. Many fields waiting on one listing (every workspace's cost lines, say) would
// otherwise all resume at once and complete their answers in one long run of CPU work, while the
// answers to upstream calls wait unread and the next calls wait unsent. Resumed a turn each, with
// I/O served between turns, that work overlaps the calls still in flight.

/** Resumes in a later turn of the event loop, after the I/O that is ready has been served. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves to `value`'s value in a turn of its own, after the turns handed out before it. */
export type InTurn = <T>(value: Promise<T>) => Promise<T>;

/**
 * Turns handed out one at a time, in the order asked for. `value` must not wait on a turn asked
 * for later, or both wait forever.
 */
export function createTurns(): InTurn {
  let previous: Promise<unknown> = Promise.resolve();
  return <T>(value: Promise<T>): Promise<T> => {
    const turn = Promise.all([value, previous]).then(async ([resolved]) => {
      await nextTurn();
      return resolved;
    });
    // A failed value fails its own caller only; the turns after it go on.
    previous = turn.catch(() => undefined);
    return turn;
  };
}
