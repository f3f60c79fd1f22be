// A worker thread that reads Costs API pages (cost-page.ts), so the megabytes of a large
// organization's month of costs, and the garbage they leave, never reach the event loop that
// answers GraphQL requests. Lines go back packed (packed-lines.ts), as cloning them costs more.
import { parentPort } from 'node:worker_threads';
import { lowerThisThread } from '../thread-priority.js';
import { readCostPage } from './cost-page.js';
import { packLines, transferablesOf, type PackedLines } from './packed-lines.js';

// Reading pages is background work: the event loop, answering requests and calls, comes first.
lowerThisThread();

export interface CostPageRequest {
  id: number;
  body: Uint8Array;
}

export type CostPageReply = { id: number } & ({ ok: true; next: string | null; lines: PackedLines } | { ok: false; problem: string });

function reply(id: number, body: Uint8Array): void {
  const page = readCostPage(body);
  if (!page.ok) {
    parentPort?.postMessage({ id, ...page } satisfies CostPageReply);
    return;
  }
  const lines = packLines(page.lines);
  parentPort?.postMessage({ id, ok: true, next: page.next, lines } satisfies CostPageReply, transferablesOf(lines));
}

parentPort?.on('message', ({ id, body }: CostPageRequest) => {
  try {
    reply(id, body);
  } catch (error) {
    // One odd page must not end the worker, and with it the pages of other requests.
    parentPort?.postMessage({ id, ok: false, problem: `the page could not be read (${String(error)})` } satisfies CostPageReply);
  }
});
