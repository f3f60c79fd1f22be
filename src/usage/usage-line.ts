// A Costs API line as the graph uses it, read once when a window's lines arrive: the fields that
// several places need (day, workspace, resource, amounts in micro-dollars) are worked out here,
// the same way for every resolver, filter and summary, and not again per field or per request.
import type { Cost } from '../confluent/types.js';
import { toMicros } from './money.js';

export interface UsageResourceRecord {
  id: string;
  name: string | null;
}

export interface UsageLine {
  id: string;
  /** YYYY-MM-DD; `endDate` is exclusive. */
  startDate: string;
  endDate: string;
  /** As Confluent reports them; optional in its spec, so possibly null. */
  productId: string | null;
  lineTypeId: string | null;
  workspaceId: string | null;
  resource: UsageResourceRecord | null;
  originalMicros: number;
  discountMicros: number;
  amountMicros: number;
  quantity: number | null;
  unit: string | null;
  price: number | null;
  granularity: string | null;
  networkAccessType: string | null;
  description: string | null;
}

/** The order the graph gives usage lines in: by day, then by id, so pages and cursors are stable. */
export function byDateThenId(a: UsageLine, b: UsageLine): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `2026-01-01` from `2026-01-01` or `2026-01-01 00:00:00` (some servers send the latter). */
export function dayOfCostDate(date: string): string {
  return date.slice(0, 10);
}

/** A field the spec has as a string, as JSON shows it even when Confluent sends another type. */
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A field the spec has as a number: a numeric string is read as its number, anything else is null. */
function numberOrNull(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/**
 * SUPPORT and PROMO_CREDIT lines may leave out `discount_amount` and `amount`: no discount is
 * zero, and the amount is then original − discount. Values keep the types the graph declares for
 * them, which it writes without converting them again.
 */
export function usageLineOf(cost: Cost): UsageLine {
  const originalMicros = toMicros(cost.original_amount);
  const discountMicros = toMicros(cost.discount_amount);
  const resourceId = textOrNull(cost.resource?.id) || null;
  return {
    id: cost.id,
    startDate: dayOfCostDate(cost.start_date),
    endDate: dayOfCostDate(cost.end_date),
    productId: textOrNull(cost.product) || null,
    lineTypeId: textOrNull(cost.line_type) || null,
    workspaceId: textOrNull(cost.resource?.environment?.id) || null,
    resource: resourceId ? { id: resourceId, name: textOrNull(cost.resource?.display_name) } : null,
    originalMicros,
    discountMicros,
    amountMicros: typeof cost.amount === 'number' ? toMicros(cost.amount) : originalMicros - discountMicros,
    quantity: numberOrNull(cost.quantity),
    unit: textOrNull(cost.unit),
    price: numberOrNull(cost.price),
    granularity: textOrNull(cost.granularity),
    networkAccessType: textOrNull(cost.network_access_type),
    description: textOrNull(cost.description),
  };
}

/** What a billed resource is, from its id prefix (NOTES §8); an open set, so unknown ones are null. */
const RESOURCE_KIND_OF_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['lkc-', 'KAFKA_CLUSTER'],
  ['lcc-', 'CONNECTOR'],
  ['lsrc-', 'SCHEMA_REGISTRY'],
  ['lksqlc-', 'KSQLDB_CLUSTER'],
  ['lfcp-', 'FLINK_COMPUTE_POOL'],
];

export function resourceKindOf(resourceId: string): string | null {
  return RESOURCE_KIND_OF_PREFIX.find(([prefix]) => resourceId.startsWith(prefix))?.[1] ?? null;
}
