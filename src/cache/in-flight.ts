import { abortError } from '../confluent/errors.js';
import type { RequestOptions } from '../confluent/client.js';

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  /** The deadline of each caller still waiting (undefined: none). */
  deadlines: Array<number | undefined>;
  settled: boolean;
}

/** The latest deadline among callers still waiting; none if any of them has none. */
function latestDeadline(deadlines: ReadonlyArray<number | undefined>): number | undefined {
  let latest = -Infinity;
  for (const deadline of deadlines) {
    if (deadline === undefined) return undefined;
    latest = Math.max(latest, deadline);
  }
  return deadlines.length > 0 ? latest : undefined;
}

/**
 * Identical upstream calls in flight at once are made once and shared. The shared call runs until
 * the latest deadline of the callers still waiting on it, and is aborted once every one of them has
 * given up, so one caller's short deadline never fails another's; each caller still stops waiting
 * at its own deadline.
 */
export class InFlightCalls {
  readonly #calls = new Map<string, Shared>();

  run<T>(key: string, route: string, start: (request: RequestOptions) => Promise<T>, request: RequestOptions): Promise<T> {
    const known = this.#calls.get(key);
    if (known) return this.#wait(known, route, request) as Promise<T>;
    const shared: Shared = { controller: new AbortController(), deadlines: [], settled: false, promise: Promise.resolve() };
    // The request that starts the call also counts and traces it (its onUpstreamCall).
    const options: RequestOptions = {
      ...request,
      signal: shared.controller.signal,
      get deadlineAt() {
        return latestDeadline(shared.deadlines);
      },
    };
    // This caller's deadline is known before the call starts and reads it.
    const leave = this.#join(shared, request.deadlineAt);
    shared.promise = start(options).finally(() => {
      shared.settled = true;
      this.#calls.delete(key);
    });
    // Kept from being reported unhandled when every waiter left before it settled.
    shared.promise.catch(() => {});
    this.#calls.set(key, shared);
    return this.#waitJoined(shared, route, request.signal, leave) as Promise<T>;
  }

  #wait(shared: Shared, route: string, request: RequestOptions): Promise<unknown> {
    return this.#waitJoined(shared, route, request.signal, this.#join(shared, request.deadlineAt));
  }

  /** Counts a caller in; the returned function counts it out, aborting the call if it was the last. */
  #join(shared: Shared, deadlineAt: number | undefined): () => void {
    shared.deadlines.push(deadlineAt);
    return () => {
      shared.deadlines.splice(shared.deadlines.indexOf(deadlineAt), 1);
      if (shared.deadlines.length === 0 && !shared.settled) shared.controller.abort();
    };
  }

  #waitJoined(shared: Shared, route: string, signal: AbortSignal | undefined, leave: () => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const reason = (signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'timeout' : 'aborted';
        reject(abortError(route, reason));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    }).finally(leave);
  }
}
