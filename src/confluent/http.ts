// Calls to the configured host over an undici Pool of keep-alive connections, at most `connections`
// on the wire at once (Confluent limits concurrency as well as rate); the rest wait their turn. No
// retries and no error mapping here: this file only sends a request and hands back the whole
// response, or why there is none.
import { Pool } from 'undici';
import type { TransportFailure } from './retry-policy.js';
import { Semaphore, type Turn } from './semaphore.js';

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
  /** Calls on the wire at once, at most, and the sockets kept for them. */
  connections: number;
  timeouts: HttpTimeouts;
}

export interface HttpResponse {
  status: number;
  /** By lower-case name; repeated headers joined with `, `. */
  headers: Record<string, string | undefined>;
  /** The body's text (Confluent's bodies are JSON), decoded as it arrives. */
  body: string;
}

/** How a call ended; never a rejection. `durationMs` is its time on the wire, without queueing. */
export type WireOutcome = { response: HttpResponse; durationMs: number } | { error: unknown; durationMs: number };

export interface CallOptions {
  /** Which queue the call waits in for a slot (semaphore.ts). */
  turn?: Turn;
  /** Shown the start of a successful body as soon as it is in, before the call settles. */
  onHead?: (head: string) => void;
}

interface WireRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Enough of a body for a list envelope's `metadata`, which Confluent writes before the items. */
export const HEAD_BYTES = 8_192;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The caller's look at a body's head; what it throws is its own, not the call's. */
function showHead(onHead: ((head: string) => void) | undefined, head: string): void {
  try {
    onHead?.(head);
  } catch {
    // The body is read in full whatever the head showed.
  }
}

export class HttpTransport {
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #headers: Record<string, string>;
  readonly #slots: Semaphore;
  #inFlight = 0;

  constructor(options: HttpTransportOptions) {
    const base = new URL(options.apiUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError('apiUrl must be an http(s) URL');
    }
    this.#basePath = base.pathname.replace(/\/+$/, '');
    const credential = Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64');
    this.#headers = { authorization: `Basic ${credential}`, accept: 'application/json', 'user-agent': options.userAgent };
    this.#slots = new Semaphore(options.connections);
    this.#pool = new Pool(base.origin, {
      connections: options.connections,
      connectTimeout: options.timeouts.connectMs,
      headersTimeout: options.timeouts.headersMs,
      bodyTimeout: options.timeouts.bodyMs,
    });
  }

  /** Calls holding a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * `pathAndQuery` is relative to the configured base URL, e.g. `/iam/v2/users?page_size=100`. The
   * call waits for a slot in its turn; an abort while it waits or runs settles it at once.
   */
  get(pathAndQuery: string, signal: AbortSignal, options: CallOptions = {}): Promise<WireOutcome> {
    return this.#send({ method: 'GET', path: this.#basePath + pathAndQuery, headers: this.#headers }, signal, options);
  }

  /** A POST of a JSON body (the Metrics API's queries), waiting for a slot like a GET. */
  post(pathAndQuery: string, body: string, signal: AbortSignal, options: CallOptions = {}): Promise<WireOutcome> {
    const headers = { ...this.#headers, 'content-type': 'application/json' };
    return this.#send({ method: 'POST', path: this.#basePath + pathAndQuery, headers, body }, signal, options);
  }

  async #send(request: WireRequest, signal: AbortSignal, options: CallOptions): Promise<WireOutcome> {
    try {
      return await this.#slots.run(() => this.#onTheWire(request, signal, options.onHead), signal, options.turn);
    } catch (error) {
      // Aborted while waiting for a slot.
      return { error, durationMs: 0 };
    }
  }

  async #onTheWire(request: WireRequest, signal: AbortSignal, onHead: CallOptions['onHead']): Promise<WireOutcome> {
    const startedAt = performance.now();
    this.#inFlight += 1;
    try {
      const response = await this.#pool.request({ ...request, signal });
      const successful = response.statusCode >= 200 && response.statusCode <= 299;
      // Decoded chunk by chunk: each chunk is garbage at once, and no copy of the whole body in
      // bytes is made beside its text (a page of costs is megabytes).
      const decoder = new TextDecoder();
      const parts: string[] = [];
      let length = 0;
      let headShown = !successful || !onHead;
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        parts.push(decoder.decode(chunk, { stream: true }));
        length += chunk.length;
        if (!headShown && length >= HEAD_BYTES) {
          headShown = true;
          showHead(onHead, parts.join(''));
        }
      }
      parts.push(decoder.decode());
      const body = parts.join('');
      if (!headShown) showHead(onHead, body);
      return {
        response: { status: response.statusCode, headers: flattenHeaders(response.headers), body },
        durationMs: performance.now() - startedAt,
      };
    } catch (error) {
      return { error, durationMs: performance.now() - startedAt };
    } finally {
      this.#inFlight -= 1;
    }
  }

  /** Lets requests in flight finish, then closes the sockets. */
  close(): Promise<void> {
    return this.#pool.close();
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
