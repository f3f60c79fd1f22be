// One Costs API page read into usage lines: the JSON parsed, checked as the client checks a list,
// and each line kept with the fields the graph uses, in the graph's order. Run in the worker
// thread, and on the main thread when the worker has pages enough waiting.
import type { Cost, ListEnvelope } from '../confluent/types.js';
import { byDateThenId, usageLineOf, type UsageLine } from './usage-line.js';

export type ReadCostPage =
  | { ok: true; next: string | null; lines: UsageLine[] }
  /** `problem` says what is wrong with the body, as the client reports it. */
  | { ok: false; problem: string };

const decoder = new TextDecoder();

export function readCostPage(body: Uint8Array): ReadCostPage {
  let page: ListEnvelope<Cost>;
  try {
    page = JSON.parse(decoder.decode(body)) as ListEnvelope<Cost>;
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
  if (!Array.isArray(page?.data)) return { ok: false, problem: 'the body is not a list' };
  if (!page.data.every((cost) => typeof cost === 'object' && cost !== null)) return { ok: false, problem: 'a cost line is not an object' };
  // The fields the spec requires and the graph orders and tells lines apart by.
  if (!page.data.every((cost) => typeof cost.id === 'string' && typeof cost.start_date === 'string' && typeof cost.end_date === 'string')) {
    return { ok: false, problem: 'a cost line has no id, start_date or end_date' };
  }
  const next: unknown = page.metadata?.next;
  if (next !== undefined && next !== null && typeof next !== 'string') return { ok: false, problem: 'metadata.next is not a link' };
  // Each page in order, so a listing's pages only need merging.
  const lines = page.data.map(usageLineOf).sort(byDateThenId);
  // An empty link ends the list as an absent one does.
  return { ok: true, next: next || null, lines };
}
