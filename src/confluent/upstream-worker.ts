// The upstream thread: every call to Confluent goes on the wire from here, under the per-host
// concurrency cap. The event loop, busy with answers and garbage collection for tens of
// milliseconds at a time, would otherwise leave a slot idle after each answer until it could read
// it and start the next call; here a finished call's slot goes to the next one at once. Next pages
// of a list are started from the head of the page before, as soon as it is in.
import { parentPort, type Transferable } from 'node:worker_threads';
import { Pool } from 'undici';
import { HEAD_BYTES, nextPageTokenInHead } from './list-head.js';
import { nextPagePath } from './next-page.js';
import { Semaphore, type Turn } from './semaphore.js';
import type { FromUpstreamThread, ToUpstreamThread, WireError } from './upstream-protocol.js';

/** How long a next page started ahead is kept for a caller that has not asked for it yet. */
const UNCLAIMED_KEPT_MS = 30_000;

/**
 * Pages of a list started ahead of the last one the event loop has asked for. More than one, so
 * that a busy event loop, slow to ask for the next page, does not let other calls take the list's
 * slot between its pages; few, so that a list nobody reads any more costs a few calls, not the rest.
 */
export const PAGES_AHEAD = 4;

/**
 * Bytes of bodies sent to the event loop and not yet taken by it, past which no new call starts: an
 * event loop slower than the network (thousands of calls, large pages) would otherwise have every
 * body waiting in memory at once, where reading them itself kept the rest in the network.
 */
export const BODY_BUDGET_BYTES = 64 * 1024 * 1024;

type Report = FromUpstreamThread extends infer M ? (M extends { call: number } ? Omit<M, 'call'> : never) : never;

interface Client {
  pool: Pool;
  headers: Record<string, string>;
  slots: Semaphore;
  /** Next pages started ahead of the event loop's asking, by path. */
  unclaimed: Map<string, Call>;
}

/** One call on the wire (or waiting for a slot), reported to the event loop once it is claimed. */
class Call {
  readonly controller = new AbortController();
  /** The event loop's id for the call; undefined while a next page started ahead waits to be asked for. */
  id: number | undefined;
  readonly #held: Array<[Report, Transferable[]]> = [];
  /** The next page's path, once the head shows one, and the call started for it. */
  nextPath: string | undefined;
  next: Call | undefined;
  /** For a page started ahead: how many pages past the last one asked for. */
  ahead = 0;
  /** Its answer or failure is in (and sent, or held for the caller to come). */
  settled = false;

  constructor(
    readonly client: Client,
    readonly path: string,
    readonly nextPage: string | undefined,
  ) {}

  report(message: Report, transfer: Transferable[] = []): void {
    if (this.id === undefined) {
      this.#held.push([message, transfer]);
      return;
    }
    if (message.kind === 'response') bodies.sent(message.body.byteLength);
    parentPort?.postMessage({ ...message, call: this.id } as FromUpstreamThread, transfer);
  }

