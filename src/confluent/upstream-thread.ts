// The event loop's side of the upstream thread (upstream-worker.ts): one thread for the process,
// shared by every client, each with its own connections and concurrency cap there. Calls go to it
// as messages and come back as whole responses whose bodies move over without a copy.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import type { HttpTimeouts } from './http.js';
import type { Turn } from './semaphore.js';
import type { FromUpstreamThread, ToUpstreamThread, WireError } from './upstream-protocol.js';

export interface UpstreamResponse {
  status: number;
  /** By lower-case name; repeated headers joined with `, `. */
  headers: Record<string, string | undefined>;
  /** The body's bytes in a buffer of their own; decoding is the reader's choice. */
  body: Buffer;
}

/** How a call ended; never a rejection. `durationMs` is its time on the wire, without queueing. */
export type WireOutcome = { response: UpstreamResponse; durationMs: number } | { error: unknown; durationMs: number };

export interface CallOptions {
  /** Shown the first bytes of a successful body as soon as they are in, before the call settles. */
  onHead?: (head: Buffer) => void;
  turn?: Turn;
  /** For a page of a list: its next page's path with a marker for the token (next-page.ts). */
  nextPage?: string;
}

interface ClientOptions {
  origin: string;
  headers: Record<string, string>;
  connections: number;
  timeouts: HttpTimeouts;
}

interface PendingCall {
  client: number;
  options: CallOptions;
  startedAt: number | undefined;
  headShown: boolean;
  settle(outcome: WireOutcome): void;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A transport error as undici would throw it, so the retry policy tells its kind by its code. */
function errorOf({ name, message, code, syscall }: WireError): Error {
  return Object.assign(new Error(message), { name, code, syscall });
}

/** The caller's look at a body's head; what it throws is its own, not the call's or the process's. */
function showHead(pending: PendingCall, head: Buffer): void {
  try {
    pending.options.onHead?.(head);
  } catch {
    // The call goes on: its body is read in full whatever the head showed.
  }
}

export class UpstreamThread {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  readonly #clients = new Map<number, ClientOptions>();
  readonly #calls = new Map<number, PendingCall>();
  readonly #closing = new Map<number, () => void>();
  readonly #inFlight = new Map<number, number>();
  #nextClient = 1;
  #nextCall = 1;

  /** Starts the thread ahead of the first call and resolves once it takes calls, so no request waits for it to load. */
  start(): Promise<void> {
    this.#running();
    return this.#ready ?? Promise.resolve();
  }

  open(options: ClientOptions): number {
    const client = this.#nextClient++;
    // Started first: a thread that starts opens every client already known.
    const worker = this.#running();
    this.#clients.set(client, options);
    worker.postMessage({ kind: 'open', client, ...options } satisfies ToUpstreamThread);
    return client;
  }

  /** Lets the client's calls in flight finish, then closes its connections. */
  close(client: number): Promise<void> {
    if (!this.#clients.delete(client)) return Promise.resolve();
    this.#inFlight.delete(client);
    return new Promise((resolve) => {
      this.#closing.set(client, resolve);
      this.#post({ kind: 'close', client });
    });
  }

  /** Calls of the client that hold a slot now. */
  inFlight(client: number): number {
    return this.#inFlight.get(client) ?? 0;
  }

  get(client: number, path: string, signal: AbortSignal, options: CallOptions = {}): Promise<WireOutcome> {
    if (signal.aborted) return Promise.resolve({ error: signal.reason, durationMs: 0 });
    const call = this.#nextCall++;
    return new Promise((resolve) => {
      const onAbort = (): void => {
        const pending = this.#calls.get(call);
        if (!pending) return;
        this.#finish(call, pending);
        this.#post({ kind: 'abort', call });
        resolve({ error: signal.reason, durationMs: pending.startedAt === undefined ? 0 : performance.now() - pending.startedAt });
      };
      const settle = (outcome: WireOutcome): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      this.#calls.set(call, { client, options, startedAt: undefined, headShown: false, settle });
      signal.addEventListener('abort', onAbort, { once: true });
      this.#post({ kind: 'get', client, call, path, turn: options.turn ?? 'in-turn', nextPage: options.nextPage });
    });
  }

  #receive(message: FromUpstreamThread): void {
    if (message.kind === 'ready') return;
    if (message.kind === 'closed') {
      this.#closing.get(message.client)?.();
      this.#closing.delete(message.client);
      this.#refIfBusy();
      return;
    }
    // Taken off the channel, whether or not the caller still waits for it.
    if (message.kind === 'response') this.#post({ kind: 'taken', bytes: message.body.byteLength });
    const pending = this.#calls.get(message.call);
    // A call the caller gave up on: its end is of no interest.
    if (!pending) return;
    switch (message.kind) {
      case 'started':
        pending.startedAt = performance.now();
        this.#inFlight.set(pending.client, this.inFlight(pending.client) + 1);
        return;
      case 'head':
        pending.headShown = true;
        showHead(pending, asBuffer(message.head));
        return;
      case 'response': {
        this.#finish(message.call, pending);
        const response = { status: message.status, headers: message.headers, body: asBuffer(message.body) };
        const successful = response.status >= 200 && response.status <= 299;
        if (successful && !pending.headShown) showHead(pending, response.body);
        pending.settle({ response, durationMs: message.durationMs });
        return;
      }
      case 'failed':
        this.#finish(message.call, pending);
        pending.settle({ error: errorOf(message.error), durationMs: message.durationMs });
        return;
    }
  }

  #finish(call: number, pending: PendingCall): void {
    this.#calls.delete(call);
    if (pending.startedAt !== undefined && this.#inFlight.has(pending.client)) {
      this.#inFlight.set(pending.client, this.inFlight(pending.client) - 1);
    }
    this.#refIfBusy();
  }

  #post(message: ToUpstreamThread): void {
    this.#running().postMessage(message);
    this.#refIfBusy();
  }

  /** Only a thread with calls or closes under way keeps the process alive. */
  #refIfBusy(): void {
    if (this.#calls.size > 0 || this.#closing.size > 0) this.#worker?.ref();
    else this.#worker?.unref();
  }

  #running(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startModuleWorker('upstream-worker', import.meta.url);
    // Referenced until it takes calls, so that a process waiting for it does not exit meanwhile.
    this.#ready = new Promise<void>((resolve) => {
      const onReady = (message: FromUpstreamThread) => {
        if (message.kind !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      // A thread that fails to start is not waited for: its calls fail and a new one starts.
      worker.once('exit', () => resolve());
    }).then(() => this.#refIfBusy());
    worker.on('message', (message: FromUpstreamThread) => this.#receive(message));
    worker.on('error', () => this.#stopped(worker));
    worker.on('exit', () => this.#stopped(worker));
    this.#worker = worker;
    // A new thread after one stopped: the clients still open are opened again there.
    for (const [client, options] of this.#clients) worker.postMessage({ kind: 'open', client, ...options } satisfies ToUpstreamThread);
    return worker;
  }

  /** Calls on a thread that stopped fail as on a dropped connection, which a GET retries. */
  #stopped(worker: Worker): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    const error = { name: 'SocketError', message: 'the upstream thread stopped', code: 'UND_ERR_SOCKET' };
    for (const [call, pending] of [...this.#calls]) {
      this.#finish(call, pending);
      pending.settle({ error: errorOf(error), durationMs: 0 });
    }
    for (const resolve of this.#closing.values()) resolve();
    this.#closing.clear();
  }
}

/** The process's upstream thread: it starts with the server (or the first call) and idles unreferenced. */
export const upstreamThread = new UpstreamThread();
