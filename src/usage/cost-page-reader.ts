// Reads Costs API pages in a worker thread (cost-page-worker.ts) and hands back usage lines. A
// month of a large organization's costs is tens of megabytes of JSON: parsed here on the main
// thread, it would hold up every other request and upstream call for hundreds of milliseconds.
import { Worker } from 'node:worker_threads';
import type { ConfluentError } from '../confluent/errors.js';
import { nextLinkInHead } from '../confluent/list-head.js';
import type { ListPage } from '../confluent/pagination.js';
import { readCostPage, type ReadCostPage } from './cost-page.js';
import type { CostPageReply, CostPageRequest } from './cost-page-worker.js';
import { unpackLines } from './packed-lines.js';
import type { UsageLine } from './usage-line.js';

type ReadPage = Extract<ReadCostPage, { ok: true }>;

interface Waiting {
  resolve(page: ReadPage): void;
  reject(problem: string): void;
}

/** The worker, from its compiled file, or from its source through tsx's loader when running sources. */
function startWorker(): Worker {
  const runningSources = import.meta.url.endsWith('.ts');
  const file = new URL(`./cost-page-worker.${runningSources ? 'ts' : 'js'}`, import.meta.url);
  if (!runningSources) return new Worker(file);
  // On Node 20 a worker does not inherit its parent's module loader hooks, so it registers tsx's.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { eval: true });
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

export class CostPageReader {
  #worker: Worker | undefined;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;

  /**
   * One page's `next` link and lines. The link is taken from the head of the body when it shows
   * there, so the next page is asked for while the worker reads this one's lines.
   */
  read = (body: Uint8Array, unexpected: (problem: string) => ConfluentError): ListPage<UsageLine> | Promise<ListPage<UsageLine>> => {
    const early = nextLinkInHead(body);
    const page = this.#parse(body).catch((problem: string) => {
      throw unexpected(problem);
    });
    if (early === undefined) return page.then(({ next, lines }) => ({ metadata: { next }, data: lines }));
    const data = page.then(({ next, lines }) => {
      if (next !== early) throw unexpected('metadata.next differs from the one at the head of the body');
      return lines;
    });
    return { metadata: { next: early }, data };
  };

  #parse(body: Uint8Array): Promise<ReadPage> {
    if (this.#waiting.size >= MAX_PAGES_WAITING) {
      const page = readCostPage(body);
      return page.ok ? Promise.resolve(page) : Promise.reject(page.problem);
    }
    return new Promise((resolve, reject) => {
      const worker = this.#running();
      const id = this.#nextId++;
      this.#waiting.set(id, { resolve, reject });
      // Only a worker with pages to read keeps the process alive.
      worker.ref();
      const buffer = ownBuffer(body);
      worker.postMessage({ id, body: new Uint8Array(buffer) } satisfies CostPageRequest, [buffer]);
    });
  }

  /** Starts the worker ahead of the first page, so no request waits for it to load. */
  start(): void {
    this.#running();
  }

  #running(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker();
    worker.on('message', (reply: CostPageReply) => this.#answer(worker, reply));
    // A worker that fails fails the pages it was reading; the next page starts a new one.
    worker.on('error', (error) => this.#stopped(worker, `the cost page reader failed: ${error.message}`));
    worker.on('exit', (code) => this.#stopped(worker, `the cost page reader exited (code ${code})`));
    // Idle until a page comes: an idle worker must not keep the process alive.
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #answer(worker: Worker, reply: CostPageReply): void {
    const waiting = this.#waiting.get(reply.id);
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) worker.unref();
    if (!waiting) return;
    if (!reply.ok) waiting.reject(reply.problem);
    else void unpackLines(reply.lines).then((lines) => waiting.resolve({ ok: true, next: reply.next, lines }));
  }

  #stopped(worker: Worker, reason: string): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    for (const waiting of this.#waiting.values()) waiting.reject(reason);
    this.#waiting.clear();
  }
}

/** One reader for the process: its worker starts with the server (or the first page) and idles unreferenced. */
export const costPageReader = new CostPageReader();