  claim(id: number): void {
    this.id = id;
    for (const [message, transfer] of this.#held.splice(0)) this.report(message, transfer);
  }
}

const clients = new Map<number, Client>();
const calls = new Map<number, Call>();

/** Bodies on their way to the event loop, and calls waiting for them to be taken. */
const bodies = {
  untaken: 0,
  waiting: [] as Array<() => void>,
  sent(bytes: number): void {
    this.untaken += bytes;
  },
  taken(bytes: number): void {
    this.untaken -= bytes;
    while (this.untaken <= BODY_BUDGET_BYTES && this.waiting.length > 0) this.waiting.shift()?.();
  },
  room(): Promise<void> | undefined {
    if (this.untaken <= BODY_BUDGET_BYTES) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  },
};

function wireError(error: unknown): WireError {
  const { name, message, code, syscall } = (error ?? {}) as Partial<Record<keyof WireError, unknown>>;
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    code: typeof code === 'string' ? code : undefined,
    syscall: typeof syscall === 'string' ? syscall : undefined,
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Joins the chunks into a buffer of its own, which moves to the event loop without a copy. */
function joined(chunks: Buffer[], length: number): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

function run(call: Call, turn: Turn): void {
  call.client.slots.run(() => onTheWire(call), call.controller.signal, turn).catch((error: unknown) => {
    // Aborted while waiting for a slot: the event loop has already settled it.
    call.report({ kind: 'failed', error: wireError(error), durationMs: 0 });
  });
}

async function onTheWire(call: Call): Promise<void> {
  const { pool, headers } = call.client;
  await bodies.room();
  const startedAt = performance.now();
  call.report({ kind: 'started' });
  try {
    const response = await pool.request({ method: 'GET', path: call.path, headers, signal: call.controller.signal });
    const successful = response.statusCode >= 200 && response.statusCode <= 299;
    const chunks: Buffer[] = [];
    let length = 0;
    let headShown = !successful;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (!headShown && length >= HEAD_BYTES) {
        headShown = true;
        const head = joined(chunks, length);
        continueList(call, head);
        call.report({ kind: 'head', head }, [head.buffer]);
      }
    }
    const body = joined(chunks, length);
    // A short body is its own head: the event loop shows it before the response settles.
    if (!headShown) continueList(call, body);
    const durationMs = performance.now() - startedAt;
    call.report({ kind: 'response', status: response.statusCode, headers: flattenHeaders(response.headers), body, durationMs }, [body.buffer]);
  } catch (error) {
    call.report({ kind: 'failed', error: wireError(error), durationMs: performance.now() - startedAt });
  } finally {
    call.settled = true;
    if (call.id !== undefined) calls.delete(call.id);
    else forgetLater(call);
  }
}

/** Notes the next page a list page's head names, and starts it unless the list is far enough ahead. */
function continueList(call: Call, head: Uint8Array): void {
  if (call.nextPage === undefined) return;
  const token = nextPageTokenInHead(head);
  if (token === undefined) return;
  call.nextPath = nextPagePath(call.nextPage, token);
  startNext(call);
}

/** Starts the next page of a list ahead of the event loop's asking for it, up to PAGES_AHEAD pages ahead. */
function startNext(call: Call): void {
  const { client, nextPath } = call;
  if (nextPath === undefined || call.next || client.unclaimed.has(nextPath)) return;
  const ahead = call.id === undefined ? call.ahead + 1 : 1;
  if (ahead > PAGES_AHEAD) return;
  const next = new Call(client, nextPath, call.nextPage);
  next.ahead = ahead;
  call.next = next;
  client.unclaimed.set(nextPath, next);
  run(next, 'first');
}

function forgetLater(call: Call): void {
  setTimeout(() => {
    if (call.client.unclaimed.get(call.path) === call) call.client.unclaimed.delete(call.path);
  }, UNCLAIMED_KEPT_MS).unref();
}

/** Aborts a page started ahead that nobody has asked for, and the pages started ahead of it. */
function abortUnclaimed(call: Call | undefined): void {
  if (call?.id !== undefined || !call) return;
  call.client.unclaimed.delete(call.path);
  call.controller.abort();
  abortUnclaimed(call.next);
}

function handle(message: ToUpstreamThread): void {
  switch (message.kind) {
    case 'open': {
      const { origin, connections, timeouts } = message;
      clients.set(message.client, {
        pool: new Pool(origin, {
          connections,
          connectTimeout: timeouts.connectMs,
          headersTimeout: timeouts.headersMs,
          bodyTimeout: timeouts.bodyMs,
        }),
        headers: message.headers,
        slots: new Semaphore(connections),
        unclaimed: new Map(),
      });
      return;
    }
    case 'close': {
      const client = clients.get(message.client);
      clients.delete(message.client);
      for (const call of client?.unclaimed.values() ?? []) abortUnclaimed(call);
      void (client?.pool.close() ?? Promise.resolve()).then(() => parentPort?.postMessage({ kind: 'closed', client: message.client } satisfies FromUpstreamThread));
      return;
    }
    case 'get': {
      const client = clients.get(message.client);
      if (!client) {
        const error = { name: 'ClientClosedError', message: 'the client is closed', code: 'UND_ERR_CLOSED' };
        parentPort?.postMessage({ kind: 'failed', call: message.call, error, durationMs: 0 } satisfies FromUpstreamThread);
        return;
      }
      const ahead = client.unclaimed.get(message.path);
      if (ahead) {
        client.unclaimed.delete(message.path);
        if (!ahead.settled) calls.set(message.call, ahead);
        ahead.claim(message.call);
        // The pages started ahead of it are now a page nearer the last one asked for.
        let tail = ahead;
        for (let pagesAhead = 1; tail.next; pagesAhead += 1) {
          tail = tail.next;
          tail.ahead = pagesAhead;
        }
        startNext(tail);
        return;
      }
      const call = new Call(client, message.path, message.nextPage);
      call.id = message.call;
      calls.set(message.call, call);
      run(call, message.turn);
      return;
    }
    case 'taken':
      bodies.taken(message.bytes);
      return;
    case 'abort': {
      const call = calls.get(message.call);
      calls.delete(message.call);
      call?.controller.abort();
      // Its next page was started for a reader that has now given up.
      abortUnclaimed(call?.next);
      return;
    }
  }
}

parentPort?.on('message', handle);
parentPort?.postMessage({ kind: 'ready' } satisfies FromUpstreamThread);
