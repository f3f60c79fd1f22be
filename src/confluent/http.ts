// GETs to the configured host, made on the upstream thread (upstream-thread.ts) over its
// keep-alive connections and under the concurrency cap. No retries and no error mapping here:
// this file only sends a request and hands back the whole response, or why there is none.

import type { TransportFailure } from './retry-policy.js';
import { upstreamThread, type CallOptions, type UpstreamResponse, type WireOutcome } from './upstream-thread.js';

export type { CallOptions, WireOutcome } from './upstream-thread.js';
export type HttpResponse = UpstreamResponse;

export interface HttpTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export interface HttpTransportOptions {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  userAgent: string;
  /** Calls on the wire at once, at most, and the sockets kept for them; the rest wait their turn. */
  connections: number;
  timeouts: HttpTimeouts;
}

export class HttpTransport {
  readonly #client: number;
  readonly #basePath: string;

  constructor(options: HttpTransportOptions) {
    const base = new URL(options.apiUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError('apiUrl must be an http(s) URL');
    }
    this.#basePath = base.pathname.replace(/\/+$/, '');
    const credential = Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64');
    // The credential goes to the upstream thread with the client and is kept nowhere on this object.
    this.#client = upstreamThread.open({
      origin: base.origin,
      headers: { authorization: `Basic ${credential}`, accept: 'application/json', 'user-agent': options.userAgent },
      connections: options.connections,
      timeouts: options.timeouts,
    });
  }

  /** Calls holding a slot now. */
  get inFlight(): number {
    return upstreamThread.inFlight(this.#client);
  }

  /**
   * `pathAndQuery` is relative to the configured base URL, e.g. `/iam/v2/users?page_size=100`. The
   * call waits for a slot in its turn; an abort while it waits or runs settles it at once.
   */
  get(pathAndQuery: string, signal: AbortSignal, options: CallOptions = {}): Promise<WireOutcome> {
    const nextPage = options.nextPage === undefined ? undefined : this.#basePath + options.nextPage;
    return upstreamThread.get(this.#client, this.#basePath + pathAndQuery, signal, { ...options, nextPage });
  }

  /** Lets requests in flight finish, then closes the sockets. */
  close(): Promise<void> {
    return upstreamThread.close(this.#client);
  }
}

/** Classifies the error of a call that got no response, for the retry policy. */
export function transportFailureOf(error: unknown): TransportFailure {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect-timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return 'headers-timeout';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'body-timeout';
    case 'UND_ERR_SOCKET':
      return 'connection';
  }
  // Errors from the OS (ECONNRESET, ECONNREFUSED, EPIPE, ENOTFOUND…) name the syscall that failed.
  return typeof syscall === 'string' ? 'connection' : 'unknown';
}
