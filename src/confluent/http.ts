// One GET over a keep-alive undici pool to the configured host. No retries and no error mapping
// here: this file only sends a request and reads the whole response.

import { Pool } from 'undici';
import { HEAD_BYTES } from './list-head.js';
import type { TransportFailure } from './retry-policy.js';

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
  /** Sockets to keep; the caller caps requests in flight to the same number. */
  connections: number;
  timeouts: HttpTimeouts;
}

export interface HttpResponse {
  status: number;
  /** By lower-case name; repeated headers joined with `, `. */
  headers: Record<string, string | undefined>;
  /** The body's bytes in a buffer of their own; decoding is the reader's choice. */
  body: Buffer;
}

export class HttpTransport {
  readonly #pool: Pool;
  readonly #basePath: string;
  // Private, so the credential never shows in util.inspect or JSON of the transport.
  readonly #headers: Record<string, string>;

  constructor(options: HttpTransportOptions) {
    const base = new URL(options.apiUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError('apiUrl must be an http(s) URL');
    }
    this.#basePath = base.pathname.replace(/\/+$/, '');
    this.#pool = new Pool(base.origin, {
      connections: options.connections,
      connectTimeout: options.timeouts.connectMs,
      headersTimeout: options.timeouts.headersMs,
      bodyTimeout: options.timeouts.bodyMs,
    });
    const credential = Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64');
    this.#headers = {
      authorization: `Basic ${credential}`,
      accept: 'application/json',
      'user-agent': options.userAgent,
    };
  }

  /**
   * `pathAndQuery` is relative to the configured base URL, e.g. `/iam/v2/users?page_size=100`.
   * `onHead` is shown the first bytes of a successful response's body (HEAD_BYTES of them, or the
   * whole body if shorter) as soon as they are in, and before the returned promise settles.
   */
  async get(pathAndQuery: string, signal: AbortSignal, onHead?: (head: Buffer) => void): Promise<HttpResponse> {
    const response = await this.#pool.request({
      method: 'GET',
      path: this.#basePath + pathAndQuery,
      headers: this.#headers,
      signal,
    });
    let showHead = response.statusCode >= 200 && response.statusCode <= 299 ? onHead : undefined;
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (showHead && length >= HEAD_BYTES) {
        showHead(Buffer.concat(chunks, length));
        showHead = undefined;
      }
    }
    const body = Buffer.concat(chunks, length);
    showHead?.(body);
    return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
  }

  /** Lets requests in flight finish, then closes the sockets. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}

/** Classifies an error thrown by `get` for the retry policy. */
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

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
