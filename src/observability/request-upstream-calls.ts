import type { UpstreamCallEvent } from '../confluent/client.js';

type Listener = (event: UpstreamCallEvent) => void;

/**
 * The upstream calls of one GraphQL request, as the client reports them (one event per HTTP attempt,
 * retries included): counted for the request's log line and handed to whoever traces the request.
 */
export class RequestUpstreamCalls {
  #count = 0;
  readonly #listeners: Listener[] = [];

  get count(): number {
    return this.#count;
  }

  /** The per-request hook for the client's RequestOptions. */
  readonly record = (event: UpstreamCallEvent): void => {
    this.#count += 1;
    for (const listener of this.#listeners) listener(event);
  };

  onCall(listener: Listener): void {
    this.#listeners.push(listener);
  }
}
