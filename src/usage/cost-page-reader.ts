// Reads Costs API pages in worker threads (cost-page-worker.ts) and hands back their lines. A
// month of a large organization's costs is tens of megabytes of JSON: parsed here on the main
// thread, it would hold up every other request and upstream call for hundreds of milliseconds.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ConfluentError } from '../confluent/errors.js';
import { nextLinkInHead } from '../confluent/list-head.js';
import type { ListPage } from '../confluent/pagination.js';
import { readCostPage } from './cost-page.js';
import type { CostPageReply, CostPageRequest } from './cost-page-worker.js';
import { CostTable } from './cost-table.js';
import { startModuleWorker } from '../module-worker.js';

interface ReadPage {
  next: string | null;
  lines: CostTable;
}

interface Waiting {
  resolve(page: ReadPage): void;
  reject(problem: string): void;
}

/**
 * Pages waiting for the worker, past which a page is read on the main thread instead. The queue
 * holds whole bodies: unbounded, many cold periods at once could hold gigabytes, while reading
 * here also slows the reading of sockets, so that Confluent's pages wait in the network instead.
 */
export const MAX_PAGES_WAITING = 4;

/** A body's bytes as a buffer of their own, which can be moved to the worker instead of copied. */
function ownBuffer(body: Uint8Array): ArrayBuffer {
  const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
  // A copy otherwise: `Buffer#slice` would be a view of the same memory.
  return whole ? (body.buffer as ArrayBuffer) : new Uint8Array(body).buffer;
}

/**
 * Workers reading pages side by side: a month's pages arrive faster than one worker reads them
 * (a 4 MB page takes one about 100 ms of CPU, and two to three times that while the event loop
 * and the upstream calls keep the cores busy), and the lines are wanted as soon as the last page
 * is in. Two on two cores as on more: they run below the event loop, so they take only the time
 * it leaves (measured on two cores: a cold wide query 43 ms faster than with one; a third gained
 * nothing).
 */
const WORKERS = Math.min(2, availableParallelism());

interface ReaderWorker {
  worker: Worker;
  /** Pages sent to this worker and not yet answered, by id. */
  waiting: Map<number, Waiting>;
}

export class CostPageReader {
  readonly #workers: Array<ReaderWorker | undefined> = [];
  #nextId = 1;

  /**
   * One page's `next` link and lines (as the page's one item: a table of them). The link is taken
   * from the head of the body when it shows there, so the next page is asked for while a worker
   * reads this one's lines.
   */
  read = (body: Uint8Array, unexpected: (problem: string) => ConfluentError): ListPage<CostTable> | Promise<ListPage<CostTable>> => {
    const early = nextLinkInHead(body);
    const page = this.#parse(body).catch((problem: string) => {
      throw unexpected(problem);
    });
    if (early === undefined) return page.then(({ next, lines }) => ({ metadata: { next }, data: [lines] }));
    const data = page.then(({ next, lines }) => {
      if (next !== early) throw unexpected('metadata.next differs from the one at the head of the body');
      return [lines];
    });
    return { metadata: { next: early }, data };
  };

  #parse(body: Uint8Array): Promise<ReadPage> {
    if (this.#pagesWaiting() >= MAX_PAGES_WAITING) {
      const page = readCostPage(body);
      return page.ok ? Promise.resolve({ next: page.next, lines: CostTable.of(page.lines) }) : Promise.reject(page.problem);
    }
    return new Promise((resolve, reject) => {
      const reader = this.#leastBusy();
      const id = this.#nextId++;
      reader.waiting.set(id, { resolve, reject });
      // Only a worker with pages to read keeps the process alive.
      reader.worker.ref();
      const buffer = ownBuffer(body);
      reader.worker.postMessage({ id, body: new Uint8Array(buffer) } satisfies CostPageRequest, [buffer]);
    });
  }

  /** Starts the workers ahead of the first page, so no request waits for them to load. */
  start(): void {
    for (let slot = 0; slot < WORKERS; slot++) this.#running(slot);
  }

  #pagesWaiting(): number {
    return this.#workers.reduce((sum, reader) => sum + (reader?.waiting.size ?? 0), 0);
  }

  #leastBusy(): ReaderWorker {
    let chosen = this.#running(0);
    for (let slot = 1; slot < WORKERS; slot++) {
      const reader = this.#running(slot);
      if (reader.waiting.size < chosen.waiting.size) chosen = reader;
    }
    return chosen;
  }

  #running(slot: number): ReaderWorker {
    const running = this.#workers[slot];
    if (running) return running;
    const reader: ReaderWorker = { worker: startModuleWorker('cost-page-worker', import.meta.url), waiting: new Map() };
    const { worker } = reader;
    worker.on('message', (reply: CostPageReply) => this.#answer(reader, reply));
    // A worker that fails fails the pages it was reading; the next page starts a new one.
    worker.on('error', (error) => this.#stopped(slot, reader, `the cost page reader failed: ${error.message}`));
    worker.on('exit', (code) => this.#stopped(slot, reader, `the cost page reader exited (code ${code})`));
    // Idle until a page comes: an idle worker must not keep the process alive.
    worker.unref();
    this.#workers[slot] = reader;
    return reader;
  }

  #answer(reader: ReaderWorker, reply: CostPageReply): void {
    const waiting = reader.waiting.get(reply.id);
    reader.waiting.delete(reply.id);
    if (reader.waiting.size === 0) reader.worker.unref();
    if (!waiting) return;
    if (!reply.ok) waiting.reject(reply.problem);
    else waiting.resolve({ next: reply.next, lines: new CostTable([reply.lines]) });
  }

  #stopped(slot: number, reader: ReaderWorker, reason: string): void {
    if (this.#workers[slot] !== reader) return;
    this.#workers[slot] = undefined;
    for (const waiting of reader.waiting.values()) waiting.reject(reason);
    reader.waiting.clear();
  }
}

/** One reader for the process: its workers start with the server (or the first page) and idle unreferenced. */
export const costPageReader = new CostPageReader();
