// A Costs API line reduced to the fields the graph reads, as each page arrives: a month of a large
// organization is tens of thousands of lines, and Confluent's whole JSON of each would be kept for
// as long as the month is cached. Amounts become integer micro-dollars, so sums are exact.
import type { Cost } from './types.js';

export interface CostLine {
  id: string;
  /** YYYY-MM-DD; `endDate` is exclusive. */
  startDate: string;
  endDate: string;
  /** Optional in Confluent's spec, so possibly null. */
  product: string | null;
  lineType: string | null;
  workspaceId: string | null;
  resourceId: string | null;
  resourceName: string | null;
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

const MICROS_PER_DOLLAR = 1_000_000;

/** Dollars to micro-dollars (Confluent reports at most 6 decimals); an absent amount is zero. */
export function toMicros(dollars: unknown): number {
  return typeof dollars === 'number' && Number.isFinite(dollars) ? Math.round(dollars * MICROS_PER_DOLLAR) : 0;
}

/** A field the spec has as a number: a numeric string is read as its number, anything else is null. */
function numberOrNull(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/**
 * Makes the lines of one listing. Values repeated across lines (days, products, environments,
 * resources) are kept once: JSON.parse gives every line its own copy of each.
 */
export function costLineReader(): (cost: Cost) => CostLine {
  const seen = new Map<string, string>();
  const text = (value: unknown): string | null => {
    if (value === null || value === undefined || value === '') return null;
    const string = String(value);
    const known = seen.get(string);
    if (known !== undefined) return known;
    seen.set(string, string);
    return string;
  };
  return (cost) => {
    const originalMicros = toMicros(cost.original_amount);
    const discountMicros = toMicros(cost.discount_amount);
    return {
      id: String(cost.id),
      // `2026-01-01` from `2026-01-01` or `2026-01-01 00:00:00`, as some servers send it.
      startDate: text(String(cost.start_date).slice(0, 10)) ?? '',
      endDate: text(String(cost.end_date).slice(0, 10)) ?? '',
      product: text(cost.product),
      lineType: text(cost.line_type),
      workspaceId: text(cost.resource?.environment?.id),
      resourceId: text(cost.resource?.id),
      resourceName: text(cost.resource?.display_name),
      originalMicros,
      discountMicros,
      // SUPPORT and PROMO_CREDIT lines may leave out `amount`: it is then original − discount.
      amountMicros: typeof cost.amount === 'number' ? toMicros(cost.amount) : originalMicros - discountMicros,
      quantity: numberOrNull(cost.quantity),
      unit: text(cost.unit),
      price: numberOrNull(cost.price),
      granularity: text(cost.granularity),
      networkAccessType: text(cost.network_access_type),
      description: text(cost.description),
    };
  };
}
