// A worker thread that reads Costs API pages: decodes and parses the JSON and keeps the fields the
// graph uses, so the megabytes of a large organization's month of costs, and the garbage they
// leave, never reach the event loop that answers GraphQL requests.
import { parentPort } from 'node:worker_threads';
import type { Cost, ListEnvelope } from '../confluent/types.js';
import { byDateThenId } from './line-order.js';
import { packLines, transferablesOf, type PackedLines } from './packed-lines.js';
import { usageLineOf } from './usage-line.js';

export interface CostPageRequest {
  id: number;
  body: Uint8Array;
}

export type CostPageReply =
  | { id: number; ok: true; next: string | null; lines: PackedLines }
  /** `problem` says what is wrong with the body, as the client reports it. */
  | { id: number; ok: false; problem: string };

const decoder = new TextDecoder();

function read(request: CostPageRequest): { reply: CostPageReply; transfer: ArrayBuffer[] } {
  let page: ListEnvelope<Cost>;
  try {
    page = JSON.parse(decoder.decode(request.body)) as ListEnvelope<Cost>;
  } catch {
    return { reply: { id: request.id, ok: false, problem: 'the body is not JSON' }, transfer: [] };
  }
  if (!Array.isArray(page?.data)) return { reply: { id: request.id, ok: false, problem: 'the body is not a list' }, transfer: [] };
  if (!page.data.every((cost) => typeof cost === 'object' && cost !== null)) {
    return { reply: { id: request.id, ok: false, problem: 'a cost line is not an object' }, transfer: [] };
  }
  const next: unknown = page.metadata?.next;
  if (next !== undefined && next !== null && typeof next !== 'string') {
    return { reply: { id: request.id, ok: false, problem: 'metadata.next is not a link' }, transfer: [] };
  }
  // Sorted here, off the main thread, so a listing's pages only need merging there.
  const lines = packLines(page.data.map(usageLineOf).sort(byDateThenId));
  // An empty link ends the list as an absent one does.
  return { reply: { id: request.id, ok: true, next: next || null, lines }, transfer: transferablesOf(lines) };
}

parentPort?.on('message', (request: CostPageRequest) => {
  const { reply, transfer } = read(request);
  parentPort?.postMessage(reply, transfer);
});
