import { abortError } from '../confluent/errors.js';
import type { RequestOptions } from '../confluent/client.js';

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

/**
 * Identical upstream calls in flight at once are made once and shared. The shared call is aborted
 * only when every caller waiting on it has given up, so one caller's short deadline never fails
 * another's; each caller still stops waiting at its own deadline.
 */
export class InFlightCalls {
  readonly #calls = new Map<string, Shared>();

  run<T>(key: string, route: string, start: (request: RequestOptions) => Promise<T>, request: RequestOptions): Promise<T> {
    let shared = this.#calls.get(key);
    if (!shared) {
      const controller = new AbortController();
      const entry: Shared = { controller, waiters: 0, settled: false, promise: Promise.resolve() };
      // The request that starts the call also counts and traces it (its onUpstreamCall).
      entry.promise = start({ ...request, signal: controller.signal }).finally(() => {
        entry.settled = true;
        this.#calls.delete(key);
      });
      // Kept from being reported unhandled when every waiter left before it settled.
      entry.promise.catch(() => {});
      this.#calls.set(key, entry);
      shared = entry;
    }
    return this.#wait(shared, route, request.signal) as Promise<T>;
  }

  #wait(shared: Shared, route: string, signal: AbortSignal | undefined): Promise<unknown> {
    shared.waiters += 1;
    const leave = () => {
      shared.waiters -= 1;
      if (shared.waiters === 0 && !shared.settled) shared.controller.abort();
    };
    if (!signal) return shared.promise.finally(leave);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const reason = (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'timeout' : 'aborted';
        reject(abortError(route, reason));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    }).finally(leave);
  }
}
